/**
 * Names of the declarations that are not shapes (the client, its maps, resources, collections):
 * referred to by placeholder key while a file is written, named after the shapes (so a model
 * shape keeps its own name when both want it).
 */
import type { NameTable } from './names';
import { placeholder } from './shapes';

export class OtherNames {
  private readonly wanted = new Map<string, string>();

  /** A placeholder for `key`, which will be named `wanted` if that is free. */
  ref(key: string, wanted: string): string {
    if (!this.wanted.has(key)) this.wanted.set(key, wanted);
    return placeholder(key);
  }

  assignNames(table: NameTable, names: Map<string, string>): void {
    for (const [key, wanted] of this.wanted) names.set(key, table.claim(wanted));
  }
}
