/**
 * `dsql.generateDbConnectAuthToken({ Hostname, Region?, ExpiresIn? })` and
 * `generateDbConnectAdminAuthToken(...)`: the tokens botocore's
 * add_dsql_generate_db_auth_token_methods adds to Aurora DSQL clients
 * (`creating-client-class.dsql`): `<host>/?Action=DbConnect|DbConnectAdmin&X-Amz-...`, signed
 * for `dsql` in Region (the client's by default), valid ExpiresIn seconds (900 by default).
 * Attached to DSQL clients at `creating-client-class.dsql`.
 */
import type { ClientContext } from '../../pipeline/context';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import { generateDbToken, requiredString, tokenRegion } from '../db-auth-token';
import { InvalidPresignArgumentError } from '../../errors';
import { documentMethod } from '../../util/method-docs';

export interface DsqlAuthTokenOptions {
  Hostname: string;
  /** The cluster's region; the client's when omitted. */
  Region?: string;
  /** Seconds the token stays valid; 900 by default. */
  ExpiresIn?: number;
}

function tokenMethod(ctx: ClientContext, method: string, action: 'DbConnect' | 'DbConnectAdmin') {
  const doc = () =>
    [
      `dsql.${method}({ Hostname, Region?, ExpiresIn? }) -> Promise<string>`,
      `  The password to connect to the cluster as ${action === 'DbConnect' ? 'a custom database role' : 'the admin role'}, signed locally, valid ExpiresIn s (900).`,
    ].join('\n');
  return documentMethod(async (options: DsqlAuthTokenOptions): Promise<string> => {
    const opts = (options ?? {}) as Partial<DsqlAuthTokenOptions>;
    const host = requiredString(method, 'Hostname', opts.Hostname);
    const expiresIn = opts.ExpiresIn ?? 900;
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) throw new InvalidPresignArgumentError([`${method}: ExpiresIn must be a non-negative number of seconds`]);
    return generateDbToken(ctx, { authority: host, query: [['Action', action]], signingName: 'dsql', region: tokenRegion(method, ctx, opts.Region), expiresIn });
  }, doc);
}

export function dsqlDbAuthTokenExtension(ctx: ClientContext): Record<string, unknown> {
  return {
    /** A token to connect to the cluster as a custom database role. */
    generateDbConnectAuthToken: tokenMethod(ctx, 'generateDbConnectAuthToken', 'DbConnect'),
    /** A token to connect to the cluster as the `admin` role. */
    generateDbConnectAdminAuthToken: tokenMethod(ctx, 'generateDbConnectAdminAuthToken', 'DbConnectAdmin'),
  };
}

/** Adds the token method(s) to every DSQL client a session creates. */
export function installDsqlDbAuthToken(events: HierarchicalEmitter): void {
  events.register('creating-client-class.dsql', (p) => void (p.build as ClientBuild).methods.extensions.push(dsqlDbAuthTokenExtension));
}
