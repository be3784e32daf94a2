/**
 * A host label the URL parser refuses is a botojs error before anything is sent: a
 * ParamValidationError naming the parameter when the label is the caller's (a bucket the rule
 * set puts in the hostname, a host-prefix label), an InvalidEndpointError otherwise. Each of
 * these was the URL parser's `TypeError: Invalid URL`.
 */
import { Config, InvalidEndpointError, ParamValidationError, Session } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

describe('invalid host labels', () => {
  it('a bucket the rule set puts in the hostname names Bucket', async () => {
    const s3 = session.client('s3');
    for (const call of [() => s3.getObject({ Bucket: 'xn--abc', Key: 'k' }), () => s3.generatePresignedUrl('getObject', { Params: { Bucket: 'xn--abc', Key: 'k' } })]) {
      const err = await rejection(call());
      expect(err).toBeInstanceOf(ParamValidationError);
      expect(err.message).toBe(
        'Parameter validation failed:\nInvalid host label for parameter Bucket, value: "xn--abc": "xn--abc" is not valid punycode (labels starting with "xn--" must be), and the endpoint puts it in the hostname',
      );
    }
  });

  it('a host-prefix label names its member', async () => {
    const s3 = session.client('s3');
    const err = await rejection(s3.writeGetObjectResponse({ RequestRoute: 'route.xn--a', RequestToken: 't' }));
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err.message).toMatch(/Invalid host label for parameter RequestRoute, value: "route\.xn--a": "xn--a" is not valid punycode/);
  });

  it('an account id in the hostname names AccountId, even with validation off', async () => {
    const s3control = session.client('s3control', { config: new Config({ parameterValidation: false }) });
    const err = await rejection(s3control.listJobs({ AccountId: 'xn--ab' }));
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err.message).toMatch(/Invalid host label for parameter AccountId, value: "xn--ab"/);
  });

  it('an endpoint URL whose host is not DNS labels is refused when the client is made, as botocore does', () => {
    for (const [endpointUrl, problem] of [
      ['https://.amazon.com', 'the host ".amazon.com" has an empty label (it starts with a dot or has two in a row)'],
      ['http://my_service:4566', 'the host label "my_service" is not a valid hostname label (1-63 letters, digits and hyphens, not starting or ending with a hyphen)'],
      ['localhost:4566', 'it names no host (write it as scheme://host[:port])'],
    ]) {
      let err: unknown;
      try {
        session.client('sqs', { endpointUrl });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidEndpointError);
      expect((err as Error).message).toBe(`Invalid endpoint ${JSON.stringify(endpointUrl)}: ${problem}`);
    }
    // The same for one configured in the environment.
    const configured = new Session({ env: { ...env, AWS_ENDPOINT_URL_SQS: 'http://a..b:1' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });
    expect(() => configured.client('sqs')).toThrow(InvalidEndpointError);
    expect(() => session.client('sqs', { endpointUrl: 'http://[::1]:4566' })).not.toThrow();
  });

  it('an endpoint URL that no client could send to is an InvalidEndpointError', async () => {
    const sqs = session.client('sqs', { endpointUrl: 'http://xn--a:9000' });
    const err = await rejection(sqs.listQueues());
    expect(err).toBeInstanceOf(InvalidEndpointError);
    expect(err).toMatchObject({ url: 'http://xn--a:9000', hostLabel: 'xn--a' });
    expect(err.message).toBe('Invalid endpoint "http://xn--a:9000": the host label "xn--a" is not valid punycode (labels starting with "xn--" must be)');
  });
});
