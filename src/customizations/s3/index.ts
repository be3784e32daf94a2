/**
 * S3's customizations, the ones botocore itself applies (handlers.py), registered as event
 * handlers on every new Session. This folder is the only place outside data where 's3' appears.
 *
 * - the rule set puts the bucket in the URL, so `/{Bucket}` is stripped from request URIs;
 * - a client without a region talks to us-east-1 (boto3 does the same for S3);
 * - List* calls ask for url-encoded keys and decode them (keys with any characters round-trip);
 * - CopySource accepts `{ Bucket, Key, VersionId }` and is percent-encoded;
 * - SSE-C keys are base64-encoded with their MD5 computed (sse-customer-key.ts);
 * - bucket names are checked before anything is sent, and user metadata must be ASCII
 *   (ascii-metadata.ts);
 * - a 200 response whose body is an `<Error>`, or not XML at all, is an error (retried as a 500);
 * - GetBucketLocation's unmodelled body is read by hand (errors get LocationConstraint too).
 *
 * Beside it: region redirects (region-redirect.ts), `Expect: 100-continue` (expect-continue.ts),
 * presigning, endpoint built-ins, SSE-C, Expires, the unsigned trailer and the transfers.
 */
import { ParamValidationError } from '../../errors';
import type { OperationModel, ServiceModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse } from '../../protocols/types';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import { percentEncodeGreedy } from '../../protocols/serialize/uri';
import { lacksXmlDocument, tryParseXml } from '../../protocols/parse/bodies';
import { xmlTextOrNull } from '../../protocols/xml-parser';
import { restXmlTarget } from '../../protocols/parse/xml-targets';
import { quoteExcerpt } from '../../util/excerpt';
import { installS3AsciiMetadata } from './ascii-metadata';

const VALID_BUCKET = /^[a-zA-Z0-9.\-_]{1,255}$/;
const ACCESSPOINT_ARN = /^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$/;
const OUTPOST_ARN = /^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$/;
const VERSION_ID_SUFFIX = /\?versionId=[^\s]+$/;

const patched = new WeakSet<ServiceModel>();

/** Strips the leading `/{Bucket}` from every request URI, once per loaded model. */
function removeBucketFromPaths(service: ServiceModel): void {
  if (patched.has(service)) return;
  patched.add(service);
  for (const name of service.operationNames) {
    const http = service.raw.operations[name].http;
    if (http.requestUri.startsWith('/{Bucket}')) {
      // botocore keeps the bucket's path for HMAC-v1 signing (the query goes; a bare bucket gets '/').
      const path = http.requestUri.split('?')[0];
      http.authPath = path === '/{Bucket}' ? `${path}/` : path;
      const rest = http.requestUri.slice('/{Bucket}'.length);
      http.requestUri = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
    }
  }
}

function quoteCopySource(source: unknown): unknown {
  if (typeof source === 'string') {
    const m = VERSION_ID_SUFFIX.exec(source);
    return m ? percentEncodeGreedy(source.slice(0, m.index)) + source.slice(m.index) : percentEncodeGreedy(source);
  }
  if (source && typeof source === 'object') {
    const { Bucket, Key, VersionId } = source as { Bucket?: string; Key?: string; VersionId?: string };
    if (!Bucket || !Key) {
      throw new ParamValidationError([`Missing required parameter in CopySource: "${!Bucket ? 'Bucket' : 'Key'}"`]);
    }
    const arn = ACCESSPOINT_ARN.test(Bucket) || OUTPOST_ARN.test(Bucket);
    let out = percentEncodeGreedy(arn ? `${Bucket}/object/${Key}` : `${Bucket}/${Key}`);
    if (VersionId !== undefined) out += `?versionId=${VersionId}`;
    return out;
  }
  return source;
}

const LIST_DECODE: Record<string, { top: string[]; nested: Array<[string, string]> }> = {
  ListObjects: { top: ['Delimiter', 'Marker', 'NextMarker'], nested: [['Contents', 'Key'], ['CommonPrefixes', 'Prefix']] },
  ListObjectsV2: { top: ['Delimiter', 'Prefix', 'StartAfter'], nested: [['Contents', 'Key'], ['CommonPrefixes', 'Prefix']] },
  ListObjectVersions: { top: ['KeyMarker', 'NextKeyMarker', 'Prefix', 'Delimiter'], nested: [['Versions', 'Key'], ['DeleteMarkers', 'Key'], ['CommonPrefixes', 'Prefix']] },
};

function unquote(v: string): string {
  // Most keys have nothing to decode (a 1,000-key listing decodes 1,000 of them).
  if (v.indexOf('%') < 0 && v.indexOf('+') < 0) return v;
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}

function decodeListing(opName: string, parsed: ParsedResponse): void {
  const spec = LIST_DECODE[opName];
  if (!spec || parsed.EncodingType !== 'url') return;
  for (const k of spec.top) if (typeof parsed[k] === 'string') parsed[k] = unquote(parsed[k] as string);
  for (const [list, child] of spec.nested) {
    const items = parsed[list];
    if (!Array.isArray(items)) continue;
    for (const item of items as Array<Record<string, unknown>>) if (typeof item[child] === 'string') item[child] = unquote(item[child] as string);
  }
}

/**
 * Is this successful-looking response an error: an S3 `<Error>` document, or a body that is
 * not XML at all (cut short by a network disruption, or only a copy's keep-alive whitespace)?
 * botocore's _looks_like_special_case_error; either is retried as a 500.
 */
function isEmbeddedError(op: OperationModel, raw: RawResponse): boolean {
  if (raw.statusCode !== 200 || raw.stream || !op.output) return false;
  const payload = op.output.raw.payload as string | undefined;
  // The shape the parser reads the body as (rest.ts): a structure payload, else the output.
  const bodyShape = (payload && op.output.member(payload)) || op.output;
  if (bodyShape.type === 'blob' || bodyShape.type === 'string') return false;
  if (raw.body.length === 0) return false;
  // Read as the parser will read it, so the parser reuses this reading.
  if (lacksXmlDocument(raw, restXmlTarget(bodyShape))) return true;
  const head = raw.body.subarray(0, 256).toString('utf8').replace(/^\s*(<\?xml[^>]*\?>)?\s*/, '');
  return head.startsWith('<Error>') || head.startsWith('<Error ');
}

/** Registers S3's event handlers on a session's emitter. */
export function installS3(ev: HierarchicalEmitter): void {
  ev.register('creating-client-class.s3', (p) => buildS3Client(p.build as ClientBuild));
  installS3AsciiMetadata(ev);
  ev.register('before-parameter-build.s3', (p) => {
    const params = p.params as Record<string, unknown>;
    const op = p.operation as OperationModel;
    const bucket = params.Bucket;
    if (typeof bucket === 'string' && !VALID_BUCKET.test(bucket) && !ACCESSPOINT_ARN.test(bucket) && !OUTPOST_ARN.test(bucket)) {
      throw new ParamValidationError([
        `Invalid bucket name ${quoteExcerpt(bucket)}: Bucket name must match the regex "${VALID_BUCKET.source}" or be an access point or outpost ARN`,
      ]);
    }
    if ((op.name === 'CopyObject' || op.name === 'UploadPartCopy') && params.CopySource !== undefined) {
      params.CopySource = quoteCopySource(params.CopySource);
    }
    if (LIST_DECODE[op.name] && params.EncodingType === undefined) {
      params.EncodingType = 'url';
      // botocore's context['encoding_type_auto_set']: only then are the keys decoded for the caller.
      p.context.state.encodingTypeAutoSet = true;
    }
  });
  ev.register('before-endpoint-resolution.s3', (p) => {
    const builtIns = p.builtIns as Record<string, unknown>;
    const op = p.operation as OperationModel;
    const bucket = (p.params as Record<string, unknown>).Bucket;
    // GetBucketLocation is signed for a region the caller may not know: always path style.
    if (op.name === 'GetBucketLocation') builtIns['AWS::S3::ForcePathStyle'] = true;
    // ARN buckets cannot be addressed path style.
    else if (typeof bucket === 'string' && bucket.startsWith('arn:')) builtIns['AWS::S3::ForcePathStyle'] = false;
  });
  ev.register('after-call.s3', (p) => {
    const op = p.operation as OperationModel;
    const parsed = p.parsed as ParsedResponse;
    if (LIST_DECODE[op.name] && p.context.state.encodingTypeAutoSet === true) decodeListing(op.name, parsed);
  });
  ev.register('before-parse.s3', (p) => {
    const op = p.operation as OperationModel;
    const raw = p.response as RawResponse;
    if (isEmbeddedError(op, raw)) raw.statusCode = 500;
    if (op.name === 'GetBucketLocation') Object.assign(p.customizedResponse, bucketLocation(raw));
  });
}

/**
 * GetBucketLocation's body is one unmodelled element, `<LocationConstraint>us-west-2</...>`:
 * its text is the result, null when empty. botocore's after-call handler reads the document
 * element's text whatever the status, so an error's response gets `LocationConstraint` too
 * (null for an `<Error>` document): copied, so `err.response` is the same dict. An error body
 * that is not XML gets none (botocore's handler raises an XML ParseError there instead of the
 * ClientError).
 */
function bucketLocation(raw: RawResponse): { LocationConstraint: string | null } | undefined {
  if (raw.statusCode < 300) {
    const m = /<LocationConstraint[^>]*>([^<]*)<\/LocationConstraint>|<LocationConstraint[^>]*\/>/.exec(raw.body.toString('utf8'));
    return { LocationConstraint: m?.[1] || null };
  }
  const doc = tryParseXml(raw);
  return doc ? { LocationConstraint: xmlTextOrNull(doc.root) } : undefined;
}

/** Model patches and defaults applied when an S3 client is built. */
export function buildS3Client(build: ClientBuild): void {
  removeBucketFromPaths(build.service);
  // boto3 lets an S3 client work without a region: it talks to us-east-1.
  if (!build.region) build.region = 'us-east-1';
}
