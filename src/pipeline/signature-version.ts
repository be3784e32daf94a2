/**
 * Whether a call signs with Signature Version 2, by botocore's precedence for the signer:
 *
 1. a customization's choice for the client (botocore's choose-signer.<service> handlers
 *    registered at client creation, such as Import/Export's move to V4): a choose-signer answer
 *    overrides everything else;
 * 2. a configured `signatureVersion`: `v2` signs V2 even where the rule set lists authSchemes
 *    (none of them matches the requested name, so botocore keeps the client's);
 * 3. the rule set's authSchemes, or the operation's own `auth` / `authtype`, name the signer
 *    (request_context['auth_type']), never V2;
 * 4. otherwise the service's: its `auth` trait, or `signatureVersion` (SimpleDB says `v2`).
 *
 * Everything else signs as before (SigV4, bearer, none: see authPlan in make-api-call.ts).
 */
import type { AuthSchemeSelection } from '../endpoints';
import type { OperationModel } from '../models/service-model';
import type { ClientContext } from './context';

export function usesSigV2(ctx: ClientContext, op: OperationModel, scheme: AuthSchemeSelection): boolean {
  if (ctx.signatureVersion !== undefined) return ctx.signatureVersion === 'v2';
  if (ctx.config.signatureVersion !== undefined) return ctx.config.signatureVersion === 'v2';
  if (!scheme.defaulted || op.raw.auth !== undefined || op.raw.authtype !== undefined) return false;
  const metadata = ctx.service.metadata;
  return metadata.auth === undefined && metadata.signatureVersion === 'v2';
}
