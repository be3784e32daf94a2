/**
 * Session: the one object a user creates. It knows the profile, region and credentials, owns the
 * model loader and the event emitter, and hands out clients (and resources) that share them.
 * Creating a Session reads no models. It reads the shared config files only when a profile was
 * chosen (profileName, AWS_DEFAULT_PROFILE or AWS_PROFILE), to raise ProfileNotFound there and
 * then, as boto3.Session() does; the parsed files are cached by modification time
 * (config-files.ts), so that costs two stat calls after the first session.
 */
import { inspect } from 'util';
import { Client } from '../client/proxy';
import { BOTOJS_VERSION, ClientOptions, createClient } from './create-client';
import { installCustomizations } from '../customizations';
import type * as ChainModule from '../credentials/chain';
import type { CredentialContext, InternalClientOptions, ServiceCall } from '../credentials/context';
import { Credentials, CredentialProvider, frozenCredentials, LoadedCredentials } from '../credentials/credentials';
import { ProviderChain, StaticProvider } from '../credentials/providers';
import { bearerTokenFromEnvironment } from '../credentials/env-bearer-token';
import type { SsoTokenProvider } from '../credentials/sso-token';
import type * as SsoTokenModule from '../credentials/sso-token';
import type * as ImdsModule from '../credentials/imds';
import { Config, UNSIGNED } from '../config/config';
import { ProfileNotFound } from '../errors';
import { HierarchicalEmitter } from '../events/emitter';
import { getDefaultLoader, ModelLoader } from '../models/loader';
import { partitionNames, regionalEndpointNames } from '../endpoints/legacy-endpoint';
import type * as ServiceResourceModule from '../resources/service-resource';
import type { ServiceResource } from '../resources/types';
import type { ServiceClients, ServiceResources } from './typed-services';
import { loadConfigFiles, ParsedConfigFiles, ProfileData } from '../config/config-files';
import { lookupVariable } from '../config/config-resolver';
import { checkOptionNames } from '../config/option-names';

const SESSION_OPTION_NAMES = ['awsAccessKeyId', 'awsSecretAccessKey', 'awsSessionToken', 'regionName', 'profileName', 'env', 'loader', 'mfaCodeProvider', 'authTokenProvider'] as const;

export interface SessionOptions {
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  regionName?: string;
  profileName?: string;
  /** The environment to read (defaults to process.env); tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** A model loader with a custom search path. */
  loader?: ModelLoader;
  /** Asked for the current MFA code when a role profile has `mfa_serial` (botocore prompts). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string> | string;
  /** Supplies bearer tokens (for services with bearer auth); defaults to the profile's SSO session. */
  authTokenProvider?: () => Promise<string | null | undefined>;
}

type ServiceCallMethod = (params: Record<string, unknown>) => Promise<Record<string, unknown>>;

export class Session {
  readonly events = new HierarchicalEmitter();
  readonly env: NodeJS.ProcessEnv;
  readonly loader: ModelLoader;
  private readonly options: SessionOptions;
  private files?: ParsedConfigFiles;
  private credentialsPromise?: Promise<LoadedCredentials | null>;
  /**
   * Once `credentialsPromise` gave fixed Credentials (which never refresh): one settled promise
   * of them that every call is handed, instead of two async steps per call.
   */
  private settledCredentials?: { from: Promise<LoadedCredentials | null>; value: Promise<Credentials | null> };
  private ssoTokens?: SsoTokenProvider;
  private explicitCredentials?: { accessKey?: string; secretKey?: string; token?: string };
  private internalEvents?: HierarchicalEmitter;
  private instanceRegion?: Promise<string | undefined>;
  private instanceRegionFound?: string;

  constructor(options: SessionOptions = {}) {
    checkOptionNames('Session', options, SESSION_OPTION_NAMES);
    this.options = { ...options };
    this.env = options.env ?? process.env;
    this.loader = options.loader ?? getDefaultLoader();
    if (options.awsAccessKeyId || options.awsSecretAccessKey || options.awsSessionToken) {
      this.explicitCredentials = { accessKey: options.awsAccessKeyId, secretKey: options.awsSecretAccessKey, token: options.awsSessionToken };
    }
    // Bearer-auth services ask `get-auth-token.<service>` for a token (see pipeline `sign`).
    this.events.register('get-auth-token', async (p) => (await this.getAuthToken(typeof p.signingName === 'string' ? p.signingName : undefined)) ?? undefined, { uniqueId: 'botojs-session-auth-token' });
    installCustomizations(this.events);
    // What may hold keys or tokens stays out of Object.keys, spreads and JSON.stringify.
    for (const field of ['options', 'env', 'explicitCredentials', 'credentialsPromise', 'settledCredentials', 'ssoTokens', 'files', 'internalEvents', 'instanceRegion', 'instanceRegionFound']) {
      Object.defineProperty(this, field, { value: (this as unknown as Record<string, unknown>)[field], enumerable: false, writable: true, configurable: true });
    }
    // boto3.Session(profile_name='nope') raises ProfileNotFound in its constructor, and so does
    // boto3.Session() under AWS_PROFILE=nope: a typo fails here, not at the first call.
    if (this.profileChosen) void this.profile;
  }

  /**
   * The profile in use: explicit, else AWS_DEFAULT_PROFILE, else AWS_PROFILE, else 'default'.
   * botocore reads the two variables in that order (configprovider.py), so the legacy name wins.
   */
  get profileName(): string {
    return this.options.profileName ?? this.env.AWS_DEFAULT_PROFILE ?? this.env.AWS_PROFILE ?? 'default';
  }

  /** Whether the profile was chosen (explicitly or through the environment). */
  private get profileChosen(): boolean {
    return this.options.profileName !== undefined || this.env.AWS_PROFILE !== undefined || this.env.AWS_DEFAULT_PROFILE !== undefined;
  }

  get configFiles(): ParsedConfigFiles {
    if (!this.files) this.files = loadConfigFiles(this.env);
    return this.files;
  }

  get availableProfiles(): string[] {
    return Object.keys(this.configFiles.profiles);
  }

  /**
   * The active profile's settings. A chosen profile that does not exist raises ProfileNotFound,
   * `default` included (as botocore: AWS_PROFILE=default with no files fails); only the implicit
   * default may be missing.
   */
  get profile(): ProfileData {
    const p = this.configFiles.profiles[this.profileName];
    if (p) return p;
    if (this.profileChosen) {
      const known = this.availableProfiles;
      throw new ProfileNotFound(
        this.profileName,
        `not in ${this.configFiles.configFile} or ${this.configFiles.credentialsFile}${known.length ? ` (profiles found: ${known.join(', ')})` : ''}`,
      );
    }
    return {};
  }

  get regionName(): string | undefined {
    return this.options.regionName ?? (lookupVariable('region', this.env, this.profile) as string | undefined);
  }

  /** Attaches credentials to this session (and every client created after). */
  setCredentials(accessKey: string, secretKey: string, token?: string): void {
    this.explicitCredentials = { accessKey, secretKey, token };
    this.credentialsPromise = undefined;
  }

  /** What the credential providers may use: this session's environment, files and clients. */
  private credentialContext(): CredentialContext {
    return {
      env: this.env,
      files: () => this.configFiles,
      regionName: () => this.regionName,
      mfaCodeProvider: this.options.mfaCodeProvider,
      userAgent: `botojs/${BOTOJS_VERSION} md/credentials`,
      // STS/SSO/SSO OIDC calls go through botojs's own clients, with explicit source keys or
      // unsigned, so they never ask this session's chain for credentials (no recursion).
      // Their events start from a private emitter with only botojs's own customizations: the
      // session's handlers would otherwise see web identity tokens, SSO access tokens and the
      // keys STS returns.
      createClient: (serviceName: string, o: InternalClientOptions): ServiceCall => {
        if (!this.internalEvents) {
          this.internalEvents = new HierarchicalEmitter();
          installCustomizations(this.internalEvents);
        }
        const clientOptions: ClientOptions = {
          regionName: o.regionName,
          awsAccessKeyId: o.awsAccessKeyId,
          awsSecretAccessKey: o.awsSecretAccessKey,
          awsSessionToken: o.awsSessionToken,
          config: o.unsigned ? new Config({ signatureVersion: UNSIGNED }) : undefined,
        };
        // One call per client (a refresh builds a fresh one): its connection pool is closed
        // once the call settles, so refreshes do not leave sockets behind.
        const c = createClient(this, serviceName, clientOptions, this.internalEvents);
        return (operation, params) => (c[operation] as ServiceCallMethod)(params).finally(() => c.close());
      },
    };
  }

  /** The provider chain, in botocore's order (explicit first); see src/credentials/chain.ts. */
  credentialProvider(): CredentialProvider {
    // A profile chosen on the Session skips the environment keys, as botocore does (AWS_PROFILE does not).
    // Required here, not at the top: a client given keys never loads the providers' modules.
    const { createCredentialChain } = require('../credentials/chain') as typeof ChainModule;
    const chain = createCredentialChain(this.credentialContext(), {
      profileName: this.profileName,
      explicit: this.explicitCredentials,
      disableEnvVars: this.options.profileName !== undefined,
    });
    return new ProviderChain([...chain.providers]);
  }

  /**
   * The keys to sign with now. The chain is searched once (concurrent callers share that search);
   * temporary credentials are then refreshed in their refresh windows, once for all callers.
   */
  getCredentials(): Promise<Credentials | null> {
    const settled = this.settledCredentials;
    // Keys set anew (setCredentials) or a failed search drop credentialsPromise: `from` tells.
    if (settled !== undefined && settled.from === this.credentialsPromise) return settled.value;
    return this.loadCredentials();
  }

  private async loadCredentials(): Promise<Credentials | null> {
    if (!this.credentialsPromise) {
      // Touch the profile first so a missing named profile fails loudly.
      void this.profile;
      // Keys given to the Session are the chain's first provider and always answer it, so the
      // chain (and its modules) is not built for them: botocore returns set_credentials' keys as is.
      const explicit = this.explicitCredentials;
      const provider = explicit?.accessKey && explicit.secretKey ? new StaticProvider(explicit) : this.credentialProvider();
      const found = provider.load();
      this.credentialsPromise = found;
      found.catch(() => {
        // A failed search is not cached: the next call searches again.
        if (this.credentialsPromise === found) this.credentialsPromise = undefined;
      });
    }
    const pending = this.credentialsPromise;
    const loaded = await pending;
    if (loaded instanceof Credentials && pending === this.credentialsPromise) this.settledCredentials = { from: pending, value: Promise.resolve(loaded) };
    return frozenCredentials(loaded);
  }

  /**
   * A bearer token for bearer-auth services: the option's provider; else, for a service's
   * signing name, AWS_BEARER_TOKEN_<SIGNING NAME> from the environment; else the profile's SSO
   * session (botocore's token provider chain: ScopedEnvTokenProvider, then SSOTokenProvider).
   */
  async getAuthToken(signingName?: string): Promise<string | null> {
    if (this.options.authTokenProvider) return (await this.options.authTokenProvider()) ?? null;
    const fromEnv = bearerTokenFromEnvironment(this.env, signingName);
    if (fromEnv !== undefined) return fromEnv;
    if (!this.ssoTokens) {
      const { SsoTokenProvider } = require('../credentials/sso-token') as typeof SsoTokenModule;
      this.ssoTokens = new SsoTokenProvider(this.credentialContext(), this.profileName);
    }
    const t = await this.ssoTokens.loadToken();
    return t?.token ?? null;
  }

  /** The region instanceMetadataRegion found, once it has: clients made later use it at once. */
  get knownInstanceMetadataRegion(): string | undefined {
    return this.instanceRegionFound;
  }

  /**
   * The region of the EC2 instance this code runs on, from IMDS, for defaults_mode `auto`
   * (botocore's IMDSRegionProvider); undefined when IMDS is disabled, unreachable or refuses.
   * A region found is kept for the session's life and concurrent callers share one lookup; a
   * lookup that found nothing is tried again by the next caller, as botocore does.
   */
  instanceMetadataRegion(): Promise<string | undefined> {
    if (!this.instanceRegion) {
      const { ImdsFetcher, imdsSettings } = require('../credentials/imds') as typeof ImdsModule;
      const lookup = (async () => {
        try {
          return (await new ImdsFetcher(imdsSettings(this.env, this.profile), `botojs/${BOTOJS_VERSION}`).retrieveRegion()) ?? undefined;
        } catch {
          // botocore's resolve_auto_mode swallows every failure here: the mode becomes standard.
          return undefined;
        }
      })();
      this.instanceRegion = lookup;
      void lookup.then((region) => {
        if (region !== undefined) this.instanceRegionFound = region;
        else if (this.instanceRegion === lookup) this.instanceRegion = undefined;
      });
    }
    return this.instanceRegion;
  }

  /**
   * A low-level client for `serviceName` (botocore's service name: 's3', 'dynamodb', ...).
   * Typed as the generated interface for services `botojs types` wrote declarations for.
   */
  client<K extends keyof ServiceClients>(serviceName: K, options?: ClientOptions): ServiceClients[K];
  client(serviceName: string, options?: ClientOptions): Client;
  client(serviceName: string, options: ClientOptions = {}): Client {
    return createClient(this, serviceName, options);
  }

  /**
   * A resource for `serviceName` (`s3`, `ec2`, ...): the service resource over a new client.
   * resources-1.json is read on the first call; its classes are built once per session.
   */
  resource<K extends keyof ServiceResources>(serviceName: K, options?: ClientOptions): ServiceResources[K];
  resource(serviceName: string, options?: ClientOptions): ServiceResource;
  resource(serviceName: string, options: ClientOptions = {}): ServiceResource {
    // The resource layer loads with the first resource, so client-only programs never read it.
    const { createServiceResource } = require('../resources/service-resource') as typeof ServiceResourceModule;
    return createServiceResource(this, serviceName, options as ClientOptions & Record<string, unknown>);
  }

  getAvailableServices(): string[] {
    return this.loader.listAvailableServices('service-2');
  }

  getAvailableResources(): string[] {
    return this.loader.listAvailableServices('resources-1');
  }

  getAvailablePartitions(): string[] {
    return partitionNames(this.loader.loadData('endpoints'));
  }

  /** Regions where the service is available in the partition (from endpoints.json), as botocore lists them. */
  getAvailableRegions(serviceName: string, partitionName = 'aws'): string[] {
    const model = this.loader.hasModel(serviceName, 'service-2') ? (this.loader.loadServiceModel(serviceName, 'service-2') as { metadata: { endpointPrefix: string } }) : undefined;
    // endpoints.json is keyed by endpoint prefix; the service name is tried when the prefix is not there.
    const keys = model ? [model.metadata.endpointPrefix, serviceName] : [serviceName];
    return regionalEndpointNames(this.loader.loadData('endpoints'), keys, partitionName).sort();
  }

  /** `JSON.stringify(session)`: the profile and region only, never keys or tokens. */
  toJSON(): { profileName: string; regionName: string | undefined } {
    let regionName: string | undefined;
    try {
      regionName = this.regionName;
    } catch {
      regionName = this.options.regionName; // a missing named profile: say what we know
    }
    return { profileName: this.profileName, regionName };
  }

  [inspect.custom](): string {
    return `Session(regionName=${this.regionName === undefined ? 'undefined' : `'${this.regionName}'`}, profileName='${this.profileName}')`;
  }
}
