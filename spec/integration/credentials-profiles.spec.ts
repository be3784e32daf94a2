/**
 * examples/profiles.ts runs against the embedded servers: two profiles, two providers, one line
 * to switch.
 */
import { runProfilesDemo } from '../../examples/profiles';
import { dynamodbEndpoint, s3Endpoint } from '../helpers/local';

describe('examples/profiles.ts', () => {
  it('switches between two profiles with setupDefaultSession and calls S3 and DynamoDB under each', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : require('util').inspect(a))).join(' '));
    });
    try {
      await runProfilesDemo({ s3Endpoint: s3Endpoint(), dynamodbEndpoint: dynamodbEndpoint() });
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toMatch(/profile=dev region=us-east-1 Credentials\(accessKey='S3RVER', method='shared-credentials-file'\)/);
    expect(out).toMatch(/dev created bucket profiles-/);
    expect(out).toMatch(/profile=prod region=eu-west-1 Credentials\(accessKey='S3RVER', method='custom-process'\)/);
    expect(out).toMatch(/prod sees \d+ DynamoDB table\(s\) in eu-west-1/);
    expect(out).not.toMatch(/prod-session/);
  });
});
