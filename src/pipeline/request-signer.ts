/**
 * What botocore hands before-call handlers as `request_signer`: a way to presign another
 * request the way this call is signed (its signing name and double-encoding; the region as
 * given, else the call's signing region), with the client's credentials and clock. Handlers use
 * it to embed a presigned URL in the request (RDS and EC2 cross-region copies).
 */
import { UnsupportedSignatureVersionError } from '../errors';
import { signingCredentials } from './signing-credentials';
import { presignUrl } from '../signing';
import type { SignableRequest } from '../signing';
import type { ClientContext } from './context';
import type { AuthPlan } from './call-context';

export interface RequestSigner {
  /** The client's region (botocore's RequestSigner._region_name). */
  readonly regionName: string;
  /** botocore's RequestSigner.generate_presigned_url: SigV4 (or SigV4a) query signing, 3600 s by default. */
  generatePresignedUrl(request: SignableRequest, opts?: { regionName?: string; expiresIn?: number }): Promise<string>;
}

export function requestSigner(ctx: ClientContext, auth: AuthPlan): RequestSigner {
  return {
    regionName: ctx.region ?? auth.signingRegion,
    async generatePresignedUrl(request, opts = {}) {
      if (auth.kind === 'none') return request.url;
      if (auth.kind !== 'sigv4' && auth.kind !== 'sigv4a') throw new UnsupportedSignatureVersionError(`Signature version(s) are not supported: ${auth.kind === 'sigv2' ? 'v2' : auth.kind}-query`);
      return presignUrl(request, await signingCredentials(ctx), {
        signingName: auth.signingName,
        // SigV4a signs for its region set, which a single region name does not replace.
        region: auth.kind === 'sigv4a' ? auth.signingRegion : (opts.regionName ?? auth.signingRegion),
        date: ctx.clockSkew.now(),
        disableDoubleEncoding: auth.disableDoubleEncoding,
        expiresIn: opts.expiresIn ?? 3600,
        asymmetric: auth.kind === 'sigv4a',
      });
    },
  };
}
