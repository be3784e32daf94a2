/**
 * PaginatorModel: a service's paginators-1.json, looked up by any spelling of an operation
 * name (`listObjectsV2`, `ListObjectsV2`, `list_objects_v2`).
 */
import { NameIndex } from '../models/naming';
import { isPlainObject } from '../util/objects';
import type { PaginatorSpec } from './paginator';

export class PaginatorModel {
  private readonly specs: Record<string, PaginatorSpec>;
  private readonly index: NameIndex;

  /** @param raw the parsed paginators-1.json (`{ pagination: { Op: spec } }`) */
  constructor(raw: unknown) {
    const pagination = isPlainObject(raw) && isPlainObject(raw.pagination) ? raw.pagination : {};
    this.specs = pagination as Record<string, PaginatorSpec>;
    this.index = new NameIndex(Object.keys(this.specs), 'paginator');
  }

  /** API operation names that have a paginator. */
  get operationNames(): string[] {
    return Object.keys(this.specs);
  }

  /** The API operation name for any spelling, when it has a paginator. */
  resolve(name: string): string | undefined {
    return this.index.resolve(name);
  }

  spec(operationName: string): PaginatorSpec | undefined {
    return Object.prototype.hasOwnProperty.call(this.specs, operationName) ? this.specs[operationName] : undefined;
  }
}
