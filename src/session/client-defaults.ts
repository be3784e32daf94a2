/**
 * Which defaults mode a new client uses and the values it brings (src/config/defaults-mode.ts),
 * as botocore's Session.create_client does with its SmartDefaultsConfigStoreFactory.
 *
 * botocore settles `auto` while it makes the client, asking IMDS synchronously when the
 * environment does not name the current region. A botojs client is made synchronously and
 * cannot wait for IMDS, so `auto` without a known region starts with the values all of its
 * candidate modes share and settles the rest (with the shipped data, only the connect timeout)
 * before its first request is sent: `settle` below, awaited by the pipeline.
 */
import type { Config } from '../config/config';
import {
  autoModeFor,
  defaultsModeNames,
  DefaultsModeData,
  defaultsModeValues,
  DefaultsModeValues,
  executionEnvironmentRegion,
  provisionalAutoValues,
  resolveDefaultsMode,
} from '../config/defaults-mode';
import type { Session } from './session';

export interface ClientDefaults {
  /** The mode in force: `legacy`, a data mode, or `auto` while it waits for IMDS. */
  mode: string;
  values: DefaultsModeValues;
  /** For `auto` waiting on IMDS: the mode it becomes and that mode's values. */
  settle?: () => Promise<{ mode: string; values: DefaultsModeValues }>;
}

/** The name of botocore's data file (service-models/sdk-default-configuration.json). */
export const DEFAULTS_DATA = 'sdk-default-configuration';

/**
 * @param clientRegion the region the client was asked for (botocore compares this one, before
 *   any customization's default region), or undefined
 * @throws InvalidDefaultsMode for a mode the data does not know
 */
export function clientDefaults(session: Session, config: Config, clientRegion: string | undefined): ClientDefaults {
  let data: DefaultsModeData | undefined;
  const load = (): DefaultsModeData => (data ??= session.loader.loadData(DEFAULTS_DATA) as DefaultsModeData);
  const mode = resolveDefaultsMode(config.defaultsMode, session.env, session.profile, () => defaultsModeNames(load()));
  if (mode === 'legacy') return { mode, values: {} };
  if (mode !== 'auto') return { mode, values: defaultsModeValues(load(), mode) };

  const current = executionEnvironmentRegion(session.env) ?? session.knownInstanceMetadataRegion;
  if (current !== undefined) {
    const settled = autoModeFor(clientRegion, current);
    return { mode: settled, values: defaultsModeValues(load(), settled) };
  }
  const { values, undecided } = provisionalAutoValues(load());
  // Only the connect timeout can change after the client is made; the other settings are
  // built into it (retry strategy, endpoint built-ins). The candidates agree on them in the
  // shipped data (spec/unit/config/defaults-mode.spec.ts checks); were a future file to make
  // them differ, they would keep `standard`'s values, botocore's choice when IMDS is silent.
  // A connect timeout set in Config leaves nothing to settle, and IMDS is not asked.
  if (!undecided.includes('connectTimeout') || config.connectTimeout !== undefined) return { mode, values };
  return {
    mode,
    values,
    settle: async () => {
      const settled = autoModeFor(clientRegion, await session.instanceMetadataRegion());
      return { mode: settled, values: defaultsModeValues(load(), settled) };
    },
  };
}
