/**
 * Presigning rules a customization gives a client. Why a request is prepared (botocore's
 * is_presign_request, use_global_endpoint) is on the call's context
 * (src/pipeline/call-context.ts), which before-endpoint-resolution handlers read (S3 uses the
 * global endpoint for presigned URLs and POSTs, src/customizations/s3/presign.ts).
 */
import type { OperationModel } from '../models/service-model';
import type { AuthPlan } from './call-context';
import type { HttpRequest as PreparedRequest } from '../types/http';
import type { ClientContext } from './context';

/** A prepared presign request, as a PresignHooks signer sees it (after before-sign). */
export interface PresignCall {
  request: PreparedRequest;
  auth: AuthPlan;
  operation: OperationModel;
  params: Record<string, unknown>;
  expiresIn: number;
}

/**
 * A customization's presigning rules for one client, set at `creating-client-class`; the
 * generic presigner (src/client/presign.ts) asks them and otherwise signs SigV4 query auth for
 * the client's own region. botocore keeps these rules in its generic code; botojs keeps service
 * rules in src/customizations/ (S3's are src/customizations/s3/presign.ts).
 */
export interface PresignHooks {
  /** botocore's use_global_endpoint for this client's presigned requests; false when absent. */
  useGlobalEndpoint?(ctx: ClientContext): boolean;
  /** The region to sign for instead of the client's own (undefined keeps the client's). */
  signingRegion?(ctx: ClientContext, params: Record<string, unknown>, ruleSetRegion: string): string | undefined;
  /** Signs the URL another way than SigV4 query auth; undefined leaves it to SigV4. */
  signUrl?(ctx: ClientContext, call: PresignCall): Promise<string> | undefined;
}
