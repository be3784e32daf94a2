/**
 * Compiles rule-set expressions (function calls, references, template strings) into closures
 * over a flat slot array, so resolving walks no JSON and does no name lookups at run time.
 *
 * Each name (parameter or `assign` target) gets a fixed slot at compile time. botocore copies
 * its scope dict per rule; sharing one array is equivalent because a valid rule set only reads
 * names assigned on its own path, and every path re-assigns before reading.
 */
import { EndpointResolutionError } from '../errors';
import { PartitionTable, isVirtualHostableS3Bucket, parseArn } from './aws-functions';
import {
  booleanEquals, compileAttrPath, getAttr, isRecord, isSet, isValidHostLabel, not, parseURL, stringEquals,
  substring, uriEncode,
} from './standard-library';

export type Scope = unknown[];
export type Expr = (scope: Scope) => unknown;

const TEMPLATE_RE = /\{[a-zA-Z#]+\}/;

/** Allocates slots for names; shared by every expression of one rule set. */
export class SlotTable {
  readonly slots = new Map<string, number>();

  slot(name: string): number {
    let i = this.slots.get(name);
    if (i === undefined) {
      i = this.slots.size;
      this.slots.set(name, i);
    }
    return i;
  }

  get size(): number {
    return this.slots.size;
  }
}

/** Python's str() of a value as an f-string would print it into a URL or message. */
export function pyStr(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export class ExpressionCompiler {
  constructor(
    readonly slots: SlotTable,
    private readonly partitions: PartitionTable,
  ) {}

  isTemplate(value: unknown): value is string {
    return typeof value === 'string' && TEMPLATE_RE.test(value);
  }

  /** Any value position: a function, a reference, a template string or a literal. */
  value(node: unknown): Expr {
    if (isRecord(node) && typeof node.fn === 'string') return this.call(node);
    if (isRecord(node) && typeof node.ref === 'string') {
      const i = this.slots.slot(node.ref);
      return (scope) => scope[i];
    }
    if (this.isTemplate(node)) return this.template(node);
    return () => node;
  }

  /** `{Region}`, `{PartitionResult#dnsSuffix}`; `{{` and `}}` are literal braces (str.format). */
  template(text: string): (scope: Scope) => string {
    const pieces: Array<string | { slot: number; path: string[] }> = [];
    let literal = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if ((c === '{' || c === '}') && text[i + 1] === c) {
        literal += c;
        i++;
      } else if (c === '{') {
        const end = text.indexOf('}', i);
        if (end < 0) throw new EndpointResolutionError(`Malformed template string: ${text}`);
        const [name, ...path] = text.slice(i + 1, end).split('#');
        if (literal) pieces.push(literal);
        literal = '';
        pieces.push({ slot: this.slots.slot(name), path });
        i = end;
      } else {
        literal += c;
      }
    }
    if (literal) pieces.push(literal);
    return (scope) => {
      let out = '';
      for (const p of pieces) {
        if (typeof p === 'string') {
          out += p;
          continue;
        }
        let v = scope[p.slot];
        for (const key of p.path) v = isRecord(v) ? v[key] : undefined;
        out += pyStr(v);
      }
      return out;
    };
  }

  /** A function call; with `assign`, its result is also stored in the named slot. */
  call(node: Record<string, unknown>): Expr {
    const fn = this.func(String(node.fn), Array.isArray(node.argv) ? node.argv : []);
    if (typeof node.assign !== 'string') return fn;
    const target = this.slots.slot(node.assign);
    return (scope) => (scope[target] = fn(scope));
  }

  private func(name: string, argv: unknown[]): Expr {
    const args = argv.map((a) => this.value(a));
    const [a, b, c, d] = args;
    switch (name) {
      case 'isSet':
        return (s) => isSet(a(s));
      case 'not':
        return (s) => not(a(s));
      case 'booleanEquals':
        return (s) => booleanEquals(a(s), b(s));
      case 'stringEquals':
        return (s) => stringEquals(a(s), b(s));
      case 'getAttr': {
        // The path is always a literal in valid rule sets; split it once.
        const path = argv[1];
        if (typeof path === 'string' && !this.isTemplate(path)) {
          const steps = compileAttrPath(path);
          return (s) => getAttr(a(s), steps);
        }
        return (s) => getAttr(a(s), compileAttrPath(String(b(s))));
      }
      case 'substring':
        return (s) => substring(a(s), b(s), c(s), d(s));
      case 'uriEncode':
        return (s) => uriEncode(a(s));
      case 'parseURL':
        return (s) => parseURL(a(s));
      case 'isValidHostLabel':
        return (s) => isValidHostLabel(a(s), b(s));
      case 'aws.partition': {
        const table = this.partitions;
        return (s) => table.lookup(a(s));
      }
      case 'aws.parseArn':
        return (s) => parseArn(a(s));
      case 'aws.isVirtualHostableS3Bucket':
        return (s) => isVirtualHostableS3Bucket(a(s), b(s));
      default:
        // Unknown functions fail only when a path actually reaches them, as in botocore.
        return () => {
          throw new EndpointResolutionError(`Unknown endpoint rule-set function: ${name}`);
        };
    }
  }
}
