/**
 * Request parameters for one operation, generated from its input shape: the `required` variant
 * sets only required members (recursively), the `all` variant sets every member down to a depth
 * cap. Every value comes from a PRNG seeded by service, operation, variant and member path, so
 * a case is reproducible from its id and unaffected by edits elsewhere in the model.
 *
 * Values stay inside what both validators accept, so both SDKs get to send: botocore checks
 * types and `min`; botojs is strict by design and also checks `max`, enums and patterns, so
 * strings that miss their pattern are replaced by a sample of it (regex-sampler.ts). Members
 * that end up in a host name (host labels, host prefix fields, endpoint context parameters) get
 * DNS-label strings; in the `all` variant other strings carry URL- and form-special characters,
 * to exercise each protocol's encoding. A member bound to Content-Length states the real
 * payload length, and checksum algorithms botocore computes only with awscrt are avoided.
 */
import type { RawModel, RawOperation, RawRef, RawShape } from './model-catalog';
import { Prng } from './prng';
import { patternRegExp, sampleMatching } from './regex-sampler';
import { bytesTag, Tagged, timestampTag } from './tagged';

export type Variant = 'required' | 'all';

/** Instants sent as input: whole seconds, and (all variant) with milliseconds. */
export const INPUT_TIME = '2021-03-04T05:06:07Z';
export const INPUT_TIME_MS = '2021-03-04T05:06:07.123Z';

/** Beyond this depth the all-members variant sets required members only (recursive shapes). */
const FULL_DEPTH = 4;
/** Beyond this depth nothing more is generated; validation then fails on both sides alike. */
const HARD_DEPTH = 12;

const TRICKY = " /+=&?%:@!$'()*,;~._-";

export interface GenerateResult {
  params: Record<string, Tagged>;
  /** Why the case cannot run, when it cannot (event-stream input). */
  unsupported?: string;
}

interface Ctx {
  model: RawModel;
  variant: Variant;
  seed: string;
  /** Top-level members whose string values end up in the host name. */
  labelMembers: Set<string>;
}

function shapeOf(model: RawModel, ref: RawRef): RawShape {
  const s = model.shapes[ref.shape];
  if (!s) throw new Error(`Unknown shape '${ref.shape}'`);
  return s;
}

/** The shape with its member reference's traits over its own, as both SDKs merge them. */
function effectiveShape(model: RawModel, ref: RawRef): RawShape {
  const s = shapeOf(model, ref);
  if (Object.keys(ref).length === 1) return s;
  const { shape: _name, ...traits } = ref;
  return { ...s, ...traits } as RawShape;
}

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const LOWER_DIGITS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const ALNUM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const TRICKY_CHARS = [...TRICKY];

/** A DNS-label string: a letter, then [a-z0-9] with inner hyphens, within min/max. */
export function labelString(rng: Prng, min = 0, max = 63): string {
  const len = Math.min(Math.max(min, rng.int(6, 10)), max);
  if (len <= 0) return '';
  let s = rng.pick(LOWER);
  while (s.length < len) {
    const last = s.length === len - 1;
    s += !last && rng.chance(0.1) && !s.endsWith('-') ? '-' : rng.pick(LOWER_DIGITS);
  }
  return s;
}

/** Plain ASCII with URL/form-special characters inside (never first or last: headers trim). */
function trickyString(rng: Prng, min = 0, max = Infinity): string {
  const len = Math.min(Math.max(min, rng.int(8, 14)), max);
  let s = '';
  for (let i = 0; i < len; i++) {
    const edge = i === 0 || i === len - 1;
    s += !edge && rng.chance(0.35) ? rng.pick(TRICKY_CHARS) : rng.pick(ALNUM);
  }
  return s;
}

function hostPrefixMembers(op: RawOperation): string[] {
  const prefix = op.endpoint?.hostPrefix ?? '';
  return [...prefix.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** True when the operation's input (or output, for the caller's choice) carries an event stream. */
export function hasEventStream(model: RawModel, ref: RawRef | undefined): boolean {
  if (!ref) return false;
  const top = shapeOf(model, ref);
  for (const m of Object.values(top.members ?? {})) {
    const s = shapeOf(model, m);
    if (s.eventstream) return true;
  }
  return false;
}

export function generateInput(model: RawModel, service: string, op: RawOperation, variant: Variant): GenerateResult {
  if (!op.input) return { params: {} };
  if (hasEventStream(model, op.input)) return { params: {}, unsupported: 'event-stream input' };
  const top = shapeOf(model, op.input);
  const labelMembers = new Set(hostPrefixMembers(op));
  for (const [name, ref] of Object.entries(top.members ?? {})) {
    // S3's Key is a context parameter too, but only for rules that never put it in the host.
    if (ref.hostLabel || (ref.contextParam && name !== 'Key')) labelMembers.add(name);
  }
  const ctx: Ctx = { model, variant, seed: `${service}.${op.name}.${variant}`, labelMembers };
  const params = structure(ctx, top, '', 0, true) as Record<string, Tagged>;
  fixContentLength(top, params);
  return { params };
}

function value(ctx: Ctx, ref: RawRef, path: string, depth: number, topMember?: string): Tagged | undefined {
  const shape = effectiveShape(ctx.model, ref);
  const rng = new Prng(`${ctx.seed}:${path}`);
  switch (shape.type) {
    case 'structure':
      if (shape.document) return { name: 'doc', count: 2, flags: [true, false], nested: { k: 'v' } };
      return depth > HARD_DEPTH ? undefined : structure(ctx, shape, path, depth, false);
    case 'list': {
      if (depth > HARD_DEPTH) return undefined;
      const n = Math.min(shape.max ?? Infinity, Math.max(shape.min ?? 0, ctx.variant === 'all' ? rng.int(1, 2) : 1));
      const out: Tagged[] = [];
      for (let i = 0; i < n; i++) {
        const v = value(ctx, shape.member as RawRef, `${path}[${i}]`, depth + 1);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      if (depth > HARD_DEPTH) return undefined;
      const n = Math.min(shape.max ?? Infinity, Math.max(shape.min ?? 0, ctx.variant === 'all' ? rng.int(1, 2) : 1));
      const keyShape = effectiveShape(ctx.model, shape.key as RawRef);
      const out: Record<string, Tagged> = {};
      for (let i = 0; i < n; i++) {
        const keyRng = new Prng(`${ctx.seed}:${path}{${i}}`);
        const k = keyShape.enum?.length ? keyShape.enum[i % keyShape.enum.length] : withPattern(keyShape, labelString(keyRng, keyShape.min ?? 0, keyShape.max ?? 63), keyRng);
        const v = value(ctx, shape.value as RawRef, `${path}{${k}}`, depth + 1);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'string':
      return stringValue(ctx, shape, ref, rng, topMember);
    case 'integer':
    case 'long':
    case 'short':
    case 'byte': {
      const lo = shape.min ?? 1;
      const hi = shape.max ?? lo + 100;
      return Math.min(hi, Math.max(lo, rng.int(1, 100)));
    }
    case 'float':
    case 'double':
    case 'bigdecimal': {
      const v = rng.pick([1.5, 2.25, 0.5, 10.75]);
      return Math.min(shape.max ?? Infinity, Math.max(shape.min ?? -Infinity, v));
    }
    case 'boolean':
      return ctx.variant === 'all' ? true : rng.chance(0.5);
    case 'timestamp':
      return timestampTag(ctx.variant === 'all' ? INPUT_TIME_MS : INPUT_TIME);
    case 'blob': {
      if (shape.streaming || ref.streaming) return bytesTag(Buffer.from('sweep streaming body\n'));
      const base = ctx.variant === 'all' ? Buffer.from([0x00, 0xff, 0x10, 0x80, 0x41, 0x2f]) : Buffer.from('blob-data');
      const len = Math.min(shape.max ?? Infinity, Math.max(shape.min ?? 0, base.length));
      return bytesTag(Buffer.concat([base, Buffer.alloc(Math.max(0, len - base.length), 0x61)]).subarray(0, len));
    }
    default:
      throw new Error(`Unhandled shape type '${shape.type}' at ${path}`);
  }
}

/**
 * Checksum algorithms botocore computes only with awscrt (botocore[crt]) installed: without it
 * boto3 refuses them before sending, so no request would be compared. Left out while other
 * values remain.
 */
const CRT_ONLY = /^(CRC32C|CRC64NVME|XXHASH\d*|SHA512|MD5)$/i;

function usableEnum(values: string[]): string[] {
  const plain = values.filter((v) => !CRT_ONLY.test(v));
  return plain.length ? plain : values;
}

function stringValue(ctx: Ctx, shape: RawShape, ref: RawRef, rng: Prng, topMember: string | undefined): Tagged {
  if (shape.enum?.length) return rng.pick(usableEnum(shape.enum));
  const min = shape.min ?? 0;
  const max = shape.max ?? Infinity;
  let s: string;
  if (topMember !== undefined && ctx.labelMembers.has(topMember)) s = labelString(rng, Math.max(min, 3), Math.min(max, 63));
  // URI labels in the required variant stay plain; the all variant tests their encoding.
  else if (ctx.variant === 'required') s = labelString(rng, min, Math.min(max, 63));
  else if (ref.jsonvalue) s = `json-${labelString(rng)}`;
  else s = trickyString(rng, min, max);
  return withPattern(shape, s, rng);
}

/** `s` if it satisfies the shape's pattern (as botojs checks it), else a sample that does. */
function withPattern(shape: RawShape, s: string, rng: Prng): string {
  const pattern = shape.pattern as string | undefined;
  if (!pattern) return s;
  const re = patternRegExp(pattern);
  if (!re || re.test(s)) return s;
  const min = shape.min ?? 0;
  const max = shape.max ?? Infinity;
  const sampled = sampleMatching(pattern, rng, min, Math.min(max, 64)) ?? sampleMatching(pattern, rng, min, max);
  if (sampled !== undefined) return sampled;
  // Lookaround-heavy patterns (password rules, FSx ARNs) defeat the sampler; real-looking
  // values often fit them.
  return FALLBACKS.find((f) => f.length >= min && f.length <= max && re.test(f)) ?? s;
}

const FALLBACKS = ['Sweep-Passw0rd!', 'SweepPassw0rd1', 'arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0', 'arn:aws:fsx:us-east-1:123456789012:snapshot/fsvolsnap-0123456789abcdef0', '$.records'];

function structure(ctx: Ctx, shape: RawShape, path: string, depth: number, top: boolean): Tagged {
  const members = shape.members ?? {};
  const names = Object.keys(members).filter((n) => !shapeOf(ctx.model, members[n]).eventstream);
  const out: Record<string, Tagged> = {};
  if (shape.union) {
    if (!names.length) return out;
    const pick = new Prng(`${ctx.seed}:${path}#union`).pick(names);
    const v = value(ctx, members[pick], `${path}.${pick}`, depth + 1, top ? pick : undefined);
    if (v !== undefined) out[pick] = v;
    return out;
  }
  const required = new Set(shape.required ?? []);
  const full = ctx.variant === 'all' && depth <= FULL_DEPTH;
  for (const name of names) {
    if (!required.has(name) && !full) continue;
    const v = value(ctx, members[name], `${path}.${name}`, depth + 1, top ? name : undefined);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * A member bound to the Content-Length header must state the payload's real length: both SDKs
 * send it as given, and a wrong one leaves the server waiting for bytes that never come.
 */
function fixContentLength(top: RawShape, params: Record<string, Tagged>): void {
  const members = top.members ?? {};
  const name = Object.keys(members).find((n) => members[n].location === 'header' && /^content-length$/i.test(String(members[n].locationName)));
  if (!name || !(name in params)) return;
  const payload = top.payload as string | undefined;
  const body = payload !== undefined ? params[payload] : undefined;
  if (body !== undefined && body !== null && typeof body === 'object' && '$bytes' in body) params[name] = Buffer.from(String(body.$bytes), 'base64').length;
  else if (typeof body === 'string') params[name] = Buffer.byteLength(body);
  else delete params[name];
}
