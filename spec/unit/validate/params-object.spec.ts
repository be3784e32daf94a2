/**
 * A call's params must be an object of members (or absent): anything else is refused with a
 * ParamValidationError naming what was passed, and nothing is sent, even with validation off.
 */
import { Config, ParamValidationError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

describe('params that are not an object', () => {
  const server = new CannedServer();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  it.each([
    ['a string', 'QueueNamePrefix=x', /got string "QueueNamePrefix=x"/],
    ['a number', 5, /got number 5/],
    ['an array', [{ QueueNamePrefix: 'x' }], /got array/],
    ['null', null, /got null/],
    ['a Promise', Promise.resolve({}), /got Promise \(did you forget an await\?\)/],
    ['a Date', new Date(0), /got Date/],
  ])('%s is refused before anything is sent', async (_what, params, detail) => {
    for (const config of [new Config({}), new Config({ parameterValidation: false })]) {
      const sqs = session.client('sqs', { endpointUrl: endpoint, config });
      const call = sqs.listQueues(params as never);
      await expect(call).rejects.toBeInstanceOf(ParamValidationError);
      await expect(call).rejects.toThrow(/Parameters must be an object of member names to values/);
      await expect(call).rejects.toThrow(detail);
    }
    expect(server.requests).toHaveLength(0);
  });
});
