/**
 * Model shapes as TypeScript types, for one service. Scalars are written inline; structures
 * and enums become named `export type` declarations (type aliases rather than interfaces, so
 * results stay assignable to `Record<string, unknown>`).
 *
 * A shape reached from an operation's input can differ from the same shape in an output:
 * inputs keep the model's `required` members and take `Date | string | number` timestamps and
 * string/bytes/stream blobs; outputs have every member optional (botocore returns what the
 * service sent), Date timestamps, Buffer blobs and a StreamingBody payload. A shape used both
 * ways that differs gets two declarations: the output one keeps the shape's name, the input one
 * takes an `Input` suffix. A third mode, `native`, substitutes shapes a resource's client
 * transforms (DynamoDB's AttributeValue as native values) and adds a `Native` suffix.
 *
 * Declarations refer to each other through placeholder keys; names are handed out once every
 * variant in use is known (assignNames), so naming does not depend on the order of discovery.
 */
import type { MemberHint, ServiceTypeHints } from '../customizations/type-hints';
import type { ParameterAlias } from '../customizations/parameter-aliases';
import type { ServiceModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import { docBlock, htmlToLines } from './docs';
import { NameTable, propertyName, stringLiteral } from './names';

export type Direction = 'in' | 'out';

export interface Mode {
  dir: Direction;
  /** The resource client's view, with `resourceShapeTypes` substituted. */
  native: boolean;
}

export const IN: Mode = { dir: 'in', native: false };
export const OUT: Mode = { dir: 'out', native: false };

/** Delimits a placeholder key in generated text until names are assigned. */
const MARK = '\u0001';
export const placeholder = (key: string): string => `${MARK}${key}${MARK}`;
const PLACEHOLDER = /\u0001([^\u0001]+)\u0001/g;

/** Replaces every placeholder in `text` with its assigned name. */
export function resolvePlaceholders(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (_m, key: string) => {
    const name = names.get(key);
    if (name === undefined) throw new Error(`typegen: no name for ${key}`);
    return name;
  });
}

const NUMBER_TYPES = new Set(['integer', 'long', 'short', 'byte', 'float', 'double', 'bigdecimal', 'biginteger']);

type Hints = ServiceTypeHints & { parameterAliases: ParameterAlias[] };

export interface ShapeTypesOptions {
  /** Write TSDoc from the model's documentation strings. */
  docs: boolean;
  hints: Hints;
}

export class ShapeTypes {
  /** Declaration text by key, in the order the keys were first used. */
  private readonly decls = new Map<string, string>();
  private readonly differsMemo = new Map<string, boolean>();
  private readonly nativeMemo = new Map<string, boolean>();
  private readonly topInputs = new Map<string, string[]>();
  private readonly topOutputs = new Map<string, string[]>();
  private readonly nativeTypes: Record<string, string>;

  constructor(
    private readonly service: ServiceModel,
    private readonly options: ShapeTypesOptions,
  ) {
    this.nativeTypes = options.hints.resourceShapeTypes ?? {};
    for (const opName of service.operationNames) {
      const raw = service.raw.operations[opName];
      if (raw.input) push(this.topInputs, raw.input.shape, opName);
      if (raw.output) push(this.topOutputs, raw.output.shape, opName);
    }
  }

  /** The TypeScript type of a value of `shape` in `mode`. */
  typeOf(shape: Shape, mode: Mode): string {
    if (mode.native && this.nativeTypes[shape.name] !== undefined) return this.nativeTypes[shape.name];
    const replaced = mode.dir === 'out' ? this.options.hints.outputShapeTypes?.[shape.name] : undefined;
    if (replaced !== undefined) return replaced;
    if (shape.isDocument) return '$DocumentValue';
    switch (shape.type) {
      case 'structure':
        return this.structureRef(shape, mode);
      case 'list':
        return `${group(this.typeOf(shape.listMember, mode))}[]`;
      case 'map':
        return `{ [key: string]: ${this.typeOf(shape.mapValue, mode)} }`;
      case 'string':
        if (shape.serialization.jsonvalue) return '$DocumentValue';
        return shape.enum?.length ? this.enumRef(shape) : 'string';
      case 'character':
        return 'string';
      case 'boolean':
        return 'boolean';
      case 'timestamp':
        return mode.dir === 'in' ? 'Date | string | number' : 'Date';
      case 'blob':
        return mode.dir === 'in' ? 'Buffer | Uint8Array | string' : 'Buffer';
      default:
        return NUMBER_TYPES.has(shape.type) ? 'number' : 'unknown';
    }
  }

  /**
   * Required members of an input structure as a caller sees them: the model's, less idempotency
   * tokens (filled with a UUID), members a customization fills, and members with an alias.
   */
  requiredInputMembers(shape: Shape): string[] {
    const ops = this.topInputs.get(shape.name) ?? [];
    const applies = (h: { operation?: string }) => ops.length > 0 && (h.operation === undefined || ops.includes(h.operation));
    const filled = new Set((this.options.hints.filledInputs ?? []).filter(applies).map((h) => h.member));
    for (const a of this.options.hints.parameterAliases) if (applies(a)) filled.add(a.original);
    return shape.required.filter((m) => shape.member(m) !== undefined && !filled.has(m) && !shape.members[m].idempotencyToken);
  }

  /** Declarations written so far, in first-use order (with placeholders). */
  declarations(): string {
    return [...this.decls.values()].join('');
  }

  /**
   * Names every declaration: first each shape's main variant (its model name, made safe), then
   * the other variants (`Input`, `Native` suffixes), so a suffixed name never takes a model name.
   */
  assignNames(table: NameTable, names: Map<string, string>): void {
    const byShape = new Map<string, string[]>();
    for (const key of this.decls.keys()) push(byShape, key.split(':')[1], key);
    const secondary: Array<[string, string]> = [];
    for (const [shapeName, keys] of byShape) {
      const variants = keys.map((k) => k.split(':')[2]);
      const primary = ['enum', 'same', 'out', 'in', 'nsame', 'nout', 'nin'].find((v) => variants.includes(v)) as string;
      names.set(`s:${shapeName}:${primary}`, table.claim(shapeName));
      for (const v of variants) {
        if (v === primary) continue;
        const suffix = v === 'in' ? 'Input' : v === 'nin' && variants.includes('nout') ? 'NativeInput' : 'Native';
        secondary.push([`s:${shapeName}:${v}`, shapeName + suffix]);
      }
    }
    for (const [key, wanted] of secondary) names.set(key, table.claim(wanted));
  }

  private enumRef(shape: Shape): string {
    const key = `s:${shape.name}:enum`;
    if (!this.decls.has(key)) {
      const values = (shape.enum ?? []).map(stringLiteral);
      // `(string & {})` keeps editors suggesting the values while any string compiles: botocore
      // sends enum members unchecked, and services add values before models list them.
      const doc = this.docFor(shape.raw.documentation);
      this.decls.set(key, `${doc}export type ${placeholder(key)} = ${[...values, '(string & {})'].join(' | ')};\n`);
    }
    return placeholder(key);
  }

  private structureRef(shape: Shape, mode: Mode): string {
    const native = mode.native && this.reachesNative(shape.name);
    const variant = `${native ? 'n' : ''}${this.differs(shape) ? mode.dir : 'same'}`;
    const key = `s:${shape.name}:${variant}`;
    if (!this.decls.has(key)) {
      this.decls.set(key, ''); // claimed first: a recursive member refers back to this key
      this.decls.set(key, this.renderStructure(shape, { dir: mode.dir, native }, key));
    }
    return placeholder(key);
  }

  private renderStructure(shape: Shape, mode: Mode, key: string): string {
    const lines: string[] = [];
    const hints = this.options.hints;
    const ops = (mode.dir === 'in' ? this.topInputs : this.topOutputs).get(shape.name) ?? [];
    const applies = (h: { operation?: string }) => ops.length > 0 && (h.operation === undefined || ops.includes(h.operation));
    const override = (list: Array<MemberHint & { type: string }> | undefined, member: string) => list?.find((h) => h.member === member && applies(h))?.type;
    const required = new Set(mode.dir === 'in' ? this.requiredInputMembers(shape) : []);
    const payload = shape.raw.payload as string | undefined;
    for (const name of shape.memberNames) {
      const member = shape.members[name];
      const ref = shape.raw.members?.[name] ?? { shape: member.name };
      let type: string;
      if (member.raw.eventstream === true) {
        // botojs reads event streams; it has no writer for input ones (none is callable today).
        type = mode.dir === 'out' ? `$TypedEventStream<${this.typeOf(member, mode)}>` : 'unknown';
      } else if (name === payload && member.type === 'blob') {
        type = mode.dir === 'out' ? '$StreamingBody' : 'Buffer | Uint8Array | string | $Readable';
      } else {
        type = (mode.dir === 'in' ? override(hints.inputTypes, name) : override(hints.outputTypes, name)) ?? this.typeOf(member, mode);
      }
      const tags = ref.deprecated === true ? [`@deprecated${typeof ref.deprecatedMessage === 'string' ? ` ${ref.deprecatedMessage}` : ''}`] : [];
      // The member's own documentation; a scalar's shape documentation when it has none (a
      // structure or enum carries its documentation on its own declaration).
      const named = member.type === 'structure' || (member.enum?.length ?? 0) > 0;
      const text = this.options.docs ? htmlToLines(ref.documentation ?? (named ? undefined : member.raw.documentation)) : [];
      const doc = docBlock(text, tags, '  ');
      lines.push(`${doc}  ${propertyName(name)}${required.has(name) ? '' : '?'}: ${type};`);
      if (mode.dir === 'in') {
        for (const a of hints.parameterAliases) {
          if (a.original === name && applies(a)) lines.push(`  /** Another name for \`${name}\` (give one of them). */\n  ${propertyName(a.alias)}?: ${type};`);
        }
      } else {
        for (const a of hints.addedOutputs ?? []) {
          if (a.besides === name && ops.length > 0) lines.push(`  /** ${a.doc} */\n  ${propertyName(a.member)}?: ${a.type};`);
        }
      }
    }
    const docLines = this.options.docs ? htmlToLines(shape.raw.documentation) : [];
    if (shape.isUnion && mode.dir === 'in') docLines.push('A union: set exactly one member.');
    const body = lines.length ? `{\n${lines.join('\n')}\n}` : '{}';
    return `${docBlock(docLines)}export type ${placeholder(key)} = ${body};\n`;
  }

  private docFor(documentation: unknown): string {
    return this.options.docs ? docBlock(htmlToLines(documentation)) : '';
  }

  /** Whether the input and output views of a shape differ (so it needs two declarations). */
  private differs(shape: Shape): boolean {
    const memo = this.differsMemo.get(shape.name);
    if (memo !== undefined) return memo;
    this.differsMemo.set(shape.name, false); // a cycle adds nothing
    let out = false;
    if (this.options.hints.outputShapeTypes?.[shape.name] !== undefined) out = true;
    else if (shape.isDocument) out = false;
    else if (shape.type === 'structure') {
      const payload = shape.raw.payload as string | undefined;
      out =
        (!shape.isUnion && shape.required.length > 0) ||
        shape.memberNames.some((n) => {
          const m = shape.members[n];
          return m.raw.eventstream === true || (n === payload && m.type === 'blob') || this.differs(m);
        });
    } else if (shape.type === 'list') out = this.differs(shape.listMember);
    else if (shape.type === 'map') out = this.differs(shape.mapValue);
    else out = shape.type === 'timestamp' || shape.type === 'blob';
    this.differsMemo.set(shape.name, out);
    return out;
  }

  /** Whether a value of the shape can hold a shape the native mode substitutes. */
  private reachesNative(from: string): boolean {
    const targets = Object.keys(this.nativeTypes);
    if (targets.length === 0) return false;
    const memo = this.nativeMemo.get(from);
    if (memo !== undefined) return memo;
    const shapes = this.service.resolver.shapes;
    const seen = new Set([from]);
    const queue = [from];
    let found = false;
    while (queue.length && !found) {
      const raw = shapes[queue.shift() as string];
      if (!raw) continue;
      for (const ref of [...Object.values(raw.members ?? {}), raw.member, raw.value]) {
        if (!ref) continue;
        if (targets.includes(ref.shape)) found = true;
        else if (!seen.has(ref.shape)) {
          seen.add(ref.shape);
          queue.push(ref.shape);
        }
      }
    }
    this.nativeMemo.set(from, found);
    return found;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Parenthesizes a union or intersection before `[]` binds to its last part. */
function group(type: string): string {
  let depth = 0;
  for (const ch of type) {
    if (ch === '{' || ch === '<' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === '>' || ch === ')' || ch === ']') depth--;
    else if (depth === 0 && (ch === '|' || ch === '&')) return `(${type})`;
  }
  return type;
}
