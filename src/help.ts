/**
 * help(obj): boto3's help() for the REPL. Prints (and returns) what an object offers: a client's
 * operations, paginators and waiters; an operation's parameters and result; a resource's
 * identifiers, attributes, actions, references, collections and waiters (src/resources/help.ts).
 */
import { canonicalName } from './models/naming';
import { clientHelp, operationHelp, operationOf } from './client/help';
import type { ClientMeta } from './client/proxy';
import { describeResourceHelp } from './resources/help';
import { methodDoc, methodSignature } from './util/method-docs';

function describeClient(obj: unknown): string | undefined {
  const meta = (obj as { meta?: ClientMeta } | undefined)?.meta;
  if (!meta || !meta.methodToApiMapping || !meta.serviceModel) return undefined;
  const client = obj as { waiterNames?: string[]; canPaginate?: (n: string) => boolean };
  const ops = Object.keys(meta.methodToApiMapping);
  // The client's own members besides the operations: what extensions and customizations added.
  const members = obj as Record<string, unknown>;
  const methods = Reflect.ownKeys(members)
    .filter((k): k is string => typeof k === 'string' && !(k in meta.methodToApiMapping) && typeof members[k] === 'function')
    .sort()
    .map((name) => ({ name, signature: methodSignature(members[name]) }));
  return clientHelp(meta, {
    waiterNames: client.waiterNames ?? [],
    paginators: client.canPaginate ? ops.filter((o) => client.canPaginate!(o)) : [],
    methods,
  });
}

function describeOperation(obj: unknown): string | undefined {
  const tagged = operationOf(obj);
  return tagged ? operationHelp(tagged.service, tagged.op, canonicalName(tagged.op.name)) : undefined;
}

/** The help text for a client, an operation method, a resource or a collection. */
export function helpText(obj: unknown): string {
  for (const describe of [describeOperation, methodDoc, describeResourceHelp, describeClient]) {
    const text = describe(obj);
    if (text !== undefined) return text;
  }
  return `No botojs help for ${typeof obj}: pass a client, a client method (an operation, uploadFile, getPaginator, ...), a resource or a collection.`;
}

/** Prints help for a client, an operation method, a resource or a collection; returns the text. */
export function help(obj: unknown): string {
  const text = helpText(obj);
  console.log(text);
  return text;
}
