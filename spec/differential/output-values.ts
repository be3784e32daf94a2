/**
 * Response data for one operation: every member of an output (or modeled error) shape, filled
 * with deterministic values, as tagged JSON the response writer then puts on the wire.
 *
 * Values are chosen to make parsers work: body strings carry XML/JSON-special and non-ASCII
 * characters, longs exceed 32 bits, body timestamps have milliseconds, lists hold two items at
 * the top (so flattened XML lists repeat) and one deeper. Header-bound members get header-safe
 * values (HTTP has no escaping). A node budget keeps huge recursive shapes (EC2's) bounded.
 */
import type { RawModel, RawRef, RawShape } from './model-catalog';
import { Prng } from './prng';
import { bytesTag, Tagged, timestampTag } from './tagged';
import { labelString } from './input-values';

export const OUTPUT_TIME_MS = '2022-02-03T04:05:06.250Z';
export const OUTPUT_TIME = '2022-02-03T04:05:06Z';
export const OUTPUT_BLOB = Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x41]);
export const OUTPUT_STREAM = Buffer.from('streamed response body\n');

const MAX_DEPTH = 5;
const NODE_BUDGET = 1500;

interface Ctx {
  model: RawModel;
  seed: string;
  nodes: number;
}

function shapeOf(model: RawModel, ref: RawRef): RawShape {
  const s = model.shapes[ref.shape];
  if (!s) throw new Error(`Unknown shape '${ref.shape}'`);
  return s;
}

/** Values for every member of the structure `ref` names (event streams left out). */
export function generateOutput(model: RawModel, ref: RawRef, seed: string): Record<string, Tagged> {
  const ctx: Ctx = { model, seed, nodes: 0 };
  return structure(ctx, shapeOf(model, ref), '', 0, true);
}

function structure(ctx: Ctx, shape: RawShape, path: string, depth: number, top: boolean): Record<string, Tagged> {
  const out: Record<string, Tagged> = {};
  const members = Object.entries(shape.members ?? {}).filter(([, ref]) => !shapeOf(ctx.model, ref).eventstream);
  if (shape.union) {
    if (!members.length) return out;
    const [name, ref] = new Prng(`${ctx.seed}:${path}#union`).pick(members);
    const v = value(ctx, ref, `${path}.${name}`, depth + 1, undefined);
    if (v !== undefined) out[name] = v;
    return out;
  }
  const required = new Set(shape.required ?? []);
  for (const [name, ref] of members) {
    // Past the depth cap or the budget only required members go in (recursive shapes end).
    if ((depth >= MAX_DEPTH || ctx.nodes > NODE_BUDGET) && !required.has(name)) continue;
    if (depth > MAX_DEPTH + 4) continue;
    const location = top ? (ref.location as string | undefined) : undefined;
    const v = value(ctx, ref, `${path}.${name}`, depth + 1, location);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function value(ctx: Ctx, ref: RawRef, path: string, depth: number, location: string | undefined): Tagged | undefined {
  const { shape: _name, ...traits } = ref;
  const shape = { ...shapeOf(ctx.model, ref), ...traits } as RawShape;
  const rng = new Prng(`${ctx.seed}:${path}`);
  ctx.nodes++;
  const inHeader = location === 'header' || location === 'headers';
  switch (shape.type) {
    case 'structure':
      if (shape.document) return { name: 'doc', count: 3, items: ['x', null, 1.5], nested: { ok: true } };
      return structure(ctx, shape, path, depth, false);
    case 'list': {
      const n = depth <= 2 ? 2 : 1;
      const out: Tagged[] = [];
      for (let i = 0; i < n; i++) {
        const v = value(ctx, shape.member as RawRef, `${path}[${i}]`, depth + 1, inHeader ? 'header' : undefined);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      const keyShape = shapeOf(ctx.model, shape.key as RawRef);
      const out: Record<string, Tagged> = {};
      const n = depth <= 2 ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const k = keyShape.enum?.length ? keyShape.enum[i % keyShape.enum.length] : labelString(new Prng(`${ctx.seed}:${path}{${i}}`), 3, 20);
        const v = value(ctx, shape.value as RawRef, `${path}{${k}}`, depth + 1, inHeader ? 'header' : undefined);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'string':
      if (shape.enum?.length) return rng.pick(shape.enum);
      if (ref.jsonvalue || shape.jsonvalue) return { key: 'value', list: [1, 2] };
      if (inHeader) return labelString(rng, 3, 40);
      return `${labelString(rng, 3, 12)} <&> "q" 'a' é ✓`;
    case 'integer':
    case 'short':
    case 'byte':
      return rng.int(1, 120);
    case 'long':
      return 4294967296 + rng.int(1, 1000);
    case 'float':
    case 'double':
    case 'bigdecimal':
      return rng.pick([1.25, 2.5, 0.125, 1e-3]);
    case 'boolean':
      return rng.chance(0.5);
    case 'timestamp':
      return timestampTag(inHeader ? OUTPUT_TIME : OUTPUT_TIME_MS);
    case 'blob':
      if (shape.streaming || ref.streaming) return bytesTag(OUTPUT_STREAM);
      return bytesTag(OUTPUT_BLOB);
    default:
      throw new Error(`Unhandled shape type '${shape.type}' at ${path}`);
  }
}
