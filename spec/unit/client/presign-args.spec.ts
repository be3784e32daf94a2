/**
 * generatePresignedUrl / generatePresignedPost check their own arguments before signing: an
 * ExpiresIn SigV4 cannot carry, a method that is not a token, unknown options, a non-object
 * Params, and a POST's Bucket/Key/Fields/Conditions. Each is an InvalidPresignArgumentError (a
 * ParamValidationError) listing every problem; before, most were signed into a URL as given.
 */
import { InvalidPresignArgumentError, ParamValidationError, Session } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });
const s3 = session.client('s3');
const Params = { Bucket: 'b', Key: 'k' };

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('generatePresignedUrl arguments', () => {
  it.each([NaN, Infinity, 0, -5, 1.5, 604801, '3600'])('ExpiresIn %p is refused', async (ExpiresIn) => {
    const err = await rejection(s3.generatePresignedUrl('getObject', { Params, ExpiresIn: ExpiresIn as number }));
    expect(err).toBeInstanceOf(InvalidPresignArgumentError);
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err.message).toMatch(/^Parameter validation failed:\nInvalid ExpiresIn for generatePresignedUrl: .*; it must be a whole number of seconds from 1 to 604800 \(7 days\)$/);
  });

  it('an HttpMethod that is not a token is refused', async () => {
    await expect(s3.generatePresignedUrl('getObject', { Params, HttpMethod: 'GET\r\nX: y' })).rejects.toThrow(/Invalid HttpMethod for generatePresignedUrl: "GET\\r\\nX: y"; it must be an HTTP method name/);
    await expect(s3.generatePresignedUrl('getObject', { Params, HttpMethod: 5 as never })).rejects.toThrow(InvalidPresignArgumentError);
  });

  it('an unknown option is refused with the closest known one, and every problem is listed', async () => {
    const err = await rejection(s3.generatePresignedUrl('getObject', { Params, Expires: 60, ExpiresIn: NaN } as never));
    expect((err as ParamValidationError).problems).toEqual([
      `Unknown option 'Expires' for generatePresignedUrl, must be one of: Params, ExpiresIn, HttpMethod (did you mean "ExpiresIn"?)`,
      'Invalid ExpiresIn for generatePresignedUrl: NaN; it must be a whole number of seconds from 1 to 604800 (7 days)',
    ]);
  });

  it('options and ClientMethod of the wrong type are refused', async () => {
    await expect(s3.generatePresignedUrl('getObject', 'Bucket=b' as never)).rejects.toThrow(/Invalid options for generatePresignedUrl: "Bucket=b", type: string/);
    await expect(s3.generatePresignedUrl(42 as never)).rejects.toThrow(/Invalid ClientMethod for generatePresignedUrl: 42, type: number; it must be an operation name/);
  });

  it('Params must be an object (null means none, as botocore takes None)', async () => {
    await expect(s3.generatePresignedUrl('getObject', { Params: 'b/k' as never })).rejects.toThrow(/Params must be an object of member names to values, got string "b\/k"/);
    await expect(s3.generatePresignedUrl('listBuckets', { Params: null as never })).resolves.toMatch(/^https:/);
  });
});

describe('generatePresignedPost arguments', () => {
  it('Bucket and Key are required strings, Fields an object, Conditions an array of conditions', async () => {
    const err = await rejection(s3.generatePresignedPost({ Key: 5, Fields: 'acl=private', Conditions: [{ acl: 'private' }, 'bad', ['content-length-range', 0, NaN]] } as never));
    expect(err).toBeInstanceOf(InvalidPresignArgumentError);
    expect((err as ParamValidationError).problems).toEqual([
      'Missing Bucket for generatePresignedPost',
      'Invalid Key for generatePresignedPost: 5, type: number; it must be a string',
      'Invalid Fields for generatePresignedPost: "acl=private", type: string; it must be an object of form field names to values',
      `Invalid Conditions[1] for generatePresignedPost: "bad", type: string; a condition is an object ({ acl: 'public-read' }) or an array (['starts-with', '$key', 'user/'])`,
      'Invalid Conditions[2] for generatePresignedPost: it holds NaN or Infinity, which the JSON policy cannot carry',
    ]);
  });

  it.each([NaN, 0, 2.5, 1e15])('ExpiresIn %p is refused', async (ExpiresIn) => {
    await expect(s3.generatePresignedPost({ Bucket: 'b', Key: 'k', ExpiresIn })).rejects.toThrow(/Invalid ExpiresIn for generatePresignedPost/);
  });

  it('an unknown option and a non-object are refused', async () => {
    await expect(s3.generatePresignedPost({ Bucket: 'b', Key: 'k', Expires: 60 } as never)).rejects.toThrow(/Unknown option 'Expires' for generatePresignedPost.*did you mean "ExpiresIn"/);
    await expect(s3.generatePresignedPost(undefined as never)).rejects.toThrow(/Invalid options for generatePresignedPost: undefined/);
  });
});
