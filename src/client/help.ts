/**
 * Text help for clients and their operations (boto3's help(), as REPL users read it):
 * a client lists its operations, paginators and waiters; an operation method lists its
 * parameters (required first, with types) and its result members.
 */
import type { OperationModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import type { ClientMeta } from './proxy';

const operationOfMethod = new WeakMap<object, { service: string; op: OperationModel }>();

/** Remembers which operation a client method calls, so help(method) can describe it. */
export function tagOperationMethod(method: object, service: string, op: OperationModel): void {
  operationOfMethod.set(method, { service, op });
}

function typeOf(shape: Shape, depth = 0): string {
  switch (shape.type) {
    case 'structure':
      if (shape.isDocument) return 'document';
      return depth > 0 ? shape.name : `{ ${shape.memberNames.slice(0, 6).join(', ')}${shape.memberNames.length > 6 ? ', ...' : ''} }`;
    case 'list':
      return `${typeOf(shape.listMember, depth + 1)}[]`;
    case 'map':
      return `Record<${typeOf(shape.mapKey, depth + 1)}, ${typeOf(shape.mapValue, depth + 1)}>`;
    case 'timestamp':
      return 'Date';
    case 'blob':
      return shape.serialization.streaming ? 'Buffer | string | Readable (streaming)' : 'Buffer | string';
    case 'integer': case 'long': case 'float': case 'double': case 'short': case 'byte':
      return 'number';
    case 'string':
      return shape.enum ? shape.enum.slice(0, 5).map((e) => `'${e}'`).join(' | ') + (shape.enum.length > 5 ? ' | ...' : '') : 'string';
    default:
      return shape.type;
  }
}

function members(shape: Shape | undefined, indent: string): string[] {
  if (!shape || shape.memberNames.length === 0) return [`${indent}(none)`];
  const required = new Set(shape.required);
  const names = [...shape.memberNames].sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  return names.map((n) => `${indent}${n}${required.has(n) ? '' : '?'}: ${typeOf(shape.members[n], 1)}`);
}

/** Help text for one operation. */
export function operationHelp(service: string, op: OperationModel, canonical: string): string {
  return [
    `${service}.${canonical}(params) -> Promise<result>   [API operation ${op.name}, ${op.http.method} ${op.http.requestUri}]`,
    '',
    'Parameters (? = optional):',
    ...members(op.input, '  '),
    '',
    'Result:',
    ...members(op.output, '  '),
    `  ResponseMetadata: { RequestId, HTTPStatusCode, HTTPHeaders, RetryAttempts }`,
    ...(op.errors.length ? ['', `Errors: ${op.errors.map((e) => e.name).join(', ')}`] : []),
  ].join('\n');
}

/**
 * Help text for a client. `methods` are its members that are not API operations (transfers,
 * presigning, paginators, ...), each with the first line of its help when it has one.
 */
export function clientHelp(meta: ClientMeta, extras: { waiterNames: string[]; paginators: string[]; methods?: Array<{ name: string; signature?: string }> }): string {
  const ops = Object.keys(meta.methodToApiMapping).sort();
  const lines = [
    `botojs client for ${meta.serviceModel.metadata.serviceFullName ?? meta.serviceName} ('${meta.serviceName}', API ${meta.serviceModel.apiVersion}, ${meta.context.protocol.name})`,
    `region: ${meta.regionName ?? '(none)'}${meta.endpointUrl ? `, endpoint: ${meta.endpointUrl}` : ''}`,
    '',
    `Operations (${ops.length}); help(client.<name>) describes one:`,
    ...wrap(ops),
  ];
  if (extras.paginators.length) lines.push('', `Paginators (client.getPaginator(name)):`, ...wrap(extras.paginators));
  if (extras.waiterNames.length) lines.push('', `Waiters (client.getWaiter(name)):`, ...wrap(extras.waiterNames));
  const methods = extras.methods ?? [];
  if (methods.length) {
    lines.push('', 'Other methods (help(client.<name>) describes one):');
    for (const m of methods) lines.push(`  ${m.signature ?? `${m.name}(...)`}`);
  }
  lines.push('', 'Properties: meta (region, endpoint, config, events), exceptions (error classes), waiterNames');
  return lines.join('\n');
}

function wrap(names: string[], width = 96): string[] {
  const out: string[] = [];
  let line = ' ';
  for (const n of names) {
    if (line.length + n.length + 2 > width) {
      out.push(line);
      line = ' ';
    }
    line += ` ${n}`;
  }
  if (line.trim()) out.push(line);
  return out;
}

/** The operation a method was tagged with, if any. */
export function operationOf(method: unknown): { service: string; op: OperationModel } | undefined {
  return typeof method === 'function' ? operationOfMethod.get(method) : undefined;
}
