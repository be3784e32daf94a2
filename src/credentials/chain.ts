/**
 * The default credential chain, in botocore's order (create_credential_resolver):
 *
 *   explicit keys > env > assume-role > web identity > sso > shared-credentials-file
 *   > custom-process > config-file > container-role > iam-role (IMDS)
 *
 * A profile chosen explicitly on the Session drops the environment keys (and web identity's
 * environment variables), as botocore does; AWS_PROFILE alone does not.
 */
import { AssumeRoleProvider } from './assume-role';
import { ContainerProvider } from './container';
import { CredentialContext, profileData } from './context';
import type { CredentialProvider } from './credentials';
import { InstanceMetadataProvider } from './imds';
import { ProcessProvider } from './process';
import { EnvProvider, ProfileKeysProvider, ProviderChain, StaticProvider } from './providers';
import { SSOProvider } from './sso';
import { WebIdentityProvider } from './web-identity';

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
    new WebIdentityProvider(ctx, profileName, disableEnvVars),
    new SSOProvider(ctx, profileName),
    new ProfileKeysProvider('shared-credentials-file', files.credentialsProfiles[profileName], files.credentialsFile),
    new ProcessProvider(ctx, profileName),
    new ProfileKeysProvider('config-file', files.configProfiles[profileName], files.configFile),
  ];
}

/** The whole chain for a session. */
export function createCredentialChain(ctx: CredentialContext, options: ChainOptions): ProviderChain {
  const env = new EnvProvider(ctx.env);
  const container = new ContainerProvider(ctx.env, { userAgent: ctx.userAgent });
  const imds = new InstanceMetadataProvider(ctx.env, () => profileData(ctx, options.profileName), ctx.userAgent);
  const assumeRole = new AssumeRoleProvider(ctx, options.profileName, {
    credentialSources: {
      [EnvProvider.canonicalName]: env,
      [InstanceMetadataProvider.canonicalName]: imds,
      [ContainerProvider.canonicalName]: container,
    },
    profileProviders: (name) => profileProviders(ctx, name, true),
  });
  const providers: CredentialProvider[] = [];
  if (options.explicit) providers.push(new StaticProvider(options.explicit));
  if (!options.disableEnvVars) providers.push(env);
  providers.push(assumeRole, ...profileProviders(ctx, options.profileName, options.disableEnvVars), container, imds);
  return new ProviderChain(providers);
}
