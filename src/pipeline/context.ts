/**
 * ClientContext: everything a client resolved at creation, handed to makeApiCall on each call.
 * Built once per client by src/session/create-client.ts; read-only afterwards.
 */
import type { Credentials } from '../credentials/credentials';
import type { HierarchicalEmitter } from '../events/emitter';
import type { ModelLoader } from '../models/loader';
import type { ServiceModel } from '../models/service-model';
import type { Protocol } from '../protocols/types';
import type { RetryStrategy } from '../retries';
import type { ClockSkew } from '../retries';
import type { ResolvedConfig } from '../config/config-resolver';
import type { HttpTransport } from '../transport';
import type { ClientError } from '../errors';
import type { ParsedResponse } from '../protocols/types';
import type { PresignHooks } from './prepare-options';
import type { SigningIdentityHook } from './signing-credentials';
import type { EndpointCache } from './endpoint-cache';

export interface EndpointSettings {
  /** endpoint_url from the client, the environment or the config file (feeds SDK::Endpoint). */
  configuredUrl?: string;
  /** The service's endpoint-rule-set-1.json, loaded on first call. */
  ruleSet(): unknown;
  /** partitions.json. */
  partitions(): unknown;
  /** Values for the rule set's builtIn parameters (AWS::Region, AWS::UseFIPS, ...). */
  builtIns: Record<string, unknown>;
  /** clientContextParams from Config, keyed by the model's names. */
  clientContextParams: Record<string, unknown>;
  /** false: rule-set endpoints are called over plain http (botocore's use_ssl=False). */
  useSsl: boolean;
  /**
   * The signing name when the rule set names none: endpoints.json's credentialScope, else the
   * model's (src/endpoints/legacy-signing-name.ts). Worked out on first use.
   */
  signingName(): string;
  /**
   * The client's own signing region (botocore's RequestSigner region, from endpoints.json):
   * presigned URLs sign for it rather than the rule set's. Worked out on first use.
   */
  signingRegion(): string;
  /** Resolved endpoints by their parameters (botocore keeps an LRU of 100 the same way). */
  cache: EndpointCache;
}

export interface ClientContext {
  /** botocore's service directory name (`s3`, `bedrock-runtime`). */
  serviceName: string;
  /** The service id as event names spell it (`s3`, `api-gateway`). */
  eventServiceId: string;
  service: ServiceModel;
  /** The session's model loader (paginators-1, waiters-2 and rule sets come from it). */
  loader: ModelLoader;
  protocol: Protocol;
  region?: string;
  config: ResolvedConfig;
  events: HierarchicalEmitter;
  /** Resolves credentials (cached and shared by the provider); null when there are none. */
  credentials(): Promise<Credentials | null>;
  endpoint: EndpointSettings;
  transport: HttpTransport;
  /**
   * Set while defaults_mode `auto` waits for the instance's region (IMDS): awaited before the
   * first request is sent, it settles the mode and its connect timeout. Resolves at once after.
   */
  settleDefaults?: () => Promise<void>;
  /**
   * The kind of work this client does, for the bundle's code cache (src/util/code-paths.ts):
   * noted when its first response has been parsed (the protocol's paths then ran), then cleared.
   */
  codePath?: string;
  retry: RetryStrategy;
  clockSkew: ClockSkew;
  userAgent: string;
  /**
   * The signature version a customization chose for this client (botocore's
   * choose-signer.<service> handlers registered at client creation); it overrides a configured one.
   */
  signatureVersion?: string;
  /**
   * A customization's presigning rules for this client (global endpoint, signing region, another
   * signer), chosen at client creation; empty for most services.
   */
  presign: PresignHooks;
  /**
   * A customization's credentials for some calls in place of the client's (S3 Express One
   * Zone sessions); absent for most services (signing-credentials.ts).
   */
  signingIdentity?: SigningIdentityHook;
  /**
   * Whether the environment holds a bearer token for a signing name (AWS_BEARER_TOKEN_<NAME>,
   * read from the session's env) that a customization lets use one: botocore then signs
   * Bedrock with it (choose-auth.ts, src/customizations/bedrock-bearer-token.ts).
   */
  hasEnvironmentBearerToken(signingName: string): boolean;
  /**
   * The error for a parsed error response: the modeled class for its code (or for `shapeName`,
   * when given: an event stream's exception event), else ClientError.
   */
  errorFor(parsed: ParsedResponse & { Error: { Code: string; Message: string } }, operationName: string, shapeName?: string): ClientError;
}
