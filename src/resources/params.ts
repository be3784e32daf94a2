/**
 * Request parameters of resource actions, collections and waiters, built from the model's
 * `params` (boto3's resources/params.py): values come from the resource's identifiers, its
 * loaded data (JMESPath), or constants, and land at a target path such as `Bucket`,
 * `Filters[0].Values[0]` or `Delete.Objects[*].Key` (`[*]` = the item's index in a batch).
 *
 * Everything here is synchronous: callers make sure `meta.data` is loaded first when a param
 * reads `data` (see needsLoadedData / ensureData in instance.ts).
 */
import { searchExpression } from '../paginate/expression';
import type { RawParam } from './model';
import { ResourceLoadError } from './errors';
import type { ResourceLike } from './types';
import { isPlainObject } from '../util/objects';

const INDEX_RE = /\[(.*)\]$/;

/** Whether any of `params` reads the parent's loaded data. */
export function needsLoadedData(params: readonly RawParam[] | undefined): boolean {
  return (params ?? []).some((p) => p.source === 'data');
}

/** A value from the resource's loaded data; throws when the resource was not loaded. */
export function getDataMember(parent: ResourceLike, path: string): unknown {
  const data = parent.meta.data;
  if (data === null) {
    throw new ResourceLoadError(`${parent.meta.className} has no loaded data to read '${path}' from: call load() first`);
  }
  return searchExpression(data, path);
}

/** The value of one of the parent's identifiers, by its model name. */
export function identifierValue(parent: ResourceLike, modelName: string | undefined): unknown {
  const jsName = parent.meta.identifierNames[modelName ?? ''];
  if (jsName === undefined) {
    throw new Error(`${parent.meta.className} has no identifier '${String(modelName)}' (resource model error)`);
  }
  return parent.meta.identifiers[jsName];
}

/**
 * The params a request gets from its model, written into `params` (a new object by default).
 * `index` places the value of `[*]` targets (batch actions); `input` sources are the caller's.
 */
export function createRequestParameters(
  parent: ResourceLike,
  requestParams: readonly RawParam[] | undefined,
  params: Record<string, unknown> = {},
  index?: number,
): Record<string, unknown> {
  for (const param of requestParams ?? []) {
    let value: unknown;
    switch (param.source) {
      case 'identifier':
        value = identifierValue(parent, param.name);
        break;
      case 'data':
        value = getDataMember(parent, param.path ?? '@');
        break;
      case 'string':
      case 'integer':
      case 'boolean':
        value = param.value;
        break;
      case 'input':
        continue;
      default:
        throw new Error(`Unsupported source type: ${param.source}`);
    }
    buildParamStructure(params, param.target, value, index);
  }
  return params;
}

/**
 * Writes `value` at `target` inside `params`, creating objects and lists on the way, as boto3's
 * build_param_structure: `A.B` nests, `A[]` appends, `A[2]` sets that slot, `A[*]` uses `index`.
 */
export function buildParamStructure(params: Record<string, unknown>, target: string, value: unknown, index?: number): void {
  let pos: Record<string, unknown> = params;
  const parts = target.split('.');
  // As in boto3, an index chosen by one part carries to the next part when it has none.
  let idx = index;
  parts.forEach((raw, i) => {
    let part = raw;
    const last = i === parts.length - 1;
    const m = INDEX_RE.exec(part);
    if (m) {
      if (m[1]) {
        if (m[1] === '*') part = part.slice(0, -3);
        else {
          idx = parseInt(m[1], 10);
          part = part.slice(0, -(m[1].length + 2));
        }
      } else {
        idx = undefined;
        part = part.slice(0, -2);
      }
      if (!Array.isArray(pos[part])) pos[part] = [];
      const list = pos[part] as unknown[];
      if (idx === undefined) idx = list.length;
      while (list.length <= idx) list.push({});
      if (last) list[idx] = value;
      else pos = list[idx] as Record<string, unknown>;
    } else {
      if (!(part in pos)) pos[part] = {};
      if (last) pos[part] = value;
      else pos = pos[part] as Record<string, unknown>;
    }
  });
}

/** A deep copy of plain data (objects and arrays; other values are shared). */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => deepCopy(x)) as unknown as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out as T;
  }
  return v;
}
