/**
 * AssumeRoleWithWebIdentity (EKS IRSA, GitHub Actions OIDC, ...), as botocore's
 * AssumeRoleWithWebIdentityProvider: the token file, role ARN and session name come from
 * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME (unless a profile was
 * chosen explicitly) or from the profile's web_identity_token_file / role_arn /
 * role_session_name. The call is unsigned; the token file is re-read on every refresh.
 */
import fs = require('fs');
import { CredentialContext, defaultRoleSessionName, profileData, profileString } from './context';
import type { CredentialProvider } from './credentials';
import { CredentialRetrievalError, InvalidConfigError } from './errors';
import { RefreshableCredentials } from './refreshable';
import { keysFromStsResponse } from './sts-keys';

const ENV_NAMES: Record<string, string> = {
  web_identity_token_file: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  role_arn: 'AWS_ROLE_ARN',
  role_session_name: 'AWS_ROLE_SESSION_NAME',
};

export class WebIdentityProvider implements CredentialProvider {
  readonly method = 'assume-role-with-web-identity';
  constructor(private readonly ctx: CredentialContext, private readonly profileName: string, private readonly disableEnvVars = false) {}

  private setting(key: string): string | undefined {
    if (!this.disableEnvVars) {
      const v = this.ctx.env[ENV_NAMES[key]];
      if (v !== undefined && v !== '') return v;
    }
    return profileString(profileData(this.ctx, this.profileName), key);
  }

  async load(): Promise<RefreshableCredentials | null> {
    const tokenFile = this.setting('web_identity_token_file');
    if (!tokenFile) return null;
    const roleArn = this.setting('role_arn');
    if (!roleArn) {
      throw new InvalidConfigError(
        'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arn configuration set or the AWS_ROLE_ARN env var is set.',
      );
    }
    const sessionName = this.setting('role_session_name') ?? defaultRoleSessionName(this.ctx.now?.());
    const refresh = async () => {
      let token: string;
      try {
        token = fs.readFileSync(tokenFile, 'utf8');
      } catch (e) {
        throw new CredentialRetrievalError(this.method, `cannot read the web identity token file ${tokenFile}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const sts = this.ctx.createClient('sts', { regionName: this.ctx.regionName(), unsigned: true });
      const res = await sts('AssumeRoleWithWebIdentity', { RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token });
      return keysFromStsResponse(this.method, res);
    };
    // Deferred, as botocore: STS is called on first use, not while the chain is searched.
    return new RefreshableCredentials({ method: this.method, refresh, now: this.ctx.now });
  }
}
