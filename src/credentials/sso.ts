/**
 * SSO (IAM Identity Center) role credentials, as botocore's SSOProvider: a profile with
 * `sso_account_id` / `sso_role_name` plus either `sso_session` (pointing at an `[sso-session x]`
 * section; the token refreshes through SSO OIDC) or legacy `sso_start_url` / `sso_region` (the
 * cached token is used as is). The token buys role keys through SSO GetRoleCredentials
 * (unsigned; the token travels in its own header).
 */
import { ClientError } from '../errors';
import { CredentialContext, profileData, profileString } from './context';
import type { CredentialProvider } from './credentials';
import { InvalidConfigError, UnauthorizedSSOTokenError } from './errors';
import { RefreshableCredentials } from './refreshable';
import { loginHint, readSsoToken, SsoTokenProvider } from './sso-token';

interface SsoProfileConfig {
  startUrl: string;
  region: string;
  roleName: string;
  accountId: string;
  sessionName?: string;
}

export class SSOProvider implements CredentialProvider {
  readonly method = 'sso';
  constructor(private readonly ctx: CredentialContext, private readonly profileName: string, private readonly tokens = new SsoTokenProvider(ctx, profileName)) {}

  private config(): SsoProfileConfig | undefined {
    const profile = profileData(this.ctx, this.profileName);
    if (profileString(profile, 'sso_role_name') === undefined && profileString(profile, 'sso_account_id') === undefined) return undefined;
    const merged: Record<string, string | undefined> = {
      sso_start_url: profileString(profile, 'sso_start_url'),
      sso_region: profileString(profile, 'sso_region'),
      sso_role_name: profileString(profile, 'sso_role_name'),
      sso_account_id: profileString(profile, 'sso_account_id'),
    };
    const sessionName = profileString(profile, 'sso_session');
    if (sessionName !== undefined) {
      const session = this.ctx.files().ssoSessions[sessionName];
      if (!session) throw new InvalidConfigError(`The specified sso-session does not exist: "${sessionName}" (profile "${this.profileName}")`);
      for (const [k, v] of Object.entries(session)) {
        if (typeof v !== 'string') continue;
        // A key in both places must agree, as botocore checks.
        if (merged[k] !== undefined && merged[k] !== v) {
          throw new InvalidConfigError(`The value for ${k} is inconsistent between profile (${merged[k]}) and sso-session (${v}).`);
        }
        merged[k] = v;
      }
    }
    const missing = ['sso_start_url', 'sso_region', 'sso_role_name', 'sso_account_id'].filter((k) => merged[k] === undefined);
    if (missing.length) {
      throw new InvalidConfigError(`The profile "${this.profileName}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`);
    }
    return { startUrl: merged.sso_start_url!, region: merged.sso_region!, roleName: merged.sso_role_name!, accountId: merged.sso_account_id!, sessionName };
  }

  async load(): Promise<RefreshableCredentials | null> {
    const cfg = this.config();
    if (!cfg) return null;
    const refresh = async () => {
      const accessToken = await this.accessToken(cfg);
      const sso = this.ctx.createClient('sso', { regionName: cfg.region, unsigned: true });
      let res: Record<string, unknown>;
      try {
        res = await sso('GetRoleCredentials', { roleName: cfg.roleName, accountId: cfg.accountId, accessToken });
      } catch (e) {
        if (e instanceof ClientError && e.code === 'UnauthorizedException') throw this.unauthorized();
        throw e;
      }
      const rc = (res.roleCredentials ?? {}) as Record<string, unknown>;
      if (typeof rc.accessKeyId !== 'string' || typeof rc.secretAccessKey !== 'string') {
        throw new UnauthorizedSSOTokenError(`SSO GetRoleCredentials returned no credentials for role ${cfg.roleName} in account ${cfg.accountId}`);
      }
      return {
        accessKey: rc.accessKeyId,
        secretKey: rc.secretAccessKey,
        token: typeof rc.sessionToken === 'string' ? rc.sessionToken : undefined,
        // GetRoleCredentials gives milliseconds since the epoch.
        expiryTime: typeof rc.expiration === 'number' ? new Date(rc.expiration) : undefined,
        accountId: cfg.accountId,
      };
    };
    return new RefreshableCredentials({ method: this.method, refresh, now: this.ctx.now });
  }

  private async accessToken(cfg: SsoProfileConfig): Promise<string> {
    if (cfg.sessionName !== undefined) {
      const t = await this.tokens.loadToken();
      if (!t) throw this.unauthorized();
      return t.token;
    }
    // Legacy profiles: the cached token is never refreshed; an expired one means log in again.
    const file = readSsoToken(this.ctx.env, cfg.startUrl, undefined, this.profileName);
    const expires = new Date(file.expiresAt);
    const now = this.ctx.now?.() ?? new Date();
    if (Number.isNaN(expires.getTime()) || expires.getTime() <= now.getTime()) throw this.unauthorized();
    return file.accessToken;
  }

  private unauthorized(): UnauthorizedSSOTokenError {
    return new UnauthorizedSSOTokenError(`The SSO session associated with this profile has expired or is otherwise invalid. ${loginHint(this.profileName)}`);
  }
}
