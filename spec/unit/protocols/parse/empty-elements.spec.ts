/**
 * Empty XML elements and JSON nulls in error bodies, as boto3 returns them. botocore turns an
 * error body into a plain dict with ElementTree's `.text`, which is None for `<Message/>` and
 * `<Message></Message>`; its shape parsers read the same empty element as ''. A JSON error
 * whose `message` is null keeps None. Every expected value below is boto3 1.43.11's result for
 * the same response, recorded against a loopback server (None written as null).
 */
import { ClientError, Session } from '../../../../src';
import { CannedResponse, CannedServer } from '../../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const xml = (status: number, body: string): CannedResponse => ({ status, headers: { 'content-type': 'text/xml' }, body });

describe('empty elements and nulls, as boto3', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  const client = (service: string) => session.client(service, { endpointUrl: url, config: { s3: { addressingStyle: 'path' } } });
  async function failure(call: Promise<unknown>): Promise<ClientError> {
    const err = await call.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    return err as ClientError;
  }

  it('rest-xml (S3): <Message/> is null', async () => {
    server.reply(xml(404, '<Error><Code>NoSuchKey</Code><Message/></Error>'));
    const err = await failure(client('s3').getObject({ Bucket: 'b', Key: 'k' }));
    expect(err.response.Error).toEqual({ Code: 'NoSuchKey', Message: null });
  });

  it('rest-xml (S3): every empty leaf of the error is null; nested elements stay dicts', async () => {
    server.reply(xml(403, '<Error><Code>AccessDenied</Code><Message><![CDATA[]]></Message><Resource></Resource><Extra attr="1"/><Nested><A/></Nested></Error>'));
    const err = await failure(client('s3').getObject({ Bucket: 'b', Key: 'k' }));
    // boto3: {'Code': 'AccessDenied', 'Message': None, 'Resource': None, 'Extra': None, 'Nested': {'A': None}}
    expect(err.response.Error).toEqual({ Code: 'AccessDenied', Message: null, Resource: null, Extra: null, Nested: { A: null } });
  });

  it('rest-xml (Route 53 <ErrorResponse>): <Message/> is null', async () => {
    server.reply(xml(400, '<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message/></Error><RequestId>r</RequestId></ErrorResponse>'));
    const err = await failure(client('route53').getHostedZone({ Id: 'Z1' }));
    expect(err.response.Error).toEqual({ Message: null, Code: 'NoSuchHostedZone', Type: 'Sender' });
    expect(err.response.ResponseMetadata.RequestId).toBe('r');
  });

  it('query (IAM): <Message/> is null', async () => {
    server.reply(xml(400, '<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message/></Error><RequestId>r1</RequestId></ErrorResponse>'));
    const err = await failure(client('iam').getUser());
    expect(err.response.Error).toEqual({ Type: 'Sender', Code: 'NoSuchEntity', Message: null });
  });

  it('ec2: <Message/> and <RequestID/> are null', async () => {
    server.reply(xml(400, '<Response><Errors><Error><Code>Bad</Code><Message/></Error></Errors><RequestID/></Response>'));
    const err = await failure(client('ec2').describeRegions());
    expect(err.response.Error).toEqual({ Code: 'Bad', Message: null });
    expect(err.response.ResponseMetadata.RequestId).toBeNull();
  });

  it("query success: empty members are '' but an empty <RequestId/> in ResponseMetadata is null", async () => {
    server.reply(
      xml(
        200,
        '<GetUserResponse><GetUserResult><User><Path/><UserName></UserName><UserId>u</UserId><Arn>a</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></User></GetUserResult>' +
          '<ResponseMetadata><RequestId/></ResponseMetadata></GetUserResponse>',
      ),
    );
    const r = (await client('iam').getUser()) as { User: Record<string, unknown>; ResponseMetadata: { RequestId?: unknown } };
    expect(r.User).toMatchObject({ Path: '', UserName: '', UserId: 'u', Arn: 'a' });
    expect(r.ResponseMetadata.RequestId).toBeNull();
  });

  it('json (DynamoDB): "message": null is a null Message', async () => {
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":"com.amazonaws#ValidationException","message":null}' });
    const err = await failure(client('dynamodb').listTables());
    expect(err.response.Error).toEqual({ Message: null, Code: 'ValidationException' });
  });

  it('rest-json (Lambda): "message": null wins over "Message", as dict.get does', async () => {
    server.reply({ status: 400, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidParameterValueException' }, body: '{"message":null, "Message":"M"}' });
    const err = await failure(client('lambda').listFunctions());
    expect(err.response.Error).toEqual({ Message: null, Code: 'InvalidParameterValueException' });
  });

  it('json: "__type": null leaves the code empty; rest-json "code": null keeps the __type code', async () => {
    // boto3 1.43.11: {'Message': 'm', 'Code': ''} and {'Message': 'm', 'Code': 'Gone'}.
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":null,"message":"m"}' });
    expect((await failure(client('dynamodb').listTables())).response.Error).toEqual({ Message: 'm', Code: '' });
    server.reply({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"__type":"Gone","code":null,"message":"m"}' });
    expect((await failure(client('lambda').listFunctions())).response.Error).toEqual({ Message: 'm', Code: 'Gone' });
  });
});
