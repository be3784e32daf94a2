/**
 * Session: the one object a user creates. It knows the profile, region and credentials, owns the
 * model loader and the event emitter, and hands out clients (and resources) that share them.
 * Creating a Session reads nothing; files and models are read on first need.
 */
import { inspect } from 'util';
import { Client } from '../client/proxy';
import { ClientOptions, createClient } from '../client/create-client';
import { Credentials, CredentialProvider } from '../credentials/credentials';
import { EnvProvider, ProfileKeysProvider, ProviderChain, StaticProvider } from '../credentials/providers';
import { ProfileNotFound } from '../errors';
import { HierarchicalEmitter } from '../events/emitter';
import { getDefaultLoader, ModelLoader } from '../models/loader';
import { loadConfigFiles, ParsedConfigFiles, ProfileData } from './config-files';
import { lookupVariable } from './config-resolver';

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
}

export class Session {
  readonly events = new HierarchicalEmitter();
  readonly env: NodeJS.ProcessEnv;
  readonly loader: ModelLoader;
  private readonly options: SessionOptions;
  private files?: ParsedConfigFiles;
  private credentialsPromise?: Promise<Credentials | null>;
  private explicitCredentials?: { accessKey?: string; secretKey?: string; token?: string };
  /** Hooks later stages (customizations, resources) into new sessions. */
  static readonly initializers: Array<(s: Session) => void> = [];

  constructor(options: SessionOptions = {}) {
    this.options = { ...options };
    this.env = options.env ?? process.env;
    this.loader = options.loader ?? getDefaultLoader();
    if (options.awsAccessKeyId || options.awsSecretAccessKey || options.awsSessionToken) {
      this.explicitCredentials = { accessKey: options.awsAccessKeyId, secretKey: options.awsSecretAccessKey, token: options.awsSessionToken };
    }
    for (const init of Session.initializers) init(this);
  }

  /** The profile in use: explicit, else AWS_PROFILE / AWS_DEFAULT_PROFILE, else 'default'. */
  get profileName(): string {
    return this.options.profileName ?? this.env.AWS_PROFILE ?? this.env.AWS_DEFAULT_PROFILE ?? 'default';
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

  /** The active profile's settings; a named profile that does not exist raises ProfileNotFound. */
  get profile(): ProfileData {
    const p = this.configFiles.profiles[this.profileName];
    if (p) return p;
    if (this.profileChosen && this.profileName !== 'default') {
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

  /** The provider chain, in botocore's order (explicit first). */
  credentialProvider(): CredentialProvider {
    const providers: CredentialProvider[] = [];
    if (this.explicitCredentials) providers.push(new StaticProvider(this.explicitCredentials));
    // A chosen profile starts resolution there and skips the environment keys, as botocore does.
    if (!this.options.profileName) providers.push(new EnvProvider(this.env));
    const files = this.configFiles;
    const profile = this.profileName;
    providers.push(new ProfileKeysProvider('shared-credentials-file', files.credentialsProfiles[profile], files.credentialsFile));
    providers.push(new ProfileKeysProvider('config-file', files.configProfiles[profile] ?? files.configProfiles[`profile ${profile}`], files.configFile));
    for (const extend of Session.credentialProviderHooks) extend(this, providers);
    return new ProviderChain(providers);
  }

  /** Later stages append providers (assume-role, SSO, IMDS, ...) here. */
  static readonly credentialProviderHooks: Array<(s: Session, providers: CredentialProvider[]) => void> = [];

  /** Resolves credentials once and shares the result (a single flight for concurrent callers). */
  getCredentials(): Promise<Credentials | null> {
    if (!this.credentialsPromise) {
      // Touch the profile first so a missing named profile fails loudly.
      void this.profile;
      this.credentialsPromise = this.credentialProvider().load();
      this.credentialsPromise.catch(() => {
        this.credentialsPromise = undefined;
      });
    }
    return this.credentialsPromise;
  }

  /** A low-level client for `serviceName` (botocore's service name: 's3', 'dynamodb', ...). */
  client(serviceName: string, options: ClientOptions = {}): Client {
    return createClient(this, serviceName, options);
  }

  /** A resource for `serviceName`; resources are installed by src/resources (see RESOURCE_FACTORY). */
  resource(serviceName: string, options: ClientOptions = {}): unknown {
    if (!Session.resourceFactory) {
      throw new Error('Resources are not available in this build of botojs yet: use session.client() for now');
    }
    return Session.resourceFactory(this, serviceName, options);
  }

  /** Set by the resources layer (kept as a hook so session/ does not depend on resources/). */
  static resourceFactory?: (session: Session, serviceName: string, options: ClientOptions) => unknown;

  getAvailableServices(): string[] {
    return this.loader.listAvailableServices('service-2');
  }

  getAvailableResources(): string[] {
    return this.loader.listAvailableServices('resources-1');
  }

  getAvailablePartitions(): string[] {
    const data = this.loader.loadData('endpoints') as { partitions: Array<{ partition: string }> };
    return data.partitions.map((p) => p.partition);
  }

  /** Regions where the service is available in the partition (from endpoints.json). */
  getAvailableRegions(serviceName: string, partitionName = 'aws'): string[] {
    const data = this.loader.loadData('endpoints') as {
      partitions: Array<{ partition: string; services: Record<string, { endpoints?: Record<string, { deprecated?: boolean }> }> }>;
    };
    const partition = data.partitions.find((p) => p.partition === partitionName);
    if (!partition) return [];
    const model = this.loader.hasModel(serviceName, 'service-2') ? (this.loader.loadServiceModel(serviceName, 'service-2') as { metadata: { endpointPrefix: string } }) : undefined;
    const svc = partition.services[model?.metadata.endpointPrefix ?? serviceName] ?? partition.services[serviceName];
    if (!svc?.endpoints) return [];
    return Object.keys(svc.endpoints).filter((r) => !svc.endpoints![r].deprecated && !r.startsWith('fips-') && !r.endsWith('-fips') && r !== 'aws-global').sort();
  }

  [inspect.custom](): string {
    return `Session(regionName=${this.regionName === undefined ? 'undefined' : `'${this.regionName}'`}, profileName='${this.profileName}')`;
  }
}
