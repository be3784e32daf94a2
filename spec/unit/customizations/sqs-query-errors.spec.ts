/**
 * SQS errors are classed by QueryErrorCode (botocore's _handle_sqs_compatible_error): with
 * `x-amzn-query-error`, Error.Code is the query code while the exception is the modeled shape.
 * Expected values are boto3 1.43.11's results for the same responses (loopback server).
 */
import { ClientError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('SQS query-compatible errors', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const sqs = () => session.client('sqs', { endpointUrl: url });
  const body = '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"m"}';

  it('x-amzn-query-error: the class is QueueDoesNotExist, Error.Code the query code', async () => {
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' }, body });
    const client = sqs();
    const err = (await client.getQueueUrl({ QueueName: 'q' }).catch((e: unknown) => e)) as ClientError;
    // boto3: QueueDoesNotExist, "An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: m"
    expect(err).toBeInstanceOf(client.exceptions.QueueDoesNotExist);
    expect(err.name).toBe('QueueDoesNotExist');
    expect(err.message).toBe('An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: m');
    expect(err.response.Error).toEqual({ Message: 'm', Code: 'AWS.SimpleQueueService.NonExistentQueue', QueryErrorCode: 'QueueDoesNotExist', Type: 'Sender' });
  });

  it('without the header: classed by __type as before', async () => {
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body });
    const client = sqs();
    const err = (await client.getQueueUrl({ QueueName: 'q' }).catch((e: unknown) => e)) as ClientError;
    expect(err).toBeInstanceOf(client.exceptions.QueueDoesNotExist);
    expect(err.code).toBe('QueueDoesNotExist');
  });
});
