/**
 * Tells the bundle loader (src/bundle-loader.ts) what kind of work this process did, such as
 * "a DynamoDB client speaking json". The code cache written at a process's exit holds only the
 * functions that process compiled; a later process that works with another service would
 * compile that service's paths (its protocol, its customizations) on every start. The loader
 * compares what a process noted with what its cache file covers, and rewrites the cache once
 * when there is something new.
 *
 * The loader is not part of the bundle, so the two meet on a registry symbol: the loader puts an
 * object with `add` there before it runs the bundle. Without it (a plain require, Jest), noting
 * does nothing.
 */
const CODE_PATHS = Symbol.for('botojs.codeCachePaths');

type WithCodePaths = typeof globalThis & { [CODE_PATHS]?: { add(key: string): void } };

/** Notes one kind of work (a short stable key) for the code cache. */
export function noteCodePath(key: string): void {
  (globalThis as WithCodePaths)[CODE_PATHS]?.add(key);
}
