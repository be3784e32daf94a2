/**
 * node-fetch@2 requires `whatwg-url` at load time but only uses it where Node has no URL class
 * (`Url.URL || whatwgUrl.URL`): on Node >= 10 it is dead weight, and with its tr46 mapping
 * table it is about a third of node-fetch's load time (docs/DESIGN.md has the numbers).
 *
 * Before node-fetch loads, this puts a stand-in for node-fetch's copy of whatwg-url in Node's
 * module cache. The stand-in has whatwg-url's public names as getters: the first read of any of
 * them replaces the stand-in with the real module and answers from it, so any other package that
 * shares that copy still gets the real whatwg-url. node-fetch itself never reads them.
 */
import * as path from 'path';

// whatwg-url@5's public API (lib/public-api.js).
const PUBLIC_NAMES = [
  'URL',
  'parseURL',
  'basicURLParse',
  'serializeURL',
  'serializeHost',
  'serializeInteger',
  'serializeURLOrigin',
  'setTheUsername',
  'setThePassword',
] as const;

export function deferWhatwgUrl(): void {
  if (typeof URL !== 'function') return; // node-fetch would need it after all
  let file: string;
  try {
    const fetchDir = path.dirname(require.resolve('node-fetch/package.json'));
    file = require.resolve('whatwg-url', { paths: [fetchDir] });
  } catch {
    return; // a layout we do not know: let node-fetch load it as usual
  }
  if (require.cache[file]) return;
  let real: Record<string, unknown> | undefined;
  const load = (): Record<string, unknown> => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as Record<string, unknown>;
    }
    return real;
  };
  const standIn: Record<string, unknown> = {};
  for (const name of PUBLIC_NAMES) Object.defineProperty(standIn, name, { enumerable: true, get: () => load()[name] });
  // A Module-shaped cache entry: require() returns `exports` of a loaded entry.
  require.cache[file] = { id: file, filename: file, loaded: true, exports: standIn, children: [], paths: [] } as unknown as NodeJS.Module;
}
