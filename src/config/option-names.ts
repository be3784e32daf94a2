/**
 * Option bags (Session, client, Config) name their keys; a misspelt key would otherwise be
 * ignored silently (a client built for the wrong region, say). This rejects unknown keys before
 * anything happens, naming the close matches.
 */
import { closeMatches } from '../models/naming';

/** @throws TypeError naming each unknown key of `options` (with close matches) and the valid ones */
export function checkOptionNames(what: string, options: object | undefined, valid: readonly string[]): void {
  if (!options) return;
  const unknown = Object.keys(options).filter((k) => !valid.includes(k));
  if (!unknown.length) return;
  const described = unknown.map((k) => {
    const close = closeMatches(k, valid, 3);
    return close.length ? `'${k}' (did you mean: ${close.join(', ')}?)` : `'${k}'`;
  });
  throw new TypeError(`Unknown ${what} option${unknown.length === 1 ? '' : 's'}: ${described.join(', ')}. Valid options: ${valid.join(', ')}`);
}
