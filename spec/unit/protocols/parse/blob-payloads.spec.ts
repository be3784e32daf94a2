/**
 * A blob payload member is returned as a StreamingBody whether or not its shape has the
 * `streaming` trait: botocore's has_streaming_output is "the output payload is a blob", so boto3
 * gives Lambda Invoke's Payload and API Gateway GetExport's body as a StreamingBody. Expected
 * values are boto3 1.43.11's results for the same responses (loopback server).
 */
import { Session } from '../../../../src';
import { StreamingBody } from '../../../../src/util/streaming-body';
import { CannedServer } from '../../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('blob payloads without the streaming trait', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('Lambda Invoke: Payload is a StreamingBody, the other members as boto3', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json', 'content-length': '11', 'X-Amz-Executed-Version': '$LATEST' }, body: '{"ok":true}' });
    const r = await session.client('lambda', { endpointUrl: url }).invoke({ FunctionName: 'f' });
    // boto3: {'StatusCode': 200, 'ExecutedVersion': '$LATEST', 'Payload': <StreamingBody> reading b'{"ok":true}'}
    expect(r.Payload).toBeInstanceOf(StreamingBody);
    expect((r.Payload as StreamingBody).contentLength).toBe(11);
    expect(await (r.Payload as StreamingBody).text()).toBe('{"ok":true}');
    expect(r.StatusCode).toBe(200);
    expect(r.ExecutedVersion).toBe('$LATEST');
  });

  it('API Gateway GetExport: body is a StreamingBody', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"swagger":"2.0"}' });
    const r = await session.client('apigateway', { endpointUrl: url }).getExport({ restApiId: 'r', stageName: 's', exportType: 'swagger' });
    // boto3: {'contentType': 'application/json', 'body': <StreamingBody> reading b'{"swagger":"2.0"}'}
    expect(r.contentType).toBe('application/json');
    expect(r.body).toBeInstanceOf(StreamingBody);
    expect(await (r.body as StreamingBody).text()).toBe('{"swagger":"2.0"}');
  });

  it('an error response of such an operation is still read whole and raised', async () => {
    server.reply({ status: 404, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }, body: '{"Message":"no such function"}' });
    const err = (await session.client('lambda', { endpointUrl: url }).invoke({ FunctionName: 'f' }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(err.code).toBe('ResourceNotFoundException');
    expect(err.message).toContain('no such function');
  });

  it('the operation model says so: has_streaming_output for every blob payload, none for others', () => {
    const lambda = session.client('lambda').meta.serviceModel;
    expect(lambda.operation('Invoke').outputStreamingMember).toBe('Payload');
    expect(lambda.operation('GetFunction').outputStreamingMember).toBeUndefined();
    const s3 = session.client('s3').meta.serviceModel;
    expect(s3.operation('GetObject').outputStreamingMember).toBe('Body');
    // A string payload is not a stream (botocore decodes it).
    expect(s3.operation('GetBucketPolicy').outputStreamingMember).toBeUndefined();
  });
});
