/**
 * TAB completion that knows the models, tried before Node's own completer:
 *
 *   client('dyn            -> service names (resource(' lists the services with resources)
 *   s3.putO                -> operations, then the client's other methods (uploadFile, getPaginator, ...)
 *   s3.putObject({ Bu      -> the operation's input members not given yet (Bucket)
 *   s3.deleteObjects({ Delete: { Objects: [{ K   -> nested members, through structures, lists and maps
 *   bucket.ob              -> a resource's identifiers, attributes, actions, collections, sub-resources
 *   bucket.put({ Ca        -> the action's input members that the resource does not fill itself
 *   s3.getPaginator('li, s3.getWaiter('ob   -> paginated operations, waiter names
 *
 * `completeLine` returns undefined when the line is none of these, and the REPL asks Node's
 * completer. Nothing here calls a method or sends a request: values are found by looking up
 * one identifier in the REPL's scope and reading properties (client and resource members answer
 * without I/O).
 */
import type { Client } from '../../client/proxy';
import { operationOf } from '../../client/help';
import type { Shape } from '../../models/shape';
import { ResourceCollection } from '../../resources/collection';
import { classOf, isResource } from '../../resources/instance';
import { Session } from '../../session/session';

/** Completions and the text at the end of the line they replace, as Node's completer returns them. */
export type Completion = [string[], string];

/** Reads one identifier of the REPL's scope (undefined when it is not defined). */
export type ScopeLookup = (name: string) => unknown;

const IDENT = '[A-Za-z_$][\\w$]*';
const PATH = `${IDENT}(?:\\s*\\.\\s*${IDENT})*`;

export function completeLine(line: string, lookup: ScopeLookup): Completion | undefined {
  return completeStringArgument(line, lookup) ?? completeParams(line, lookup) ?? completeMember(line, lookup);
}

const matching = (names: Iterable<string>, partial: string): string[] => [...new Set(names)].filter((n) => n.startsWith(partial)).sort();

/** Follows `a.b.c` from the scope by property reads; undefined when any step fails. */
export function resolvePath(path: string, lookup: ScopeLookup): unknown {
  const [root, ...props] = path.split('.').map((p) => p.trim());
  let value: unknown;
  try {
    value = lookup(root);
    for (const p of props) {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
      value = (value as Record<string, unknown>)[p];
    }
  } catch {
    // A client throws for an unknown operation name, a resource for an unknown member.
    return undefined;
  }
  return value;
}

function isClient(value: unknown): value is Client {
  const meta = (value as { meta?: { methodToApiMapping?: unknown; serviceModel?: unknown } } | null)?.meta;
  return typeof value === 'object' && value !== null && typeof meta === 'object' && meta !== null && !!meta.methodToApiMapping && !!meta.serviceModel;
}

// ---- client('s3  /  session.resource('dyn  /  s3.getPaginator('li  /  s3.getWaiter('ob

function completeStringArgument(line: string, lookup: ScopeLookup): Completion | undefined {
  const m = new RegExp(`(?:^|[^\\w$.])(?:(${PATH})\\s*\\.\\s*)?(client|resource|getPaginator|getWaiter)\\(\\s*(['"\`])([\\w-]*)$`).exec(line);
  if (!m) return undefined;
  const [, ownerPath, fn, , partial] = m;
  const owner = ownerPath === undefined ? undefined : resolvePath(ownerPath, lookup);
  if (fn === 'getPaginator' || fn === 'getWaiter') {
    if (!isClient(owner)) return undefined;
    const names = fn === 'getWaiter' ? owner.waiterNames : Object.keys(owner.meta.methodToApiMapping).filter((op) => owner.canPaginate(op));
    return [matching(names, partial), partial];
  }
  // `client('` is the REPL's helper over its session; `x.client('` is a Session's method.
  const session = owner instanceof Session ? owner : ownerPath === undefined ? lookup('session') : undefined;
  if (!(session instanceof Session)) return undefined;
  const names = fn === 'resource' ? session.getAvailableResources() : session.getAvailableServices();
  return [matching(names, partial), partial];
}

// ---- parameter names inside the object literal of a call

interface Frame {
  open: '(' | '{' | '[';
  /** For '(': the expression called (`s3.putObject`). */
  callee?: string;
  /** For '{' and '[': the key it is the value of in the enclosing object (undefined in a list or a call). */
  key?: string;
  /** For '{' and '[': whether it is the first thing inside a call's parentheses. */
  firstArgument?: boolean;
  /** For '{': the key whose value is being written, and the keys already written. */
  pendingKey?: string;
  keys?: Set<string>;
  /** Index of the opening bracket. */
  openedAt: number;
  /** Index just after the opening bracket, or after the last ',' at this level. */
  itemStart: number;
}

/** The brackets still open at the end of `line`, strings and comments skipped. */
function openFrames(line: string): Frame[] | undefined {
  const frames: Frame[] = [];
  const top = () => frames[frames.length - 1];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = closingQuote(line, i);
      if (end < 0) return undefined; // inside a string: not a key position
      i = end;
      continue;
    }
    if (c === '/' && line[i + 1] === '/') return undefined;
    if (c === '(' || c === '{' || c === '[') {
      const parent = top();
      const before = line.slice(0, i);
      const frame: Frame = { open: c, openedAt: i, itemStart: i + 1 };
      if (c === '(') frame.callee = new RegExp(`(${PATH})\\s*$`).exec(before)?.[1]?.replace(/\s+/g, '');
      else if (parent?.open === '{') frame.key = parent.pendingKey;
      else if (parent?.open === '(') frame.firstArgument = parent.itemStart === parent.openedAt + 1 && line.slice(parent.itemStart, i).trim() === '';
      if (c === '{') frame.keys = new Set();
      frames.push(frame);
    } else if (c === ')' || c === '}' || c === ']') {
      frames.pop();
    } else if (c === ':' && top()?.open === '{') {
      const f = top();
      const key = /(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)")\s*$/.exec(line.slice(f.itemStart, i));
      f.pendingKey = key ? key[1] ?? key[2] ?? key[3] : undefined;
      if (f.pendingKey !== undefined) f.keys!.add(f.pendingKey);
    } else if (c === ',' && top()) {
      top().itemStart = i + 1;
      top().pendingKey = undefined;
    }
  }
  return frames;
}

function closingQuote(line: string, start: number): number {
  const q = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === q) return i;
  }
  return -1;
}

/** The input shape of what `callee` calls: a client operation or a resource action. */
function inputOf(callee: string, lookup: ScopeLookup): { shape: Shape; filled: Set<string> } | undefined {
  const dot = callee.lastIndexOf('.');
  if (dot < 0) return undefined;
  const owner = resolvePath(callee.slice(0, dot), lookup);
  const method = callee.slice(dot + 1);
  if (isClient(owner)) {
    const tagged = operationOf(resolvePath(callee, lookup));
    return tagged?.op.input ? { shape: tagged.op.input, filled: new Set() } : undefined;
  }
  if (isResource(owner)) {
    const cls = classOf(owner);
    const action = cls.model.actions.find((a) => a.name === method);
    const operation = action?.request?.operation;
    const service = owner.meta.client.meta.serviceModel;
    if (!operation || !service.hasOperation(operation)) return undefined;
    const input = service.operation(operation).input;
    // Members the action fills from the resource (its identifiers, data) are not the caller's to give.
    const filled = new Set((action!.request!.params ?? []).filter((p) => p.source !== 'input').map((p) => p.target.split(/[.[]/)[0]));
    return input ? { shape: input, filled } : undefined;
  }
  return undefined;
}

function completeParams(line: string, lookup: ScopeLookup): Completion | undefined {
  const frames = openFrames(line);
  if (!frames || frames.length < 2) return undefined;
  const last = frames[frames.length - 1];
  if (last.open !== '{' || last.pendingKey !== undefined) return undefined;
  // The key being typed: only an identifier (or nothing yet) since the '{' or the last ','.
  const typed = /^\s*([A-Za-z_$][\w$]*)?$/.exec(line.slice(last.itemStart));
  if (!typed) return undefined;
  const partial = typed[1] ?? '';
  // The innermost call whose first argument opens the object chain we are in.
  let callIndex = -1;
  for (let i = frames.length - 2; i >= 0; i--) {
    if (frames[i].open === '(') {
      callIndex = i;
      break;
    }
  }
  const call = frames[callIndex];
  if (!call?.callee || !frames[callIndex + 1]?.firstArgument || frames[callIndex + 1].open !== '{') return undefined;
  const input = inputOf(call.callee, lookup);
  if (!input) return undefined;
  let shape: Shape | undefined = input.shape;
  // Down from the input structure: a '{' opened as a member's value, a map's value or a list's element.
  for (let i = callIndex + 2; i < frames.length && shape; i++) {
    const frame = frames[i];
    if (frames[i - 1].open === '[') shape = shape.type === 'list' ? shape.listMember : undefined;
    else if (shape.type === 'map') shape = shape.mapValue;
    else shape = frame.key === undefined ? undefined : shape.member(frame.key);
    if (shape && (frame.open === '[') !== (shape.type === 'list')) shape = undefined;
  }
  // Inside a known call's params but not at a structure's keys (a map's, a document's): nothing to offer.
  if (!shape || shape.type !== 'structure' || shape.isDocument) return [[], partial];
  const taken = new Set([...(last.keys ?? []), ...(frames.length - 1 === callIndex + 1 ? input.filled : [])]);
  return [matching(shape.memberNames.filter((n) => !taken.has(n)), partial), partial];
}

// ---- members after `x.`

function membersOf(value: unknown): string[] | undefined {
  if (isClient(value)) {
    // Operations first in Object.keys; the rest (uploadFile, getPaginator, meta, ...) are own but not enumerable.
    return Reflect.ownKeys(value).filter((k): k is string => typeof k === 'string');
  }
  if (isResource(value)) return [...Object.keys(value), 'meta'];
  if (value instanceof ResourceCollection) return ['all', 'filter', 'limit', 'pageSize', 'pages', 'withOptions', ...value.batchActionNames];
  return undefined;
}

function completeMember(line: string, lookup: ScopeLookup): Completion | undefined {
  // A path that starts the line or follows an operator, a bracket or a space (not a quote or a ')').
  const m = new RegExp(`(?:^|[^\\w$.'"\`)\\]])(${PATH})\\.([\\w$]*)$`).exec(line);
  if (!m) return undefined;
  const path = m[1].replace(/\s+/g, '');
  const partial = m[2];
  const members = membersOf(resolvePath(path, lookup));
  return members ? [matching(members, partial), partial] : undefined;
}
