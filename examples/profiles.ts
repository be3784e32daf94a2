/**
 * Profiles: the same code under two identities, switched with one line.
 *
 * Writes a throwaway ~/.aws-style config in a temp dir with two profiles that find their
 * credentials differently ('dev': keys in the credentials file; 'prod': a credential_process),
 * then runs calls against the local S3 and DynamoDB endpoints under each profile.
 * Call: `await runProfilesDemo({ s3Endpoint, dynamodbEndpoint })`.
 *
 * Run it: `npm run example examples/profiles.ts` (starts the embedded S3 and DynamoDB servers; see
 * examples/run-example.ts). `npm run demo` runs every example in turn.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { client, Config, getDefaultSession, setupDefaultSession } from '../src';
import { runExample } from './run-example';

export interface ProfilesDemoEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
}

/** A temp dir holding `config`, `credentials` and the prod profile's credential helper. */
function writeDemoConfig(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-profiles-'));
  const helper = path.join(dir, 'prod-credentials.js');
  // A stand-in for a vault/SSO helper: prints credential_process JSON (version 1) on stdout.
  fs.writeFileSync(
    helper,
    `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'S3RVER', SecretAccessKey: 'S3RVER', SessionToken: 'prod-session', Expiration: new Date(Date.now() + 3600e3).toISOString() }));\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'config'),
    [
      '[profile dev]',
      'region = us-east-1',
      's3 =',
      '  addressing_style = path',
      '',
      '[profile prod]',
      'region = eu-west-1',
      `credential_process = "${process.execPath}" "${helper}"`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'credentials'), '[dev]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n');
  // Only this demo's files: nothing from the machine's ~/.aws or AWS_* variables leaks in.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' };
  return { dir, env };
}

async function whoAmI(): Promise<void> {
  const session = getDefaultSession();
  // Credentials print the key id and the provider, never the secret or the token.
  console.log(`  profile=${session.profileName} region=${session.regionName}`, await session.getCredentials());
}

export async function runProfilesDemo(endpoints: ProfilesDemoEndpoints): Promise<void> {
  const { dir, env } = writeDemoConfig();
  try {
    console.log(`\n== Profiles: ${path.join(dir, 'config')} has [profile dev] and [profile prod]`);

    setupDefaultSession({ profileName: 'dev', env }); // <- the one line that picks the profile
    await whoAmI();
    const s3 = client('s3', { endpointUrl: endpoints.s3Endpoint });
    const bucket = `profiles-${Date.now().toString(36)}`;
    await s3.createBucket({ Bucket: bucket });
    console.log(`  dev created bucket ${bucket}; buckets now: ${(await s3.listBuckets()).Buckets.length}`);
    await s3.deleteBucket({ Bucket: bucket });
    s3.close();

    setupDefaultSession({ profileName: 'prod', env }); // <- switch: every later client uses prod
    await whoAmI();
    const ddb = client('dynamodb', { endpointUrl: endpoints.dynamodbEndpoint, config: new Config({ retries: { totalMaxAttempts: 2 } }) });
    console.log(`  prod sees ${(await ddb.listTables()).TableNames.length} DynamoDB table(s) in ${ddb.meta.regionName}`);
    ddb.close();
  } finally {
    setupDefaultSession();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runExample(module, runProfilesDemo);
