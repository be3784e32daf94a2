/**
 * botocore's S3RegionRedirectorv2 (botocore/utils.py, registered on each S3 client by
 * ClientCreator._register_s3_events): a call that reached the wrong region for its bucket is
 * sent again, once, to the bucket's region and signed for it, and the client remembers the
 * bucket's region so later calls (presigned URLs included) go there first.
 *
 * - `needs-retry.s3`: after a response that says "wrong region" (a 301/302/307 status, the
 *   PermanentRedirect code, AuthorizationHeaderMalformed naming a Region, an opt-in region's
 *   IllegalLocationConstraintException outside CreateBucket, HeadObject's bodiless 301/400,
 *   HeadBucket's 301/400 with `x-amz-bucket-region`), the bucket's region is taken from the
 *   `x-amz-bucket-region` header, else the error's `Region`, else a HeadBucket call's header
 *   (the answer of an error too). Then the region is remembered, the endpoint resolved again
 *   for it (the next attempt keeps the path and query and takes the new host, botocore's
 *   _get_new_endpoint) and signed as its auth scheme says, right away (retry delay 0). Once
 *   per call; never for an ARN bucket (access points, outposts); a call whose region cannot be
 *   found is left to the usual retry decision. This runs whatever the retry mode and attempt
 *   limit, as botocore's handler does, and also with a custom endpoint URL (botocore 1.43
 *   registers it for every S3 client: the host stays, the signing region changes).
 * - `before-endpoint-resolution.s3`: a bucket whose region is remembered uses it as the
 *   `AWS::Region` built-in. Registered after the session's handlers, as botocore registers it
 *   on the client after the built-in ones, so it wins over the presign global endpoint's region.
 *
 * botocore's third handler (`before-parameter-build.s3`) only notes the bucket and params in the
 * request context for the first; here the needs-retry payload carries the call's params and a
 * per-call context, where the once-only note is kept.
 *
 * Where botojs differs (docs/s3.md):
 * - A call without a Bucket is never redirected (botocore retries it once unchanged, or fails
 *   with ParamValidationError from a HeadBucket without a bucket).
 * - The HeadBucket the redirector makes may itself be redirected, but never makes another
 *   HeadBucket for the same bucket (botocore recurses until Python's recursion limit when
 *   that HeadBucket gets a redirect without a region header). It carries the call's AbortSignal.
 * - A presigned URL for a remembered bucket is signed for the bucket's region
 *   (src/customizations/s3/presign.ts); botocore changes the host but keeps the client's
 *   region in the credential scope, a URL S3 refuses.
 * - A stream body already sent is not sent again (the generic rule, src/pipeline/make-api-call.ts);
 *   one the server refused before reading it (Expect: 100-continue) is.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { ClientExtension } from '../../client/method-overrides';
import type { Client } from '../../client/proxy';
import type { ClientContext } from '../../pipeline/context';
import { kCallState, type CallOptions } from '../../pipeline/call-options';
import type { NeedsRetryEvent } from '../../pipeline/call-events';
import type { ParsedResponse } from '../../types/http';
import { ClientError, InvalidRegionError } from '../../errors';
import { quoteExcerpt } from '../../util/excerpt';
import { isArn } from '../arn';

const REDIRECT_STATUSES = new Set([301, 302, 307]);
// botocore's validate_region_name: a host label of at most 63 characters, not all digits.
const VALID_REGION = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/;
const REGION_HEADER = 'x-amz-bucket-region';
/** The per-call note that this call was redirected once already (botocore's s3_redirect.redirected). */
const REDIRECTED = 's3Redirected';

/** Each S3 client's bucket -> region memory, for the presign rules (presign.ts) to read. */
const bucketRegions = new WeakMap<ClientContext, Map<string, string>>();

/** The region this client learned for `bucket` from a redirect, if any. */
export function redirectedRegion(ctx: ClientContext, bucket: unknown): string | undefined {
  return typeof bucket === 'string' ? bucketRegions.get(ctx)?.get(bucket) : undefined;
}

/** The call state that marks the redirector's own HeadBucket: the bucket it looks up. */
const LOOKING_UP = 's3RedirectLookup';

type NeedsRetryPayload = NeedsRetryEvent;

/** Whether a response tells that the request went to the wrong region (botocore's six tests). */
function isWrongRegion(p: NeedsRetryPayload, response: ParsedResponse): boolean {
  const error = response.Error;
  const code = error?.Code;
  const op = p.operation.name;
  const headers = response.ResponseMetadata?.HTTPHeaders ?? {};
  // A HEAD signed for the wrong region gets a bodiless 400 (or 301): its code is the status.
  const statusCode = code === '301' || code === '400';
  if (statusCode && op === 'HeadObject') return true;
  if (statusCode && op === 'HeadBucket' && REGION_HEADER in headers) return true;
  if (code === 'AuthorizationHeaderMalformed' && error !== undefined && 'Region' in error) return true;
  if (p.httpResponse !== undefined && REDIRECT_STATUSES.has(p.httpResponse.statusCode)) return true;
  if (code === 'PermanentRedirect') return true;
  return code === 'IllegalLocationConstraintException' && op !== 'CreateBucket';
}

/** botocore's get_bucket_region: the header, the error's Region, else a HeadBucket's header. */
async function bucketRegion(client: Client, bucket: string, response: ParsedResponse, signal: AbortSignal | undefined, lookingUp: unknown): Promise<string | undefined> {
  const headers = response.ResponseMetadata?.HTTPHeaders ?? {};
  let region: string | undefined;
  if (REGION_HEADER in headers) region = headers[REGION_HEADER];
  else if (typeof response.Error?.Region === 'string' && response.Error.Region !== '') region = response.Error.Region;
  // The redirector's own HeadBucket never starts another (boto3 recurses until RecursionError).
  else if (lookingUp !== bucket) region = await headBucketRegion(client, bucket, signal);
  if (region !== undefined && !VALID_REGION.test(region)) {
    throw new InvalidRegionError(`Provided region_name ${quoteExcerpt(region)} doesn't match a supported format.`, region);
  }
  return region;
}

async function headBucketRegion(client: Client, bucket: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  let headers: Record<string, string>;
  try {
    const options: CallOptions = { [kCallState]: { [LOOKING_UP]: bucket } };
    if (signal) options.abortSignal = signal;
    const result = (await client.headBucket({ Bucket: bucket }, options)) as ParsedResponse;
    headers = result.ResponseMetadata.HTTPHeaders;
  } catch (e) {
    if (!(e instanceof ClientError)) throw e;
    headers = e.response.ResponseMetadata.HTTPHeaders;
  }
  return headers[REGION_HEADER];
}

/** Registers the redirector on one new S3 client's own events, with that client's memory. */
const registerRedirector: ClientExtension = (ctx, client) => {
  const regions = new Map<string, string>();
  bucketRegions.set(ctx, regions);
  const redirect = async (p: NeedsRetryPayload, bucket: string, response: ParsedResponse): Promise<number | undefined> => {
    const region = await bucketRegion(client, bucket, response, p.abortSignal, p.context.state[LOOKING_UP]);
    if (region === undefined) return undefined;
    regions.set(bucket, region);
    await p.resolveEndpointAgain();
    p.context.state[REDIRECTED] = true;
    return 0;
  };
  // Synchronous unless there is a redirect to follow: this runs after every attempt of every S3
  // call, and a promise here would make each call's retry decision wait a turn.
  ctx.events.register(`needs-retry.${ctx.eventServiceId}`, (p) => {
    const response = p.response;
    // No response: a connection failure, nothing to learn from.
    if (!response) return undefined;
    const bucket = p.params.Bucket;
    if (isArn(bucket) || p.context.state[REDIRECTED] === true) return undefined;
    if (!isWrongRegion(p, response) || typeof bucket !== 'string') return undefined;
    return redirect(p, bucket, response);
  });
  ctx.events.register(`before-endpoint-resolution.${ctx.eventServiceId}`, (p) => {
    const bucket = p.params.Bucket;
    const region = typeof bucket === 'string' ? regions.get(bucket) : undefined;
    if (region !== undefined) p.builtIns['AWS::Region'] = region;
  });
  return {};
};

/** Gives every S3 client its region redirector (botocore's S3RegionRedirectorv2). */
export function installS3RegionRedirect(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => void (p.build as ClientBuild).methods.extensions.push(registerRedirector));
}
