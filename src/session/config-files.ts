/**
 * The shared config and credentials files (~/.aws/config, ~/.aws/credentials), parsed with `ini`.
 *
 * botocore's format has one thing plain INI lacks: nested sub-sections, a key with an empty
 * value followed by indented `k = v` lines (`s3 =\n  addressing_style = path`). Those lines are
 * folded into an object before `ini` sees the text. Files are read once per path per process.
 */
import * as fs from 'fs';
import * as ini from 'ini';
import * as os from 'os';
import * as path from 'path';
import { ConfigParseError } from '../errors';

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

const NESTED_SEP = '\u0000';

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

/**
 * Rejects what Python's configparser (and so botocore) rejects, naming the file, the line, the
 * section and the problem. Values are never quoted: the credentials file holds secrets.
 */
function validateIni(text: string, fileName: string): void {
  const fail = (line: number, section: string | null, problem: string): never => {
    throw new ConfigParseError(`Unable to parse config file: ${fileName}: line ${line}${section ? ` (in [${section}])` : ''}: ${problem}`);
  };
  const sectionsSeen = new Map<string, number>();
  let section: string | null = null;
  let keys = new Set<string>();
  let lastWasKey = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    if (/^\s*([;#].*)?$/.test(raw)) return;
    if (/^[ \t]/.test(raw)) {
      // An indented line continues the previous value (or is a nested `k = v`).
      if (section === null) fail(n, null, 'an indented line appears before any [section] header');
      if (!lastWasKey) fail(n, section, 'an indented line does not follow a setting');
      return;
    }
    if (raw.startsWith('[')) {
      const m = /^\[([^\]]+)\]\s*([;#].*)?$/.exec(raw.trimEnd());
      if (!m) fail(n, section, 'a section header must look like [name] (missing ]?)');
      const name = m![1].trim();
      if (sectionsSeen.has(name)) fail(n, null, `section [${name}] already appeared on line ${sectionsSeen.get(name)}`);
      sectionsSeen.set(name, n);
      section = name;
      keys = new Set();
      lastWasKey = false;
      return;
    }
    const kv = /^([^=:]*[^=:\s])\s*[=:]/.exec(raw);
    if (section === null) fail(n, null, kv ? `the setting '${kv[1]}' appears before any [section] header` : 'a line appears before any [section] header');
    if (!kv) fail(n, section, "the line is not a 'key = value' setting");
    const key = kv![1].trim().toLowerCase();
    if (keys.has(key)) fail(n, section, `the setting '${key}' appears twice`);
    keys.add(key);
    lastWasKey = true;
  });
}

/** Rewrites nested sub-sections as `parent<NUL>child = value` lines that ini keeps intact. */
function flattenNested(text: string): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let parent: string | null = null;
  for (const line of lines) {
    const indented = /^[ \t]+\S/.test(line);
    if (parent !== null && indented) {
      const m = /^\s*([^=]+?)\s*=\s*(.*)$/.exec(line);
      if (m) {
        out.push(`${parent}${NESTED_SEP}${m[1]} = ${m[2]}`);
        continue;
      }
    }
    parent = null;
    const top = /^([^\s[;#][^=]*?)\s*=\s*$/.exec(line);
    if (top) parent = top[1];
    out.push(line);
  }
  return out.join('\n');
}

function fold(section: Record<string, unknown>): ProfileData {
  const out: ProfileData = {};
  for (const [k, v] of Object.entries(section)) {
    if (typeof v === 'object' && v !== null) continue; // ini's dotted sub-objects are not botocore's
    const value = v === true ? 'true' : String(v);
    const i = k.indexOf(NESTED_SEP);
    if (i < 0) {
      // configparser lower-cases option names, so `Region = x` is botocore's `region`.
      out[k.toLowerCase()] = value;
    } else {
      const parentKey = k.slice(0, i).toLowerCase();
      const prior = out[parentKey];
      const obj = typeof prior === 'object' ? prior : {};
      obj[k.slice(i + 1)] = value;
      out[parentKey] = obj;
    }
  }
  return out;
}

/** configparser also accepts `key: value`; ini only knows `=`, so top-level colon lines are rewritten. */
function colonsToEquals(text: string): string {
  return text.replace(/^([^\s=:;#[][^=:]*?)[ \t]*:(.*)$/gm, (_m, key: string, rest: string) => `${key} =${rest}`);
}

/** Parses one file's text into `{ sectionName: data }`; section names are kept verbatim. */
export function parseIniText(text: string, fileName: string): Record<string, ProfileData> {
  validateIni(text, fileName);
  let raw: Record<string, unknown>;
  try {
    // Section names may contain dots ("profile my.dev"); protect them from ini's nesting.
    const protectedText = flattenNested(colonsToEquals(text)).replace(/^\s*\[([^\]]*)\]/gm, (_m, name: string) => `[${name.trim().replace(/\./g, '\\.')}]`);
    raw = ini.parse(protectedText) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigParseError(`Unable to parse config file: ${fileName}: ${(e as Error).message}`);
  }
  const out: Record<string, ProfileData> = {};
  for (const [name, section] of Object.entries(raw)) {
    if (typeof section !== 'object' || section === null) {
      throw new ConfigParseError(`Unable to parse config file: ${fileName}: the line '${name} = ${String(section)}' is outside any [section]`);
    }
    out[name] = fold(section as Record<string, unknown>);
  }
  return out;
}

const fileCache = new Map<string, { mtimeMs: number; data: Record<string, ProfileData> }>();

function readIniFile(file: string): Record<string, ProfileData> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return {};
  }
  const hit = fileCache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.data;
  const data = parseIniText(fs.readFileSync(file, 'utf8'), file);
  fileCache.set(file, { mtimeMs: stat.mtimeMs, data });
  return data;
}

/** Reads both files (missing files are empty) and sorts their sections by kind. */
export function loadConfigFiles(env: NodeJS.ProcessEnv = process.env): ParsedConfigFiles {
  const configFile = configFilePath(env);
  const credentialsFile = credentialsFilePath(env);
  const cfg = readIniFile(configFile);
  const creds = readIniFile(credentialsFile);
  const profiles: Record<string, ProfileData> = {};
  const ssoSessions: Record<string, ProfileData> = {};
  const services: Record<string, ProfileData> = {};
  const configProfiles: Record<string, ProfileData> = {};
  for (const [name, data] of Object.entries(cfg)) {
    const m = /^(profile|sso-session|services)\s+(.+)$/.exec(name);
    if (name === 'default') configProfiles.default = { ...data, ...(configProfiles.default ?? {}) };
    else if (m?.[1] === 'profile') configProfiles[m[2].trim()] = { ...(configProfiles[m[2].trim()] ?? {}), ...data };
    else if (m?.[1] === 'sso-session') ssoSessions[m[2].trim()] = data;
    else if (m?.[1] === 'services') services[m[2].trim()] = data;
    // A bare [name] in the config file (other than default) is ignored, as botocore does.
  }
  for (const [name, data] of Object.entries(configProfiles)) profiles[name] = { ...data };
  for (const [name, data] of Object.entries(creds)) {
    // Credentials-file values win over config-file values for the same profile.
    profiles[name] = { ...(profiles[name] ?? {}), ...data };
  }
  return { profiles, ssoSessions, services, configProfiles, credentialsProfiles: creds, configFile, credentialsFile };
}
