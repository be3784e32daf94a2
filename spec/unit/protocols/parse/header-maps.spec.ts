/**
 * Header-prefix maps (`location: headers`, S3's Metadata from `x-amz-meta-*`) are keyed in the
 * server's case, as boto3's: botocore iterates urllib3's headers, which keep the names as sent,
 * and strips the prefix by length. ResponseMetadata.HTTPHeaders stays lower-case. The expected
 * values are boto3 1.43.11's result for the same response (loopback server).
 */
import { Session } from '../../../../src';
import { parseRestXml } from '../../../../src/protocols/parse';
import { CannedServer } from '../../../helpers/canned-server';
import { model } from './helpers';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('header-prefix maps keep the server spelling', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('S3 HeadObject: X-Amz-Meta-Owner is Metadata.Owner', async () => {
    server.reply({ status: 200, headers: { 'X-Amz-Meta-Owner': 'Ann', 'x-amz-meta-lower': 'l', 'X-AMZ-META-UP': 'u', 'Content-Length': '0' } });
    const s3 = session.client('s3', { endpointUrl: url, config: { s3: { addressingStyle: 'path' } } });
    const r = await s3.headObject({ Bucket: 'b', Key: 'k' });
    // boto3: 'Metadata': {'Owner': 'Ann', 'lower': 'l', 'UP': 'u'}
    expect(r.Metadata).toEqual({ Owner: 'Ann', lower: 'l', UP: 'u' });
    // boto3: HTTPHeaders {'x-amz-meta-owner': 'Ann', 'x-amz-meta-lower': 'l', 'x-amz-meta-up': 'u', ...}
    expect(r.ResponseMetadata.HTTPHeaders).toMatchObject({ 'x-amz-meta-owner': 'Ann', 'x-amz-meta-lower': 'l', 'x-amz-meta-up': 'u' });
  });

  it('the parser reads the spelling from RawResponse.rawHeaders, the first of a repeated name', () => {
    const { op, ctx } = model(
      'rest-xml',
      { Out: { type: 'structure', members: { Meta: { shape: 'M', location: 'headers', locationName: 'x-meta-' } } }, M: { type: 'map', key: { shape: 'S' }, value: { shape: 'S' } }, S: { type: 'string' } },
      { shape: 'Out' },
    );
    const parsed = parseRestXml(
      op,
      { statusCode: 200, headers: { 'x-meta-camelcase': 'a, b', 'x-meta-plain': 'p' }, rawHeaders: ['X-Meta-CamelCase', 'a', 'x-meta-camelcase', 'b', 'x-meta-plain', 'p'], body: Buffer.alloc(0) },
      ctx,
    );
    expect(parsed.Meta).toEqual({ CamelCase: 'a, b', plain: 'p' });
    // Without rawHeaders (a stubbed response), names are RawResponse's.
    const stubbed = parseRestXml(op, { statusCode: 200, headers: { 'x-meta-camelcase': 'a' }, body: Buffer.alloc(0) }, ctx);
    expect(stubbed.Meta).toEqual({ camelcase: 'a' });
    // ... in whatever case RawResponse has them (a handler may have set one).
    const handSet = parseRestXml(op, { statusCode: 200, headers: { 'X-Meta-Mixed': 'm', 'x-meta-low': 'l' }, body: Buffer.alloc(0) }, ctx);
    expect(handSet.Meta).toEqual({ Mixed: 'm', low: 'l' });
  });
});
