/**
 * `rds.generateDbAuthToken({ DBHostname, Port, DBUsername, Region? })`: the IAM database
 * authentication token botocore's generate_db_auth_token adds to RDS clients
 * (`creating-client-class.rds`): `<host>:<port>/?Action=connect&DBUser=<user>&X-Amz-...`,
 * signed for `rds-db` in Region (the client's by default), valid 900 seconds. Attached to RDS
 * clients at `creating-client-class.rds`; other clients get nothing.
 */
import type { ClientContext } from '../../pipeline/context';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import { generateDbToken, requiredString, tokenRegion } from '../db-auth-token';
import { InvalidPresignArgumentError } from '../../errors';
import { documentMethod } from '../../util/method-docs';

export interface DbAuthTokenOptions {
  DBHostname: string;
  Port: number | string;
  DBUsername: string;
  /** The database's region; the client's when omitted. */
  Region?: string;
}

const METHOD = 'generateDbAuthToken';

export function rdsDbAuthTokenExtension(ctx: ClientContext): Record<string, unknown> {
  const methods = {
    /** A token to use as the password of an IAM-authenticated database connection. */
    async generateDbAuthToken(options: DbAuthTokenOptions): Promise<string> {
      const opts = (options ?? {}) as Partial<DbAuthTokenOptions>;
      const host = requiredString(METHOD, 'DBHostname', opts.DBHostname);
      const user = requiredString(METHOD, 'DBUsername', opts.DBUsername);
      // botocore formats the port into the URL as given (an int or a string).
      if (typeof opts.Port !== 'number' && (typeof opts.Port !== 'string' || opts.Port === '')) throw new InvalidPresignArgumentError([`${METHOD}: Port must be a number or a string`]);
      return generateDbToken(ctx, {
        authority: `${host}:${opts.Port}`,
        query: [['Action', 'connect'], ['DBUser', user]],
        signingName: 'rds-db',
        region: tokenRegion(METHOD, ctx, opts.Region),
        expiresIn: 900,
      });
    },
  };
  documentMethod(methods.generateDbAuthToken, () =>
    [
      'rds.generateDbAuthToken({ DBHostname, Port, DBUsername, Region? }) -> Promise<string>',
      '  The password for an IAM-authenticated database connection, signed locally, valid 900 s.',
    ].join('\n'),
  );
  return methods;
}

/** Adds the token method(s) to every RDS client a session creates. */
export function installRdsDbAuthToken(events: HierarchicalEmitter): void {
  events.register('creating-client-class.rds', (p) => void (p.build as ClientBuild).methods.extensions.push(rdsDbAuthTokenExtension));
}
