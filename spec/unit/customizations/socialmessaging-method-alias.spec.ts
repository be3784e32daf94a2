/**
 * botocore's ClientMethodAlias: socialmessaging's old `delete_whatsapp_media_message` calls
 * DeleteWhatsAppMessageMedia. The request is boto3 1.43.11's for the same call through the alias
 * (captured at before-send): DELETE /v1/whatsapp/media?mediaId=m1&originationPhoneNumberId=phone-number-id-1.
 * boto3 does not list the alias in dir(client); botojs does not list it in Object.keys either.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('socialmessaging delete_whatsapp_media_message alias', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":true}' };
  });
  afterAll(() => server.stop());

  it('calls DeleteWhatsAppMessageMedia under any spelling of the alias', async () => {
    const client = session.client('socialmessaging', { endpointUrl: url });
    expect(client.deleteWhatsappMediaMessage).toBe(client.deleteWhatsappMessageMedia);
    expect(client.delete_whatsapp_media_message).toBe(client.deleteWhatsappMessageMedia);
    const out = await client.deleteWhatsappMediaMessage({ mediaId: 'm1', originationPhoneNumberId: 'phone-number-id-1' });
    expect(out.success).toBe(true);
    expect(`${server.requests[0].method} ${server.requests[0].url}`).toBe('DELETE /v1/whatsapp/media?mediaId=m1&originationPhoneNumberId=phone-number-id-1');
  });

  it('is not listed, and other clients have no such alias', () => {
    const client = session.client('socialmessaging', { endpointUrl: url });
    expect(Object.keys(client)).toContain('deleteWhatsappMessageMedia');
    expect(Object.keys(client)).not.toContain('deleteWhatsappMediaMessage');
    expect('deleteWhatsappMediaMessage' in client).toBe(true);
    expect(() => session.client('sqs').deleteWhatsappMediaMessage).toThrow(TypeError);
  });
});
