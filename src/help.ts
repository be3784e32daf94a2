/**
 * help(obj): boto3's help() for the REPL. Prints (and returns) what an object offers: a client's
 * operations, paginators and waiters; an operation's parameters and result; a resource's
 * identifiers, attributes, actions, references, collections and waiters.
 */
import { canonicalName } from './models/naming';
import { clientHelp, operationHelp, operationOf } from './client/help';
import type { ClientMeta } from './client/proxy';

type Describer = (obj: unknown) => string | undefined;

/** Other layers (resources) add describers for their objects here. */
export const HELP_DESCRIBERS: Describer[] = [];

function describeClient(obj: unknown): string | undefined {
  const meta = (obj as { meta?: ClientMeta } | undefined)?.meta;
  if (!meta || !meta.methodToApiMapping || !meta.serviceModel) return undefined;
  const client = obj as { waiterNames?: string[]; canPaginate?: (n: string) => boolean };
  const ops = Object.keys(meta.methodToApiMapping);
  return clientHelp(meta, {
    waiterNames: client.waiterNames ?? [],
    paginators: client.canPaginate ? ops.filter((o) => client.canPaginate!(o)) : [],
  });
}

function describeOperation(obj: unknown): string | undefined {
  const tagged = operationOf(obj);
  return tagged ? operationHelp(tagged.service, tagged.op, canonicalName(tagged.op.name)) : undefined;
}

/** Prints help for a client, an operation method or a resource; returns the text. */
export function help(obj: unknown): string {
  for (const d of [describeOperation, ...HELP_DESCRIBERS, describeClient]) {
    const text = d(obj);
    if (text !== undefined) {
      console.log(text);
      return text;
    }
  }
  const text = `No botojs help for ${typeof obj}: pass a client, a client method or a resource.`;
  console.log(text);
  return text;
}
