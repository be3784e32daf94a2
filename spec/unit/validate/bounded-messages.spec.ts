/**
 * Error messages stay small and fast whatever the caller passed: long values are quoted as
 * excerpts with their length, close-match hints skip words no name could be a misspelling of,
 * and a flood of problems is listed up to a cap.
 */
import { ParamValidationError, Session } from '../../../src';
import { closeMatches } from '../../../src/models/naming';
import { ServiceModel } from '../../../src/models/service-model';
import { validateParams } from '../../../src/validate/validate';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });
const MiB = 1 << 20;
const huge = 'a'.repeat(MiB);

/** The error `fn` throws or rejects with, and how long that took. */
async function timedError(fn: () => unknown): Promise<{ error: Error; ms: number }> {
  const start = performance.now();
  try {
    await fn();
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start };
  }
  throw new Error('expected an error');
}

describe('bounded error messages', () => {
  const sqs = session.client('sqs');
  beforeAll(async () => {
    // Load the model first: the timings below are the error path's alone.
    await expect(sqs.sendMessage({})).rejects.toBeInstanceOf(ParamValidationError);
  });

  it('a 1 MiB string as params gives a short message, quickly', async () => {
    const { error, ms } = await timedError(() => sqs.sendMessage(huge as never));
    expect(error).toBeInstanceOf(ParamValidationError);
    expect(error.message.length).toBeLessThan(2000);
    expect(error.message).toContain(`(${MiB} characters)`);
    expect(ms).toBeLessThan(100);
  });

  it('a 1 MiB string in a member of the wrong type gives a short message, quickly', async () => {
    const { error, ms } = await timedError(() => sqs.sendMessage({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: huge as never }));
    expect(error.message).toMatch(new RegExp(`Invalid type for parameter DelaySeconds, value: "a{50}…" \\(${MiB} characters\\), type: string`));
    expect(error.message.length).toBeLessThan(2000);
    expect(ms).toBeLessThan(100);
  });

  it('a 1 MiB unknown parameter name gives a short message, quickly', async () => {
    const { error, ms } = await timedError(() => sqs.sendMessage({ QueueUrl: 'q', MessageBody: 'x', [huge]: 1 }));
    expect(error.message).toContain(`Unknown parameter in input: "${'a'.repeat(50)}… (${MiB} characters)"`);
    expect(error.message.length).toBeLessThan(2000);
    expect(ms).toBeLessThan(100);
  });

  it('a 1 MiB map key gives short messages', async () => {
    const { error } = await timedError(() => sqs.sendMessage({ QueueUrl: 'q', MessageBody: 'x', MessageAttributes: { [huge]: 5 as never } }));
    expect(error.message).toContain(`MessageAttributes.${'a'.repeat(50)}… (${MiB} characters)`);
    expect(error.message.length).toBeLessThan(2000);
  });

  it('a 1 MiB unknown operation name gives a short TypeError, quickly', async () => {
    const { error, ms } = await timedError(() => (sqs as Record<string, unknown>)[huge]);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`'sqs' client has no operation or attribute '${'a'.repeat(50)}…' (${MiB} characters)`);
    expect(error.message.length).toBeLessThan(2000);
    expect(ms).toBeLessThan(100);
  });

  it('a 1 MiB operation name to presign gives a short message, quickly', async () => {
    const { error, ms } = await timedError(() => sqs.generatePresignedUrl(huge, {}));
    expect(error.message.length).toBeLessThan(2000);
    expect(ms).toBeLessThan(100);
  });

  it('close matches of a huge word cost nothing and find nothing', () => {
    const names = Array.from({ length: 500 }, (_, i) => `OperationNumber${i}`);
    const start = performance.now();
    expect(closeMatches(huge, names)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(50);
    expect(closeMatches('OperationNumbr12', names)[0]).toBe('OperationNumber12');
  });

  it('lists a flood of problems up to a cap', () => {
    const model = new ServiceModel({
      metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' },
      operations: {},
      shapes: { In: { type: 'structure', members: { Ids: { shape: 'Ids' } } }, Ids: { type: 'list', member: { shape: 'Id' } }, Id: { type: 'integer' } },
    });
    const problems = validateParams({ Ids: Array.from({ length: 100000 }, () => 'x') }, model.shape('In'));
    expect(problems).toHaveLength(51);
    expect(problems[50]).toBe('... and 99950 more problem(s) not listed');
    // The error built from that report keeps the validator's count, not a second cap's.
    expect(new ParamValidationError(problems).message).toMatch(/\.\.\. and 99950 more problem\(s\) not listed$/);
    const error = new ParamValidationError(Array.from({ length: 1000 }, (_, i) => `problem ${i}`));
    expect(error.problems).toHaveLength(1000);
    expect(error.message.split('\n')).toHaveLength(52);
    expect(error.message).toMatch(/\.\.\. and 950 more problem\(s\) in err\.problems$/);
  });
});
