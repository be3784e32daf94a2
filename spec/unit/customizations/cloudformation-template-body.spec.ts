/**
 * CloudFormation GetTemplate: a JSON TemplateBody comes back parsed, a YAML one as text
 * (botocore's json_decode_template_body). Expected values are boto3 1.43.11's results for the
 * same responses, recorded against a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });

describe('CloudFormation GetTemplate TemplateBody', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const cfn = () => session.client('cloudformation', { endpointUrl: url });

  it('a JSON template is an object', async () => {
    server.reply(
      xml(
        '<GetTemplateResponse><GetTemplateResult><TemplateBody>{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}, "A": [1, 2.5, true, null]}</TemplateBody>' +
          '<StagesAvailable><member>Original</member></StagesAvailable></GetTemplateResult></GetTemplateResponse>',
      ),
    );
    const r = await cfn().getTemplate({ StackName: 's' });
    // boto3: {'Resources': {'B': {'Type': 'AWS::S3::Bucket'}}, 'A': [1, 2.5, True, None]}
    expect(r.TemplateBody).toEqual({ Resources: { B: { Type: 'AWS::S3::Bucket' } }, A: [1, 2.5, true, null] });
    expect(r.StagesAvailable).toEqual(['Original']);
  });

  it('a YAML template stays text', async () => {
    server.reply(xml('<GetTemplateResponse><GetTemplateResult><TemplateBody>Resources:\n  B:\n    Type: AWS::S3::Bucket\n</TemplateBody></GetTemplateResult></GetTemplateResponse>'));
    const r = await cfn().getTemplate({ StackName: 's' });
    expect(r.TemplateBody).toBe('Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
  });
});
