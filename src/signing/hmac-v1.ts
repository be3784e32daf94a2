/**
 * S3's legacy signature (HMAC-SHA1, "SigV2" for S3) for presigned URLs and POST policies, as
 * botocore's HmacV1QueryAuth and HmacV1PostAuth. boto3 still presigns S3 this way by default
 * in the regions endpoints.json lists with the `s3` signature version (src/customizations/s3/).
 *
 * URL (HmacV1QueryAuth): the string to sign is
 *   METHOD \n Content-MD5 \n Content-Type \n Expires \n [x-amz-* headers as `name:value` lines,
 *   names lower-cased and sorted] \n resource
 * where Expires is the epoch second the URL dies, and resource is the request's auth path
 * (the full `/bucket/key` even for virtual-hosted URLs) plus the query parameters S3 signs
 * (acl, uploadId, partNumber, versionId, response-*, ...) sorted by name, values unquoted.
 * The URL gains, after its own query, AWSAccessKeyId, Signature, then every x-amz-*,
 * Content-MD5 and Content-Type header (x-amz-security-token last among them) and Expires, all
 * percent-encoded: those headers travel in the query, so whoever uses the URL sends none.
 *
 * POST (HmacV1PostAuth): the policy is json.dumps({expiration, conditions}) (session token
 * condition appended), base64; fields gain AWSAccessKeyId, x-amz-security-token, policy and
 * `signature`, the base64 HMAC-SHA1 of the policy.
 */
import { createHmac } from 'crypto';
import type { SigningCredentials } from './aws4-signer';
import type { PresignPostArgs } from './presign-post';
import { jsonText } from '../util/json-text';
import { splitUrl } from './request-parts';
import { formatIso8601 } from '../util/iso8601';
import { encodeQuery } from '../util/percent-encode';
import { setPair } from '../util/form-urlencoded';
import { pythonUnquote } from '../util/python-unquote';

/** botocore's HmacV1Auth.QSAOfInterest: query parameters that are part of the resource. */
const SIGNED_QUERY_PARAMS = new Set([
  'accelerate', 'acl', 'cors', 'defaultObjectAcl', 'location', 'logging', 'partNumber', 'policy', 'requestPayment',
  'torrent', 'versioning', 'versionId', 'versions', 'website', 'uploads', 'uploadId', 'response-content-type',
  'response-content-language', 'response-expires', 'response-cache-control', 'response-content-disposition',
  'response-content-encoding', 'delete', 'lifecycle', 'tagging', 'restore', 'storageClass', 'notification',
  'replication', 'analytics', 'metrics', 'inventory', 'select', 'select-type', 'object-lock',
]);

function signString(secret: string, value: string): string {
  return createHmac('sha1', secret).update(value, 'utf8').digest('base64');
}

/** botocore's canonical_resource: the auth path plus the signed query parameters, sorted. */
function canonicalResource(path: string, query: string): string {
  if (!query) return path;
  const signed = query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part] : [part.slice(0, eq), pythonUnquote(part.slice(eq + 1))];
    })
    .filter((kv) => SIGNED_QUERY_PARAMS.has(kv[0]));
  if (signed.length === 0) return path;
  // Python's list.sort on the name alone is stable: equal names keep their order.
  signed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${path}?${signed.map((kv) => kv.join('=')).join('&')}`;
}

export interface HmacV1PresignOptions {
  expiresIn: number;
  date: Date;
  /** The path S3 signs: `/bucket/key` as the request URI renders it; the URL's path when absent. */
  authPath?: string;
}

/** A presigned URL for `req` (method, url, headers; the body is not part of it). */
export function presignHmacV1Url(req: { method: string; url: string; headers: Record<string, string> }, creds: SigningCredentials, opts: HmacV1PresignOptions): string {
  // Ordered as botocore's header dict ends up: the request's own, then the session token, then
  // Date (both replacing any spelling of the same name), Date carrying the expiry second.
  let headers: Array<[string, string]> = Object.entries(req.headers);
  if (creds.sessionToken) {
    headers = headers.filter(([k]) => k.toLowerCase() !== 'x-amz-security-token');
    headers.push(['x-amz-security-token', creds.sessionToken]);
  }
  headers = headers.filter(([k]) => k.toLowerCase() !== 'date');
  headers.push(['Date', String(Math.trunc(opts.date.getTime() / 1000) + Math.trunc(opts.expiresIn))]);

  const standard = ['content-md5', 'content-type', 'date'].map((name) => {
    const found = headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v.trim());
    return found.length ? found.join('\n') : '';
  });
  const custom = new Map<string, string[]>();
  for (const [k, v] of headers) {
    const lk = k.toLowerCase();
    if (lk.startsWith('x-amz-')) custom.set(lk, [...(custom.get(lk) ?? []), v.trim()]);
  }
  const customLines = [...custom.keys()].sort().map((k) => `${k}:${(custom.get(k) as string[]).join(',')}`);

  const url = splitUrl(req.url);
  let stringToSign = `${req.method.toUpperCase()}\n${standard.join('\n')}\n`;
  if (customLines.length) stringToSign += `${customLines.join('\n')}\n`;
  stringToSign += canonicalResource(opts.authPath ?? url.path, url.query);

  const query: Array<[string, string]> = [
    ['AWSAccessKeyId', creds.accessKeyId],
    ['Signature', signString(creds.secretAccessKey, stringToSign)],
  ];
  for (const [k, v] of headers) {
    const lk = k.toLowerCase();
    if (k === 'Date') setPair(query, 'Expires', v);
    else if (lk.startsWith('x-amz-') || lk === 'content-md5' || lk === 'content-type') setPair(query, lk, v);
  }
  return `${url.origin}${url.path}?${url.query ? `${url.query}&` : ''}${encodeQuery(query)}`;
}

/** The SigV4 POST's arguments, without a scope (HMAC-SHA1 has none) and with a required date. */
export type HmacV1PostArgs = Omit<PresignPostArgs, 'region' | 'signingName' | 'date'> & { date: Date };

/** Presigned POST fields, as botocore's S3PostPresigner with HmacV1PostAuth. */
export function presignHmacV1Post(args: HmacV1PostArgs): { url: string; fields: Record<string, string> } {
  const fields: Record<string, string> = { ...(args.fields ?? {}) };
  const conditions: unknown[] = [...(args.conditions ?? [])];
  conditions.push({ bucket: args.bucket });
  const FILENAME = '${filename}';
  if (args.key.endsWith(FILENAME)) conditions.push(['starts-with', '$key', args.key.slice(0, -FILENAME.length)]);
  else conditions.push({ key: args.key });
  fields.key = args.key;
  fields.AWSAccessKeyId = args.creds.accessKeyId;
  if (args.creds.sessionToken) {
    fields['x-amz-security-token'] = args.creds.sessionToken;
    conditions.push({ 'x-amz-security-token': args.creds.sessionToken });
  }
  const expiration = formatIso8601(new Date(args.date.getTime() + (args.expiresIn ?? 3600) * 1000));
  fields.policy = Buffer.from(jsonText({ expiration, conditions }), 'utf8').toString('base64');
  fields.signature = signString(args.creds.secretAccessKey, fields.policy);
  return { url: args.url, fields };
}
