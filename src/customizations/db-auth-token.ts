/**
 * The shared part of the database auth tokens RDS and Aurora DSQL clients generate (botocore's
 * generate_db_auth_token and _dsql_generate_db_auth_token): a SigV4 query-signed GET of
 * `https://<host>/?<query>` with the client's credentials and clock, returned without its
 * `https://` (the database takes `host[:port]/?...` as the password). Nothing is sent.
 */
import { InvalidPresignArgumentError } from '../errors';
import { signingCredentials } from '../pipeline/signing-credentials';
import type { ClientContext } from '../pipeline/context';
import { presignUrl } from '../signing';
import { encodeQuery } from '../util/percent-encode';

const SCHEME = 'https://';

export interface DbTokenRequest {
  /** `host` or `host:port`, as the database is reached. */
  authority: string;
  /** The query before the signature's parameters, in botocore's order. */
  query: Array<[string, string]>;
  signingName: string;
  region: string;
  expiresIn: number;
}

export async function generateDbToken(ctx: ClientContext, req: DbTokenRequest): Promise<string> {
  const creds = await signingCredentials(ctx);
  const url = presignUrl(
    { method: 'GET', url: `${SCHEME}${req.authority}/?${encodeQuery(req.query)}`, headers: {}, body: undefined },
    creds,
    { signingName: req.signingName, region: req.region, date: ctx.clockSkew.now(), expiresIn: req.expiresIn, s3: false, disableDoubleEncoding: false },
  );
  return url.slice(SCHEME.length);
}

/** A required string argument, or InvalidPresignArgumentError naming it (nothing is signed). */
export function requiredString(method: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InvalidPresignArgumentError([`${method}: ${name} must be a non-empty string, got ${value === '' ? "''" : typeof value}`]);
  return value;
}

/** The region the token is for: the argument, else the client's (botocore: meta.region_name). */
export function tokenRegion(method: string, ctx: ClientContext, region: unknown): string {
  if (region === undefined || region === null) {
    if (!ctx.region) throw new InvalidPresignArgumentError([`${method}: Region is required (the client has no region)`]);
    return ctx.region;
  }
  return requiredString(method, 'Region', region);
}
