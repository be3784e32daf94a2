import * as fs from 'fs';
import { Session } from '../../../src';
import { NoCredentialsError, PartialCredentialsError } from '../../../src/errors';
import { ProviderChain } from '../../../src/credentials/providers';
import { RefreshableCredentials } from '../../../src/credentials/refreshable';
import { isoIn, tempHome } from './fake-aws';

const CREDS = '[default]\naws_access_key_id = AKSHARED\naws_secret_access_key = shared-secret\n[other]\naws_access_key_id = AKOTHER\naws_secret_access_key = o\n';
const CONFIG = '[default]\naws_access_key_id = AKCONFIG\naws_secret_access_key = config-secret\n[profile cfgonly]\naws_access_key_id = AKCFGONLY\naws_secret_access_key = c\naws_session_token = cfgtoken\n';

describe('the default chain, in botocore order', () => {
  it('lists providers in botocore order (explicit and env first, IMDS last)', () => {
    const h = tempHome({ config: '[profile x]\n' });
    const chain = new Session({ env: h.env, awsAccessKeyId: 'a', awsSecretAccessKey: 'b' }).credentialProvider() as ProviderChain;
    expect(chain.availableMethods).toEqual([
      'explicit', 'env', 'assume-role', 'assume-role-with-web-identity', 'sso', 'shared-credentials-file', 'custom-process', 'config-file', 'container-role', 'iam-role',
    ]);
    const chosen = new Session({ env: h.env, profileName: 'x' }).credentialProvider() as ProviderChain;
    expect(chosen.availableMethods).not.toContain('env');
  });

  it('explicit > env > shared credentials file > config file', async () => {
    const h = tempHome({ config: CONFIG, credentials: CREDS });
    const env = { ...h.env, AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    expect(await new Session({ env, awsAccessKeyId: 'AKX', awsSecretAccessKey: 'x' }).getCredentials()).toMatchObject({ accessKey: 'AKX', method: 'explicit' });
    expect(await new Session({ env }).getCredentials()).toMatchObject({ accessKey: 'AKENV', method: 'env' });
    expect(await new Session({ env: h.env }).getCredentials()).toMatchObject({ accessKey: 'AKSHARED', method: 'shared-credentials-file' });
    fs.writeFileSync(h.env.AWS_SHARED_CREDENTIALS_FILE, '');
    expect(await new Session({ env: h.env }).getCredentials()).toMatchObject({ accessKey: 'AKCONFIG', method: 'config-file' });
    expect(await new Session({ env: h.env, profileName: 'cfgonly' }).getCredentials()).toMatchObject({ accessKey: 'AKCFGONLY', token: 'cfgtoken' });
  });

  it('a profile chosen on the Session skips env keys; AWS_PROFILE selects the profile but keeps env keys first', async () => {
    const h = tempHome({ credentials: CREDS });
    const env = { ...h.env, AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'e' };
    expect(await new Session({ env, profileName: 'other' }).getCredentials()).toMatchObject({ accessKey: 'AKOTHER' });
    expect(await new Session({ env: { ...env, AWS_PROFILE: 'other' } }).getCredentials()).toMatchObject({ accessKey: 'AKENV' });
    expect(await new Session({ env: { ...h.env, AWS_PROFILE: 'other' } }).getCredentials()).toMatchObject({ accessKey: 'AKOTHER' });
  });

  it('env: AWS_SECURITY_TOKEN as the legacy token name, AWS_CREDENTIAL_EXPIRATION makes them refreshable', async () => {
    const h = tempHome();
    const legacy = await new Session({ env: { ...h.env, AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 's', AWS_SECURITY_TOKEN: 'legacy-token' } }).getCredentials();
    expect(legacy!.token).toBe('legacy-token');
    const both = await new Session({ env: { ...h.env, AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'new', AWS_SECURITY_TOKEN: 'old' } }).getCredentials();
    expect(both!.token).toBe('new');
    const expiring = new Session({ env: { ...h.env, AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 's', AWS_CREDENTIAL_EXPIRATION: isoIn(3600) } });
    expect(await expiring.credentialProvider().load()).toBeInstanceOf(RefreshableCredentials);
    expect((await expiring.getCredentials())!.expiryTime!.getTime()).toBeGreaterThan(Date.now());
    const expired = new Session({ env: { ...h.env, AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 's', AWS_CREDENTIAL_EXPIRATION: isoIn(-60) } });
    await expect(expired.getCredentials()).rejects.toThrow(/still expired/);
  });

  it('partial keys are an error that names where they were found, never the secret', async () => {
    const h = tempHome({ credentials: '[default]\naws_access_key_id = AKONLY\n' });
    await expect(new Session({ env: h.env }).getCredentials()).rejects.toThrow(PartialCredentialsError);
    await expect(new Session({ env: h.env }).getCredentials()).rejects.toThrow(new RegExp(`${h.env.AWS_SHARED_CREDENTIALS_FILE}.*aws_secret_access_key`));
    await expect(new Session({ env: { ...h.env, AWS_SECRET_ACCESS_KEY: 'TOPSECRET' } }).getCredentials()).rejects.toThrow(/environment variables, missing: aws_access_key_id/);
  });

  it('no credentials anywhere: null from getCredentials, NoCredentialsError from a signed call', async () => {
    const h = tempHome();
    const s = new Session({ env: { ...h.env, AWS_DEFAULT_REGION: 'us-east-1' } });
    expect(await s.getCredentials()).toBeNull();
    await expect(s.client('sqs', { endpointUrl: 'http://127.0.0.1:9' }).listQueues()).rejects.toThrow(NoCredentialsError);
  });

  it('setCredentials replaces what the chain found, for every later call', async () => {
    const h = tempHome({ credentials: CREDS });
    const s = new Session({ env: h.env });
    expect((await s.getCredentials())!.accessKey).toBe('AKSHARED');
    // Found once, then handed out as they are (fixed credentials never refresh).
    const first = await s.getCredentials();
    expect(await s.getCredentials()).toBe(first);
    s.setCredentials('AKSET', 'set-secret', 'set-token');
    expect(await s.getCredentials()).toMatchObject({ accessKey: 'AKSET', method: 'explicit', token: 'set-token' });
    expect(await s.getCredentials()).toMatchObject({ accessKey: 'AKSET', method: 'explicit', token: 'set-token' });
  });

  it('searches once for concurrent callers and again after a failure', async () => {
    const h = tempHome({ credentials: '[default]\naws_access_key_id = AKONLY\n' });
    const s = new Session({ env: h.env });
    await expect(s.getCredentials()).rejects.toThrow(PartialCredentialsError);
    fs.writeFileSync(h.env.AWS_SHARED_CREDENTIALS_FILE, '[default]\naws_access_key_id = AKFIXED\naws_secret_access_key = s\n');
    // Same mtime resolution guard: force a re-read by changing the file's mtime.
    fs.utimesSync(h.env.AWS_SHARED_CREDENTIALS_FILE, new Date(), new Date(Date.now() + 5000));
    (s as unknown as { files?: unknown }).files = undefined;
    const all = await Promise.all([s.getCredentials(), s.getCredentials(), s.getCredentials()]);
    expect(all.map((c) => c!.accessKey)).toEqual(['AKFIXED', 'AKFIXED', 'AKFIXED']);
  });
});
