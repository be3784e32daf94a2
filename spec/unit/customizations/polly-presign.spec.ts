/**
 * A presigned Polly SynthesizeSpeech URL does not sign Content-Type (botocore's
 * remove_content_type_header_for_presigning). boto3 1.43.11's URL for
 * generate_presigned_url('synthesize_speech', Params={'Text': 'Hello world', 'OutputFormat':
 * 'mp3', 'VoiceId': 'Joanna'}, ExpiresIn=600) at 2024-01-02T03:04:05Z with AKID/SECRET has
 * `X-Amz-SignedHeaders=host`. (It also carries the JSON body's members in the query,
 * `Text=Hello%20world&OutputFormat=mp3&VoiceId=Joanna&...`, botocore's SigV4QueryAuth moving
 * every body into the query: botojs's presignUrl moves form bodies only, so that part, and the
 * signature, still differ; docs/botocore-customizations.md row 80 says so.)
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

describe('Polly SynthesizeSpeech presigned URLs', () => {
  const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
  const params = { Text: 'Hello world', OutputFormat: 'mp3', VoiceId: 'Joanna' };

  it('sign only host, as boto3 (Content-Type is dropped)', async () => {
    const url = new URL(await session.client('polly').generatePresignedUrl('synthesizeSpeech', { Params: params, ExpiresIn: 600 }));
    expect(url.pathname).toBe('/v1/speech');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
  });

  it('leave the Content-Type of calls, and of other presigned operations, alone', async () => {
    const server = new CannedServer();
    const endpointUrl = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: 'mp3' };
    try {
      const polly = session.client('polly', { endpointUrl });
      const out = await polly.synthesizeSpeech(params);
      await out.AudioStream.read();
      expect(server.requests[0].headers['content-type']).toBe('application/json');
      expect(server.requests[0].headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date,');
      // boto3: put_lexicon's presigned URL signs content-type;host.
      const other = new URL(await polly.generatePresignedUrl('putLexicon', { Params: { Name: 'lex', Content: 'x' } }));
      expect(other.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    } finally {
      await server.stop();
    }
  });
});
