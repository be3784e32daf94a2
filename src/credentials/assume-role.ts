/**
 * Assume-role profiles, as botocore's AssumeRoleProvider: a profile with `role_arn` (and no
 * `web_identity_token_file`) gets its source credentials from `source_profile` (another
 * profile, itself possibly a role: chains of any depth, cycles detected) or `credential_source`
 * (Environment, Ec2InstanceMetadata, EcsContainer), then calls STS AssumeRole through botojs's
 * own STS client signed with those source keys. `role_session_name`, `external_id`,
 * `duration_seconds` and `mfa_serial` (needs the Session's `mfaCodeProvider`) are honoured.
 *
 * Configuration is validated and source credentials are located when the chain is searched; the
 * AssumeRole call itself waits for first use and repeats on every refresh.
 */
import type { ProfileData } from '../config/config-files';
import { CredentialContext, defaultRoleSessionName, profileString } from './context';
import { CredentialProvider, frozenCredentials, LoadedCredentials } from './credentials';
import { CredentialRetrievalError, InfiniteLoopConfigError, InvalidConfigError, MfaRequiredError } from './errors';
import { ProviderChain } from './providers';
import { RefreshableCredentials } from './refreshable';
import { keysFromStsResponse } from './sts-keys';
import { PartialCredentialsError } from '../errors';

export interface AssumeRoleDeps {
  /** Providers by canonical name, for `credential_source`. */
  credentialSources: Record<string, CredentialProvider>;
  /** The profile-based providers for a source profile (web identity, SSO, files, process). */
  profileProviders: (profileName: string) => CredentialProvider[];
}

function hasRoleConfig(p: ProfileData | undefined): boolean {
  return !!p && typeof p.role_arn === 'string' && p.web_identity_token_file === undefined;
}

function hasStaticKeys(p: ProfileData | undefined): boolean {
  return !!p && (p.aws_access_key_id !== undefined || p.aws_secret_access_key !== undefined);
}

export class AssumeRoleProvider implements CredentialProvider {
  readonly method = 'assume-role';
  constructor(private readonly ctx: CredentialContext, private readonly profileName: string, private readonly deps: AssumeRoleDeps) {}

  async load(): Promise<RefreshableCredentials | null> {
    const profiles = this.ctx.files().profiles;
    if (!hasRoleConfig(profiles[this.profileName])) return null;
    return this.viaAssumeRole(this.profileName, [this.profileName], profiles);
  }

  private async viaAssumeRole(name: string, visited: string[], profiles: Record<string, ProfileData>): Promise<RefreshableCredentials> {
    const p = profiles[name];
    const roleArn = profileString(p, 'role_arn')!;
    const sourceProfile = profileString(p, 'source_profile');
    const credentialSource = profileString(p, 'credential_source');
    if (sourceProfile && credentialSource) {
      throw new InvalidConfigError(`The profile "${name}" contains both source_profile and credential_source.`);
    }
    if (!sourceProfile && !credentialSource) {
      throw new PartialCredentialsError(`Partial credentials found in assume-role, missing: source_profile or credential_source (profile "${name}")`);
    }
    let source: LoadedCredentials;
    if (credentialSource) {
      source = await this.fromCredentialSource(credentialSource, name);
    } else {
      this.checkSourceProfile(name, sourceProfile!, visited, profiles);
      source = await this.fromSourceProfile(sourceProfile!, [...visited, sourceProfile!], profiles);
    }

    const params: Record<string, unknown> = { RoleArn: roleArn, RoleSessionName: profileString(p, 'role_session_name') ?? defaultRoleSessionName(this.ctx.now?.()) };
    const externalId = profileString(p, 'external_id');
    if (externalId) params.ExternalId = externalId;
    const duration = profileString(p, 'duration_seconds');
    if (duration !== undefined && /^\d+$/.test(duration.trim())) params.DurationSeconds = Number.parseInt(duration, 10);
    const mfaSerial = profileString(p, 'mfa_serial');
    if (mfaSerial && !this.ctx.mfaCodeProvider) {
      throw new MfaRequiredError(
        `The profile "${name}" requires an MFA code (mfa_serial = ${mfaSerial}): create the Session with mfaCodeProvider: (serial) => code`,
      );
    }

    const refresh = async () => {
      const call = { ...params };
      if (mfaSerial) {
        call.SerialNumber = mfaSerial;
        call.TokenCode = String(await this.ctx.mfaCodeProvider!(mfaSerial)).trim();
      }
      const keys = await frozenCredentials(source);
      if (!keys) throw new CredentialRetrievalError(this.method, `no source credentials for profile "${name}"`);
      const sts = this.ctx.createClient('sts', {
        regionName: this.ctx.regionName(),
        awsAccessKeyId: keys.accessKey,
        awsSecretAccessKey: keys.secretKey,
        awsSessionToken: keys.token,
      });
      return keysFromStsResponse(this.method, await sts('AssumeRole', call));
    };
    return new RefreshableCredentials({ method: this.method, refresh, now: this.ctx.now });
  }

  private checkSourceProfile(parent: string, source: string, visited: string[], profiles: Record<string, ProfileData>): void {
    if (!(source in profiles)) {
      throw new InvalidConfigError(`The source_profile "${source}" referenced in the profile "${parent}" does not exist.`);
    }
    if (!visited.includes(source)) return;
    // A profile may name itself as its source to keep static keys and role settings together;
    // any other revisit is a loop.
    if (source !== parent || !hasStaticKeys(profiles[source])) throw new InfiniteLoopConfigError(source, visited);
  }

  private async fromSourceProfile(name: string, visited: string[], profiles: Record<string, ProfileData>): Promise<LoadedCredentials> {
    const p = profiles[name];
    if (hasStaticKeys(p) || !hasRoleConfig(p)) {
      const creds = await new ProviderChain(this.deps.profileProviders(name)).load();
      if (!creds) throw new InvalidConfigError(`The source profile "${name}" must have credentials.`);
      return creds;
    }
    return this.viaAssumeRole(name, visited, profiles);
  }

  private async fromCredentialSource(sourceName: string, profile: string): Promise<LoadedCredentials> {
    const provider = this.deps.credentialSources[sourceName];
    if (!provider) {
      throw new InvalidConfigError(
        `The credential source "${sourceName}" referenced in profile "${profile}" is not valid (use one of: ${Object.keys(this.deps.credentialSources).join(', ')}).`,
      );
    }
    const creds = await provider.load();
    if (!creds) throw new CredentialRetrievalError(sourceName, `No credentials found in credential_source referenced in profile ${profile}`);
    return creds;
  }
}
