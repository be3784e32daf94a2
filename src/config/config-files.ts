/**
 * The shared config and credentials files (~/.aws/config, ~/.aws/credentials), read exactly as
 * botocore reads them: Python's configparser rules (./configparser.ts: values verbatim, no
 * inline comments, continuation lines, `[DEFAULT]`), then botocore's own steps here: nested
 * sub-sections (`s3 =\n  addressing_style = path`), which sections are profiles, sso-sessions
 * and services, and how the two files merge. Files are read once per path per modification time.
 *
 * Every map returned has no prototype, so a profile or setting named `constructor` or
 * `__proto__` is only a name.
 */
import fs = require('fs');
import os = require('os');
import path = require('path');
import { ConfigParseError } from '../errors';
import { pySplitlines, pyStrip } from '../util/python-whitespace';
import { shlexSplit } from '../util/shlex-split';
import { parseConfigParser } from './configparser';

export type ProfileData = Record<string, string | Record<string, string>>;

export interface ParsedConfigFiles {
  /** Profiles by name: the config file's `[profile x]`/`[default]` merged under the credentials file's `[x]`. */
  profiles: Record<string, ProfileData>;
  /** `[sso-session x]` sections. */
  ssoSessions: Record<string, ProfileData>;
  /** `[services x]` sections. */
  services: Record<string, ProfileData>;
  /** Profiles as each file has them, for providers that must say which file they read. */
  configProfiles: Record<string, ProfileData>;
  credentialsProfiles: Record<string, ProfileData>;
  configFile: string;
  credentialsFile: string;
}

/** `~` means the home directory the environment names (HOME), so tests can use a temporary one. */
function expandHome(p: string, env: NodeJS.ProcessEnv = process.env): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return path.join(env.HOME || env.USERPROFILE || os.homedir(), p.slice(1));
  return p;
}

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return expandHome(env.AWS_CONFIG_FILE || '~/.aws/config', env);
}

export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return expandHome(env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials', env);
}

/** An object with no prototype, so names like `__proto__` or `constructor` are plain keys. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * botocore's `_parse_nested`: a value whose first line is empty (`s3 =` followed by indented
 * lines) is a sub-section. Each non-blank line is split at its first `=` (a `:` is not a
 * delimiter here); names keep their case; a repeated name takes the last value.
 */
function parseNested(value: string, fail: (problem: string) => never): Record<string, string> {
  const out = dict<string>();
  for (const raw of pySplitlines(value)) {
    const line = pyStrip(raw);
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq < 0) fail("a line of the nested block is not a 'key = value' setting");
    out[pyStrip(line.slice(0, eq))] = pyStrip(line.slice(eq + 1));
  }
  return out;
}

/** One file's sections in file order, as botocore's `raw_config_parse` (sub-sections parsed). */
function rawConfigParse(text: string, fileName: string): Array<[string, ProfileData]> {
  return parseConfigParser(text, fileName).map((section) => {
    const data: ProfileData = dict();
    for (const [key, { value, line }] of section.options) {
      const fail = (problem: string): never => {
        throw new ConfigParseError(`Unable to parse config file: ${fileName}: line ${line} (in [${section.name}]): the setting '${key}': ${problem}`);
      };
      data[key] = value.startsWith('\n') ? parseNested(value, fail) : value;
    }
    return [section.name, data];
  });
}

/**
 * Parses one file's text into `{ sectionName: data }`, exactly as botocore's `raw_config_parse`:
 * section names verbatim, option names lower-cased, values verbatim (see ./configparser.ts).
 */
export function parseIniText(text: string, fileName: string): Record<string, ProfileData> {
  const out = dict<ProfileData>();
  for (const [name, data] of rawConfigParse(text, fileName)) out[name] = data;
  return out;
}

const fileCache = new Map<string, { mtimeMs: number; sections: Array<[string, ProfileData]> }>();

/**
 * One file's sections, in file order. Like botocore, a path that is not a regular file reads as
 * empty; bytes that are not UTF-8 are a ConfigParseError (Python's UnicodeDecodeError), never
 * silently replaced.
 */
function readConfigFile(file: string): Array<[string, ProfileData]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  if (!stat.isFile()) return [];
  const hit = fileCache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.sections;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fs.readFileSync(file));
  } catch {
    throw new ConfigParseError(`Unable to parse config file: ${file}: the file is not valid UTF-8`);
  }
  const sections = rawConfigParse(text, file);
  fileCache.set(file, { mtimeMs: stat.mtimeMs, sections });
  return sections;
}

/**
 * botocore's `_parse_section`: the name after the kind, read as shell words (so `[profile "a b"]`
 * is profile `a b` and `[profile  x ]` is `x`); anything but exactly two words, or a quote left
 * open, is no section of that kind and is ignored.
 */
function addNamedSection(target: Record<string, ProfileData>, sectionName: string, data: ProfileData): void {
  const split = shlexSplit(sectionName);
  if (split.words?.length === 2) target[split.words[1]] = data;
}

/**
 * Reads both files (missing files are empty) and sorts their sections by kind, as botocore's
 * `build_profile_map` and `Session.full_config` do. In the config file a section is a profile
 * when its name starts with `profile` (botocore tests the prefix only, then the shell words) or
 * is exactly `default`; a later section for the same profile replaces an earlier one whole
 * (`[default]` then `[profile default]`: the second wins). In the credentials file every section
 * is a profile under its verbatim name, and its settings override the config file's, key by key.
 */
export function loadConfigFiles(env: NodeJS.ProcessEnv = process.env): ParsedConfigFiles {
  const configFile = configFilePath(env);
  const credentialsFile = credentialsFilePath(env);
  const configSections = readConfigFile(configFile);
  const credentialsSections = readConfigFile(credentialsFile);
  const ssoSessions = dict<ProfileData>();
  const services = dict<ProfileData>();
  const configProfiles = dict<ProfileData>();
  for (const [name, data] of configSections) {
    if (name.startsWith('profile')) addNamedSection(configProfiles, name, data);
    else if (name.startsWith('sso-session')) addNamedSection(ssoSessions, name, data);
    else if (name.startsWith('services')) addNamedSection(services, name, data);
    else if (name === 'default') configProfiles.default = data;
    // Any other section of the config file is no profile, as in botocore.
  }
  const profiles = dict<ProfileData>();
  for (const name of Object.keys(configProfiles)) profiles[name] = Object.assign(dict(), configProfiles[name]);
  const credentialsProfiles = dict<ProfileData>();
  for (const [name, data] of credentialsSections) {
    credentialsProfiles[name] = data;
    profiles[name] = Object.assign(dict(), profiles[name], data);
  }
  return { profiles, ssoSessions, services, configProfiles, credentialsProfiles, configFile, credentialsFile };
}

/** One file as botocore's `raw_config_parse(path)` gives it: `{ sectionName: data }` (a missing file is empty). */
export function rawConfigParseFile(file: string): Record<string, ProfileData> {
  const out = dict<ProfileData>();
  for (const [name, data] of readConfigFile(file)) out[name] = data;
  return out;
}
