/**
 * A damaged response never becomes a result, whatever the retry mode: a DynamoDB body whose
 * CRC32 does not match `x-amz-crc32` is retried, then raised as ChecksumError; a success body
 * that does not parse is a ResponseParserError. Exercised through a client against a canned
 * loopback server.
 */
import { crc32Portable as crc32 } from '../../../src/util/crc';
import { ChecksumError, Config, ResponseParserError, Session } from '../../../src';
import type { RetryMode } from '../../../src/retries';
import { CannedResponse, CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.0' };
const GOOD = '{"Item":{"k":{"S":"good"}}}';

/** A 200 carrying `body` and the CRC32 of `crcOf` (the body itself when not given). */
function ddb200(body: string, crcOf = body): CannedResponse {
  return { status: 200, headers: { ...JSON_TYPE, 'x-amz-crc32': String(crc32(Buffer.from(crcOf)) >>> 0) }, body };
}
/** The good item, damaged in transit: one letter changed, the header still the original's. */
const corrupted = () => ddb200('{"Item":{"k":{"S":"gooe"}}}', GOOD);

describe('response integrity through the client', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    // A failed test may leave replies queued; each test starts with none.
    server['queue'].length = 0;
    // No backoff: every mode draws its jitter from Math.random when the client is created.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  const client = (mode: RetryMode, totalMaxAttempts = 3) =>
    session.client('dynamodb', { endpointUrl: url, config: new Config({ retries: { mode, totalMaxAttempts } }) });
  const modes: RetryMode[] = ['legacy', 'standard', 'adaptive'];

  describe.each(modes)('%s mode: DynamoDB x-amz-crc32', (mode) => {
    it('a mismatch on every attempt is raised as ChecksumError, never returned', async () => {
      server.reply(corrupted(), corrupted(), corrupted());
      const ddb = client(mode);
      const err = await ddb.getItem({ TableName: 't', Key: { k: { S: 'good' } } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChecksumError);
      expect((err as Error).message).toMatch(/^Checksum crc32 failed, expected checksum \d+ did not match calculated checksum \d+\.$/);
      expect(server.requests.length).toBe(3);
      ddb.close();
    });

    it('a mismatch is retried and the intact response returned', async () => {
      server.reply(corrupted(), ddb200(GOOD));
      const ddb = client(mode);
      const r = await ddb.getItem({ TableName: 't', Key: { k: { S: 'good' } } });
      expect(r.Item).toEqual({ k: { S: 'good' } });
      expect(r.ResponseMetadata.RetryAttempts).toBe(1);
      ddb.close();
    });

    it('a damaged body that no longer parses is retried as a CRC32 mismatch, not raised as a parse error', async () => {
      server.reply(ddb200('{"Item":{"k":{"S":"go', GOOD), ddb200(GOOD));
      const ddb = client(mode);
      const r = await ddb.getItem({ TableName: 't', Key: { k: { S: 'good' } } });
      expect(r.Item).toEqual({ k: { S: 'good' } });
      expect(server.requests.length).toBe(2);
      server.reply(ddb200('{"Item":', GOOD), ddb200('{"Item":', GOOD), ddb200('{"Item":', GOOD));
      await expect(ddb.getItem({ TableName: 't', Key: { k: { S: 'good' } } })).rejects.toBeInstanceOf(ChecksumError);
      ddb.close();
    });
  });

  it('a DynamoDB 200 with invalid JSON (and a matching or no CRC32) is a ResponseParserError, not "no Item"', async () => {
    const ddb = client('standard');
    for (const bad of [ddb200('{"Item":{"k":{"S":"v"}'), { status: 200, headers: JSON_TYPE, body: '<html>proxy</html>' }]) {
      server.requests.length = 0;
      server.reply(bad);
      const err = await ddb.getItem({ TableName: 't', Key: { k: { S: 'v' } } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResponseParserError);
      expect((err as ResponseParserError).message).toMatch(/^Unable to parse response of GetItem \(HTTP 200\): invalid JSON/);
      // Not retried: nothing says a second try would differ (botocore does not retry it either).
      expect(server.requests.length).toBe(1);
    }
    ddb.close();
  });
});
