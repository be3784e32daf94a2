/**
 * The default credential chain, in botocore's order (create_credential_resolver):
 *
 *   explicit keys > env > assume-role > web identity > sso > shared-credentials-file
 *   > custom-process > config-file > container-role > iam-role (IMDS)
 *
 * A profile chosen explicitly on the Session drops the environment keys (and web identity's
 * environment variables), as botocore does; AWS_PROFILE alone does not.
 */
import type * as AssumeRoleModule from './assume-role';
import type * as ContainerModule from './container';
import { CredentialContext, profileData } from './context';
import type { CredentialProvider, LoadedCredentials } from './credentials';
import type * as ImdsModule from './imds';
import type * as ProcessModule from './process';
import { EnvProvider, ProfileKeysProvider, ProviderChain, StaticProvider } from './providers';
import type * as SsoModule from './sso';
import type * as WebIdentityModule from './web-identity';

/**
 * A provider built (and its module required) when the chain first reaches it: a program whose
 * keys come from the environment never loads the STS, SSO, IMDS or container code.
 */
class DeferredProvider implements CredentialProvider {
  private provider?: CredentialProvider;
  constructor(
    readonly method: string,
    private readonly create: () => CredentialProvider,
  ) {}
  load(): Promise<LoadedCredentials | null> {
    return (this.provider ??= this.create()).load();
  }
}

export interface ChainOptions {
  profileName: string;
  /** Keys given to the Session (or set with setCredentials). */
  explicit?: { accessKey?: string; secretKey?: string; token?: string };
  /** True when the profile was chosen explicitly: environment keys are then skipped. */
  disableEnvVars: boolean;
}

/** The providers that read one profile (botocore's ProfileProviderBuilder). */
export function profileProviders(ctx: CredentialContext, profileName: string, disableEnvVars: boolean): CredentialProvider[] {
  const files = ctx.files();
  return [
    new DeferredProvider('assume-role-with-web-identity', () => {
      const { WebIdentityProvider } = require('./web-identity') as typeof WebIdentityModule;
      return new WebIdentityProvider(ctx, profileName, disableEnvVars);
    }),
    new DeferredProvider('sso', () => new (require('./sso') as typeof SsoModule).SSOProvider(ctx, profileName)),
    new ProfileKeysProvider('shared-credentials-file', files.credentialsProfiles[profileName], files.credentialsFile),
    new DeferredProvider('custom-process', () => new (require('./process') as typeof ProcessModule).ProcessProvider(ctx, profileName)),
    new ProfileKeysProvider('config-file', files.configProfiles[profileName], files.configFile),
  ];
}

/** The whole chain for a session. */
export function createCredentialChain(ctx: CredentialContext, options: ChainOptions): ProviderChain {
  const env = new EnvProvider(ctx.env);
  const container = new DeferredProvider('container-role', () => {
    const { ContainerProvider } = require('./container') as typeof ContainerModule;
    return new ContainerProvider(ctx.env, { userAgent: ctx.userAgent });
  });
  const imds = new DeferredProvider('iam-role', () => {
    const { InstanceMetadataProvider } = require('./imds') as typeof ImdsModule;
    return new InstanceMetadataProvider(ctx.env, () => profileData(ctx, options.profileName), ctx.userAgent);
  });
  const assumeRole = new DeferredProvider('assume-role', () => {
    const { AssumeRoleProvider } = require('./assume-role') as typeof AssumeRoleModule;
    // credential_source names (botocore's): Environment, Ec2InstanceMetadata, EcsContainer.
    return new AssumeRoleProvider(ctx, options.profileName, {
      credentialSources: { [EnvProvider.canonicalName]: env, Ec2InstanceMetadata: imds, EcsContainer: container },
      profileProviders: (name) => profileProviders(ctx, name, true),
    });
  });
  const providers: CredentialProvider[] = [];
  if (options.explicit) providers.push(new StaticProvider(options.explicit));
  if (!options.disableEnvVars) providers.push(env);
  providers.push(assumeRole, ...profileProviders(ctx, options.profileName, options.disableEnvVars), container, imds);
  return new ProviderChain(providers);
}
