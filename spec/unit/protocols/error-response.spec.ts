/**
 * A 200 whose output models a member named `Error` is a result, not a ClientError: boto3 raises
 * only for a status of 300 or more (client._make_api_call). The expected results are boto3
 * 1.43.11's, recorded against a loopback server sending these same responses.
 */
import { ClientError, Session } from '../../../src';
import { isErrorResponse } from '../../../src/protocols/error-response';
import type { ParsedResponse } from '../../../src/protocols/types';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const json = (body: string, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, body });
const strip = ({ ResponseMetadata: _m, ...rest }: Record<string, unknown>) => rest;

describe('responses with an Error member', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('amplifybackend: a 200 with its `error` string member is a result', async () => {
    server.reply(json('{"appId":"a","error":"it failed","status":"FAILED"}'));
    const r = await session.client('amplifybackend', { endpointUrl: url }).getBackendJob({ AppId: 'a', BackendEnvironmentName: 'e', JobId: 'j' });
    // boto3: {'AppId': 'a', 'Error': 'it failed', 'Status': 'FAILED', 'ResponseMetadata': {...200...}}
    expect(strip(r)).toEqual({ AppId: 'a', Error: 'it failed', Status: 'FAILED' });
    expect(r.ResponseMetadata.HTTPStatusCode).toBe(200);
  });

  it('migration-hub-refactor-spaces: a 200 with an Error structure { Code, Message } is a result', async () => {
    server.reply(json('{"Error":{"Code":"INVALID_RESOURCE_STATE","Message":"m"},"Name":"n"}'));
    const client = session.client('migration-hub-refactor-spaces', { endpointUrl: url });
    const r = await client.getEnvironment({ EnvironmentIdentifier: 'env-1234567890' });
    // boto3: {'Error': {'Code': 'INVALID_RESOURCE_STATE', 'Message': 'm'}, 'Name': 'n', ...}
    expect(strip(r)).toEqual({ Error: { Code: 'INVALID_RESOURCE_STATE', Message: 'm' }, Name: 'n' });
  });

  it('iam (query): GetServiceLastAccessedDetails with its Error details is a result', async () => {
    server.reply({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body:
        '<GetServiceLastAccessedDetailsResponse><GetServiceLastAccessedDetailsResult><JobStatus>FAILED</JobStatus>' +
        '<JobCreationDate>2020-01-01T00:00:00Z</JobCreationDate><ServicesLastAccessed/><JobCompletionDate>2020-01-01T00:00:01Z</JobCompletionDate>' +
        '<Error><Message>denied</Message><Code>AccessDenied</Code></Error></GetServiceLastAccessedDetailsResult></GetServiceLastAccessedDetailsResponse>',
    });
    const r = await session.client('iam', { endpointUrl: url }).getServiceLastAccessedDetails({ JobId: 'j'.repeat(36) });
    expect(r.JobStatus).toBe('FAILED');
    expect(r.Error).toEqual({ Message: 'denied', Code: 'AccessDenied' });
  });

  it('the same services still raise for an error status', async () => {
    server.reply({ status: 404, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' }, body: '{"message":"gone"}' });
    const err = await session
      .client('amplifybackend', { endpointUrl: url })
      .getBackendJob({ AppId: 'a', BackendEnvironmentName: 'e', JobId: 'j' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('NotFoundException');
  });
});

describe('isErrorResponse', () => {
  const meta = (status: number) => ({ HTTPStatusCode: status, HTTPHeaders: {} });
  it.each([
    ['a 200 with an Error structure', { Error: { Code: 'X', Message: 'm' }, ResponseMetadata: meta(200) }, false],
    ['a 400 with its Error', { Error: { Code: 'X', Message: 'm' }, ResponseMetadata: meta(400) }, true],
    ['a 500 (an S3 200 error, re-statused before parsing)', { Error: { Code: '500', Message: '' }, ResponseMetadata: meta(500) }, true],
    ['a stub without ResponseMetadata, judged by its Error', { Error: { Code: 'X', Message: 'm' } }, true],
    ['a 200 with an Error string', { Error: 'failed', ResponseMetadata: meta(200) }, false],
  ])('%s', (_what, parsed, expected) => {
    expect(isErrorResponse(parsed as unknown as ParsedResponse)).toBe(expected);
  });
});

describe('a 300 response', () => {
  it('is raised as a ClientError, never returned as a result (botocore raises every status >= 300)', async () => {
    const { CannedServer } = await import('../../helpers/canned-server');
    const { Session, ClientError } = await import('../../../src');
    const server = new CannedServer();
    server.reply({ status: 300, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
    const url = await server.start();
    const ddb = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } }).client('dynamodb', { endpointUrl: url });
    const err = await ddb.listTables({}).catch((e: unknown) => e);
    ddb.close();
    await server.stop();
    expect(err).toBeInstanceOf(ClientError);
    expect((err as InstanceType<typeof ClientError>).statusCode).toBe(300);
  });
});
