/**
 * The arguments of generatePresignedUrl and generatePresignedPost, checked before anything is
 * resolved or signed; every problem is listed in one InvalidPresignArgumentError.
 *
 * - ExpiresIn is a whole number of seconds: from 1 to 604800 (7 days) for a URL, the range SigV4
 *   query signing allows (`X-Amz-Expires=NaN` or `=0` used to be signed and handed out); at
 *   least 1 for a POST policy, whose expiration is a date;
 * - HttpMethod is an HTTP token (it is signed into the URL);
 * - options are an object with known keys only (a typo such as `Expires` was silently ignored);
 * - a POST's Bucket and Key are strings, Fields an object, Conditions an array of objects or
 *   arrays holding no NaN or Infinity (the policy is JSON).
 * botocore checks none of these; the limits are AWS's.
 */
import { InvalidPresignArgumentError } from '../errors';
import { closeMatches } from '../models/naming';
import { isPlainObject } from '../util/objects';
import { excerpt, nameExcerpt, typeName } from '../util/excerpt';

/** The longest validity SigV4 presigned URLs accept (7 days). */
export const MAX_PRESIGN_EXPIRES = 604800;

const URL_OPTIONS = ['Params', 'ExpiresIn', 'HttpMethod'];
const POST_OPTIONS = ['Bucket', 'Key', 'Fields', 'Conditions', 'ExpiresIn'];
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface UrlArgs {
  params: unknown;
  expiresIn: number;
  httpMethod?: string;
}

export interface PostArgs {
  bucket: string;
  key: string;
  fields?: Record<string, string>;
  conditions?: unknown[];
  expiresIn: number;
}

/** Checks generatePresignedUrl's arguments; returns them with defaults applied. */
export function presignUrlArgs(clientMethod: unknown, options: unknown): UrlArgs {
  const problems: string[] = [];
  const where = 'generatePresignedUrl';
  if (typeof clientMethod !== 'string') problems.push(`Invalid ClientMethod for ${where}: ${excerpt(clientMethod)}, type: ${typeName(clientMethod)}; it must be an operation name (a string)`);
  const opts = optionsObject(options ?? {}, where, URL_OPTIONS, problems);
  const expiresIn = checkExpiresIn(opts.ExpiresIn, where, MAX_PRESIGN_EXPIRES, problems);
  const method = opts.HttpMethod;
  if (method !== undefined && (typeof method !== 'string' || !TOKEN.test(method))) {
    problems.push(`Invalid HttpMethod for ${where}: ${excerpt(method)}; it must be an HTTP method name such as GET or PUT`);
  }
  if (problems.length) throw new InvalidPresignArgumentError(problems);
  return { params: opts.Params, expiresIn, httpMethod: method === undefined ? undefined : (method as string).toUpperCase() };
}

/** Checks generatePresignedPost's arguments; returns them with defaults applied. */
export function presignPostArgs(options: unknown): PostArgs {
  const problems: string[] = [];
  const where = 'generatePresignedPost';
  const opts = optionsObject(options, where, POST_OPTIONS, problems);
  for (const name of ['Bucket', 'Key']) {
    const v = opts[name];
    if (typeof v !== 'string' || (name === 'Bucket' && v === '')) {
      problems.push(v === undefined ? `Missing ${name} for ${where}` : `Invalid ${name} for ${where}: ${excerpt(v)}, type: ${typeName(v)}; it must be a ${name === 'Bucket' ? 'bucket name' : 'string'}`);
    }
  }
  if (opts.Fields !== undefined && !isPlainObject(opts.Fields)) {
    problems.push(`Invalid Fields for ${where}: ${excerpt(opts.Fields)}, type: ${typeName(opts.Fields)}; it must be an object of form field names to values`);
  }
  checkConditions(opts.Conditions, where, problems);
  const expiresIn = checkExpiresIn(opts.ExpiresIn, where, undefined, problems);
  if (problems.length) throw new InvalidPresignArgumentError(problems);
  return {
    bucket: opts.Bucket as string,
    key: opts.Key as string,
    fields: opts.Fields as Record<string, string> | undefined,
    conditions: opts.Conditions as unknown[] | undefined,
    expiresIn,
  };
}

function optionsObject(options: unknown, where: string, known: string[], problems: string[]): Record<string, unknown> {
  if (!isPlainObject(options)) {
    problems.push(`Invalid options for ${where}: ${excerpt(options)}, type: ${typeName(options)}; they must be an object with the keys ${known.join(', ')}`);
    return {};
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const close = closeMatches(key, known, 1);
    problems.push(`Unknown option ${nameExcerpt(key)} for ${where}, must be one of: ${known.join(', ')}${close.length ? ` (did you mean "${close[0]}"?)` : ''}`);
  }
  return options;
}

function checkExpiresIn(value: unknown, where: string, max: number | undefined, problems: string[]): number {
  if (value === undefined) return 3600;
  const range = max === undefined ? 'at least 1' : `from 1 to ${max} (${max / 86400} days)`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || (max !== undefined && value > max)) {
    problems.push(`Invalid ExpiresIn for ${where}: ${excerpt(value)}; it must be a whole number of seconds ${range}`);
  } else if (Number.isNaN(new Date(Date.now() + value * 1000).getTime())) {
    // A POST policy's expiration is a date: past the year 275760 there is none.
    problems.push(`Invalid ExpiresIn for ${where}: ${excerpt(value)}; the expiration would be past the last date JavaScript can represent`);
  }
  return value as number;
}

function checkConditions(conditions: unknown, where: string, problems: string[]): void {
  if (conditions === undefined) return;
  if (!Array.isArray(conditions)) {
    problems.push(`Invalid Conditions for ${where}: ${excerpt(conditions)}, type: ${typeName(conditions)}; it must be an array of conditions`);
    return;
  }
  conditions.forEach((c, i) => {
    if (!Array.isArray(c) && !isPlainObject(c)) {
      problems.push(`Invalid Conditions[${i}] for ${where}: ${excerpt(c)}, type: ${typeName(c)}; a condition is an object ({ acl: 'public-read' }) or an array (['starts-with', '$key', 'user/'])`);
      return;
    }
    const values = Array.isArray(c) ? c : Object.values(c);
    if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      problems.push(`Invalid Conditions[${i}] for ${where}: it holds NaN or Infinity, which the JSON policy cannot carry`);
    }
  });
}
