/**
 * Presigned POST (browser form upload), as botocore's S3PostPresigner + S3SigV4PostAuth: the
 * policy is Python's `json.dumps` of `{expiration, conditions}` (so the bytes, and the
 * signature, match botocore's), base64 encoded, and signed with the SigV4 key for
 * `<date>/<region>/<signingName>/aws4_request`. S3 attaches it to its clients
 * (src/customizations/s3/presign-post.ts) with the signing name its endpoint chose.
 */
import { signString, SigningCredentials } from './aws4-signer';
import { amzDate } from './request-parts';
import { formatIso8601 } from '../util/iso8601';
import { jsonText } from '../util/json-text';

export interface PresignPostArgs {
  /** The form's action URL (S3: the bucket endpoint as CreateBucket would address it). */
  url: string;
  bucket: string;
  /** Object key; a trailing `${filename}` allows any key with that prefix. */
  key: string;
  fields?: Record<string, string>;
  conditions?: unknown[];
  /** Seconds until the policy expires; 3600 by default. */
  expiresIn?: number;
  creds: SigningCredentials;
  /** The credential scope's service: the signing name of the endpoint the form posts to. */
  signingName: string;
  region: string;
  date?: Date;
  /** The field (and policy condition) that carries a session token (S3 Express: `X-Amz-S3session-Token`). */
  sessionTokenField?: string;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

const FILENAME_VARIABLE = '${filename}';

export function presignPost(args: PresignPostArgs): PresignedPost {
  const now = args.date ?? new Date();
  const expiresIn = args.expiresIn ?? 3600;
  const fields: Record<string, string> = { ...(args.fields ?? {}) };
  const conditions: unknown[] = [...(args.conditions ?? [])];

  conditions.push({ bucket: args.bucket });
  if (args.key.endsWith(FILENAME_VARIABLE)) {
    conditions.push(['starts-with', '$key', args.key.slice(0, -FILENAME_VARIABLE.length)]);
  } else {
    conditions.push({ key: args.key });
  }
  fields.key = args.key;

  const datetime = amzDate(now);
  const credential = `${args.creds.accessKeyId}/${datetime.slice(0, 8)}/${args.region}/${args.signingName}/aws4_request`;
  fields['x-amz-algorithm'] = 'AWS4-HMAC-SHA256';
  fields['x-amz-credential'] = credential;
  fields['x-amz-date'] = datetime;
  conditions.push({ 'x-amz-algorithm': 'AWS4-HMAC-SHA256' });
  conditions.push({ 'x-amz-credential': credential });
  conditions.push({ 'x-amz-date': datetime });
  if (args.creds.sessionToken) {
    const name = args.sessionTokenField ?? 'x-amz-security-token';
    fields[name] = args.creds.sessionToken;
    conditions.push({ [name]: args.creds.sessionToken });
  }

  const policy = { expiration: formatIso8601(new Date(now.getTime() + expiresIn * 1000)), conditions };
  fields.policy = Buffer.from(jsonText(policy), 'utf8').toString('base64');
  fields['x-amz-signature'] = signString(fields.policy, args.creds, {
    datetime,
    region: args.region,
    service: args.signingName,
  });
  return { url: args.url, fields };
}
