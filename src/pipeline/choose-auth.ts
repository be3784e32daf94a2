/**
 * The auth scheme preference (Config `authSchemePreference`, AWS_AUTH_SCHEME_PREFERENCE, the
 * profile's `auth_scheme_preference`) and bearer tokens from the environment, where botocore
 * 1.43.11 applies them:
 *
 * - an operation with its own `auth` trait: the trait's schemes are tried in the preference's
 *   order, then the trait's own (botocore's BaseClient._make_api_call);
 * - a call whose operation names no auth type and whose endpoint lists no authSchemes: the
 *   service's `auth` schemes in the preference's order, unless `signatureVersion` is set in
 *   Config; then, for the services botocore lets use one (the signing name `bedrock`, listed by
 *   src/customizations/bedrock-bearer-token.ts) and that list `httpBearerAuth`, a token in AWS_BEARER_TOKEN_BEDROCK
 *   switches the call to bearer auth, unless Config sets `signatureVersion` or the preference
 *   and that does not pick bearer (the choose-signer handler `_set_auth_scheme_preference_signer`).
 *
 * An endpoint's authSchemes are chosen by src/endpoints/auth-scheme.ts, which lets the
 * preference pick sigv4a over sigv4 where both are offered (botocore with awscrt does so);
 * botocore refuses an S3 Express bucket once any preference is set
 * (UnsupportedSignatureVersionError, sigv4-s3express having no preference name) and botojs
 * keeps signing it (docs/DESIGN.md).
 */
import { UnsupportedSignatureVersionError } from '../errors';
import type { OperationModel } from '../models/service-model';
import type { ClientContext } from './context';

/** What a preference resolves to, among the signers botojs has. */
export type PreferredAuth = 'none' | 'v4' | 'v4a' | 'bearer';

// botocore's AUTH_PREF_TO_SIGNATURE_VERSION with awscrt installed: botojs signs SigV4a natively
// (src/signing/sigv4a.ts), where botocore without awscrt passes `sigv4a` over.
const SIGNERS: Record<string, PreferredAuth> = { sigv4: 'v4', sigv4a: 'v4a', httpBearerAuth: 'bearer', noAuth: 'none' };

const BEARER_TRAIT = 'smithy.api#httpBearerAuth';

/**
 * botocore's resolve_auth_scheme_preference: the first scheme, preferred ones first, that
 * `options` (auth trait names such as `aws.auth#sigv4`) offer and botojs can sign with.
 */
export function resolveAuthSchemePreference(preference: readonly string[], options: readonly string[]): PreferredAuth {
  const offered = options.map((o) => o.split('#').pop() as string);
  for (const scheme of new Set([...preference, ...offered])) {
    if (offered.includes(scheme) && Object.prototype.hasOwnProperty.call(SIGNERS, scheme)) return SIGNERS[scheme];
  }
  throw new UnsupportedSignatureVersionError(`Signature version(s) are not supported: ${[...offered].sort().join(', ')}`);
}

/**
 * The signer an operation's own `auth` trait asks for under the preference, or undefined when
 * there is no preference or no trait (the rest of authPlan decides then).
 */
export function operationPreferredAuth(ctx: ClientContext, op: OperationModel): PreferredAuth | undefined {
  const preference = ctx.config.authSchemePreference;
  const own = op.raw.auth;
  if (!preference || !own || own.length === 0) return undefined;
  return resolveAuthSchemePreference(preference, own);
}

/**
 * botocore's `_set_auth_scheme_preference_signer`, for a call neither its operation nor its
 * endpoint chose a signer for: 'bearer', 'none' or 'v4a' when the preference or an environment
 * token changes the client's signer, undefined when it keeps it.
 */
export function servicePreferredAuth(ctx: ClientContext, signingName: string): 'bearer' | 'none' | 'v4a' | undefined {
  const config = ctx.config;
  const options = ctx.service.metadata.auth;
  // The client's signer as far as it matters here: bearer when Config asks for it.
  let resolved: PreferredAuth | undefined = config.signatureVersion === 'bearer' ? 'bearer' : undefined;
  if (!config.signatureVersionInCode && config.authSchemePreference && options && options.length > 0) {
    resolved = resolveAuthSchemePreference(config.authSchemePreference, options);
  }
  const inCode = config.signatureVersionInCode || config.authSchemePreferenceInCode;
  // Which signing names may take an environment token is a customization's list (hasEnvironmentBearerToken).
  const bearerAllowed = options !== undefined && options.includes(BEARER_TRAIT);
  // A token in the environment wins unless auth was chosen in code (and that choice was not bearer).
  if (bearerAllowed && (resolved === 'bearer' || !inCode) && ctx.hasEnvironmentBearerToken(signingName)) return 'bearer';
  return resolved === 'v4' ? undefined : resolved;
}
