/**
 * Turning responses into results (boto3's resources/response.py): a plain action returns the
 * response (or the part its `path` selects); a resource action returns the resource(s) whose
 * identifiers come from the response, the request params, the parent's identifiers or data.
 * A listing path (`Contents[]`) gives each resource its item as `meta.data`.
 */
import { isTruthy, searchExpression } from '../paginate/expression';
import type { ServiceModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import type { RawParam, RawResponseResource } from './model';
import { getDataMember, identifierValue, needsLoadedData } from './params';
import type { Resource, ResourceLike } from './types';

/** Creates resources of a type from identifier values keyed by model name. */
export interface ResourceCreator {
  createResource(typeName: string, identifiers: Record<string, unknown>, parent: ResourceLike, data: Record<string, unknown> | null): Resource;
}

/**
 * Identifier values for a response resource, as [model name, value] pairs in model order;
 * `input` identifiers (given by the caller) are skipped.
 */
export function buildIdentifiers(
  identifiers: readonly RawParam[],
  parent: ResourceLike,
  params: Record<string, unknown> = {},
  rawResponse: unknown = null,
): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const id of identifiers) {
    let value: unknown;
    switch (id.source) {
      case 'response':
        value = searchExpression(rawResponse, id.path ?? '@');
        break;
      case 'requestParameter':
        value = searchExpression(params, id.path ?? '@');
        break;
      case 'identifier':
        value = identifierValue(parent, id.name);
        break;
      case 'data':
        value = getDataMember(parent, id.path ?? '@');
        break;
      case 'input':
        continue;
      default:
        throw new Error(`Unsupported source type: ${id.source}`);
    }
    out.push([id.target, value]);
  }
  return out;
}

/**
 * What an action returns when the response did not name a resource: an empty object or list
 * shaped like the output member the search path points at, else null (boto3's build_empty_response).
 */
export function buildEmptyResponse(searchPath: string | undefined, operationName: string, service: ServiceModel): unknown {
  let shape: Shape | undefined = service.operation(operationName).output;
  if (!shape) return null;
  if (searchPath) {
    for (const raw of searchPath.split('.')) {
      const item = raw.replace(/^[[\]0-9$]+|[[\]0-9$]+$/g, '');
      if (shape.type === 'structure') shape = shape.member(item);
      else if (shape.type === 'list') shape = shape.listMember;
      else return null;
      if (!shape) return null;
    }
  }
  if (shape.type === 'structure' || shape.type === 'map') return {};
  if (shape.type === 'list') return [];
  return null;
}

/** A plain action's result: the response, or what `path` selects from it (`$` is the whole). */
export function handleRawResponse(searchPath: string | undefined, response: unknown): unknown {
  if (searchPath && searchPath !== '$') return searchExpression(response, searchPath);
  return response;
}

/** Builds the resource(s) a resource action, reference or collection page returns. */
export class ResourceResponseHandler {
  readonly needsParentData: boolean;

  constructor(
    private readonly creator: ResourceCreator,
    readonly resource: RawResponseResource,
    private readonly service: ServiceModel,
    private readonly operationName?: string,
  ) {
    this.needsParentData = needsLoadedData(resource.identifiers);
  }

  /** Callers load the parent first when `needsParentData`. */
  handle(parent: ResourceLike, params: Record<string, unknown>, response: unknown): unknown {
    const searchPath = this.resource.path;
    const searchResponse = searchPath ? searchExpression(response, searchPath) : null;
    const identifiers = buildIdentifiers(this.resource.identifiers ?? [], parent, params, response);
    const plural = identifiers.find(([, v]) => Array.isArray(v));
    if (plural) {
      const items = searchResponse as unknown[] | null;
      const count = (plural[1] as unknown[]).length;
      const out: Resource[] = [];
      for (let i = 0; i < count; i++) {
        const values: Record<string, unknown> = {};
        for (const [name, v] of identifiers) values[name] = Array.isArray(v) ? v[i] : v;
        const data = isTruthy(items) && Array.isArray(items) ? (items[i] as Record<string, unknown>) : null;
        out.push(this.creator.createResource(this.resource.type, values, parent, data ?? null));
      }
      return out;
    }
    if (identifiers.every(([, v]) => v !== null && v !== undefined)) {
      const values = Object.fromEntries(identifiers);
      const data = searchResponse === null || searchResponse === undefined ? null : (searchResponse as Record<string, unknown>);
      return this.creator.createResource(this.resource.type, values, parent, data);
    }
    return this.operationName === undefined ? null : buildEmptyResponse(searchPath, this.operationName, this.service);
  }
}
