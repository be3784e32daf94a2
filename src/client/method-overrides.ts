/**
 * Changes a customization makes to one client's methods at `creating-client-class` (botocore
 * edits the client class's attributes there, or answers `getattr.<service>.<name>`):
 *
 * - `aliases`: an extra spelling (any case, underscores ignored) that calls a model operation,
 *   as botocore's ClientMethodAlias. Aliases are not listed by `Object.keys(client)`.
 * - `removed`: model operations botojs cannot call, each with the reason. They are not listed,
 *   `in` says false, and any spelling throws UnsupportedOperationError (before any request), so
 *   the caller learns why instead of reading "no operation".
 * - `extensions`: members that are not operations (S3's `uploadFile` and
 *   `generatePresignedPost`, RDS's `generateDbAuthToken`), as botocore adds methods to the class
 *   in `creating-client-class.<service>`. Each customization pushes its own for its service, so
 *   no list of extensions is shared between clients or filled when a module loads.
 */
import { lookupKey } from '../models/naming';
import type { ClientContext } from '../pipeline/context';
import type { Client } from './proxy';

/**
 * Adds members to one client: called once, after the client Proxy exists, with the context and
 * the client (so a member can call the client's operations, wrappers included).
 */
export type ClientExtension = (ctx: ClientContext, client: Client) => Record<string, unknown>;

export interface ClientMethods {
  /** alias spelling -> model operation name (`DeleteWhatsAppMessageMedia`) */
  aliases: Record<string, string>;
  /** model operation name -> why botojs cannot call it */
  removed: Record<string, string>;
  /** Extra members, added in this order after the ones every client has. */
  extensions: ClientExtension[];
}

export function emptyClientMethods(): ClientMethods {
  return { aliases: {}, removed: {}, extensions: [] };
}

/** What a property name means on a client: an operation to call, a removed one, or nothing. */
export type MethodLookup = { kind: 'operation'; opName: string } | { kind: 'removed'; opName: string; reason: string } | undefined;

/** Resolves spellings with the client's aliases and removals applied over `resolve` (the model's operation index). */
export function methodResolver(resolve: (spelling: string) => string | undefined, methods: ClientMethods | undefined): (spelling: string) => MethodLookup {
  if (!methods || (Object.keys(methods.aliases).length === 0 && Object.keys(methods.removed).length === 0)) {
    return (spelling) => {
      const opName = resolve(spelling);
      return opName ? { kind: 'operation', opName } : undefined;
    };
  }
  const aliases = new Map(Object.entries(methods.aliases).map(([alias, op]) => [lookupKey(alias), op]));
  return (spelling) => {
    const opName = aliases.get(lookupKey(spelling)) ?? resolve(spelling);
    if (!opName) return undefined;
    const reason = Object.prototype.hasOwnProperty.call(methods.removed, opName) ? methods.removed[opName] : undefined;
    return reason === undefined ? { kind: 'operation', opName } : { kind: 'removed', opName, reason };
  };
}
