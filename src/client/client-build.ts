/**
 * ClientBuild: what `creating-client-class.<service>` handlers may change while a client is
 * built (src/session/create-client.ts emits the event synchronously, then reads every field).
 * This is how a service's customization reaches generic code: the client's members, default
 * region, endpoint built-ins, retry checks and presigning rules are fields here, never tests of
 * the service's name elsewhere.
 */
import type { ResolvedConfig } from '../config/config-resolver';
import type { BuiltInProvider } from '../endpoints/builtins';
import type { ModelLoader } from '../models/loader';
import type { ServiceModel } from '../models/service-model';
import type { PresignHooks } from '../pipeline/prepare-options';
import type { SigningIdentityHook } from '../pipeline/signing-credentials';
import type { ServiceRetryChecks } from '../retries';
import type { ClientMethods } from './method-overrides';

export interface ClientBuild {
  service: ServiceModel;
  serviceName: string;
  region?: string;
  config: ResolvedConfig;
  /** A customization's signature version for the client (see ClientContext.signatureVersion). */
  signatureVersion?: string;
  /** A customization's presigning rules (see ClientContext.presign). */
  presign: PresignHooks;
  /** A customization's per-call signing credentials (see ClientContext.signingIdentity). */
  signingIdentity?: SigningIdentityHook;
  /** Service-specific builtIn endpoint parameters (`AWS::S3::ForcePathStyle`, ...), computed once the region is known. */
  endpointBuiltIns: BuiltInProvider[];
  /** The service's own retry conditions for standard and adaptive modes (STS's codes, DynamoDB's CRC32 header). */
  retryChecks: ServiceRetryChecks;
  /** Signing names whose calls may switch to a bearer token from the environment (src/pipeline/choose-auth.ts). */
  environmentBearerSigningNames: string[];
  /** The session's model loader, for customizations that read endpoints.json. */
  loader: ModelLoader;
  /** Aliases and removed operations for this client's methods (src/client/method-overrides.ts). */
  methods: ClientMethods;
}
