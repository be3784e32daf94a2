/**
 * WaiterModel: a service's waiters-2.json (version 2 only), looked up by any spelling of a
 * waiter name (`objectExists`, `ObjectExists`, `object_exists`).
 */
import { canonicalName, NameIndex } from '../models/naming';
import { isPlainObject } from '../util/objects';
import { WaiterConfigError } from './errors';
import type { WaiterSpec } from './waiter';

export class WaiterModel {
  private readonly specs: Record<string, WaiterSpec>;
  private readonly index: NameIndex;

  /**
   * @param raw the parsed waiters-2.json (`{ version: 2, waiters: { Name: spec } }`)
   * @throws WaiterConfigError for another version
   */
  constructor(raw: unknown) {
    const version = isPlainObject(raw) ? raw.version : undefined;
    if (version !== 2) {
      throw new WaiterConfigError(`Unsupported waiter version, supported version must be: 2, but version of waiter config is: ${String(version ?? 'unknown')}`);
    }
    const waiters = isPlainObject(raw) && isPlainObject(raw.waiters) ? raw.waiters : {};
    this.specs = waiters as Record<string, WaiterSpec>;
    this.index = new NameIndex(Object.keys(this.specs), 'waiter');
  }

  /** Model names (`ObjectExists`), sorted. */
  get modelNames(): string[] {
    return Object.keys(this.specs).sort();
  }

  /** Canonical names (`objectExists`), sorted: what `client.waiterNames` lists. */
  get waiterNames(): string[] {
    return this.modelNames.map(canonicalName).sort();
  }

  /** The model name for any spelling, or undefined. */
  resolve(name: string): string | undefined {
    return this.index.resolve(name);
  }

  spec(modelName: string): WaiterSpec | undefined {
    return Object.prototype.hasOwnProperty.call(this.specs, modelName) ? this.specs[modelName] : undefined;
  }
}
