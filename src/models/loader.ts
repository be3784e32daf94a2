/**
 * ModelLoader: finds and parses botocore-layout model data (`<service>/<apiVersion>/<type>.json`
 * or `.json.gz`, plus top-level files such as `endpoints.json`) along a search path.
 *
 * Search path, first hit wins: each directory of `BOTOJS_DATA_PATH`, then of `AWS_DATA_PATH`
 * (path.delimiter-separated, `~` and `$VAR` expanded), then `~/.botojs/models`, then the
 * package's own service-models/ and resource-models/. Any botocore or boto3 `data/` folder
 * works unchanged; `<type>.sdk-extras.json` files found there are merged as botocore does.
 *
 * Cold start is cheap by design: nothing is read at construction, each directory is listed at
 * most once, each file is parsed at most once per loader (the default loader is process-wide),
 * and only the error path lists every service. A file in the line layout that models:import
 * writes (line-layout.ts) is parsed entry by entry, as operations and shapes are first used, and
 * its shapes are read from disk only then (model-file.ts).
 */
import fs = require('fs');
import os = require('os');
import path = require('path');
import { DataNotFoundError, UnknownServiceError } from '../errors';
import { applyExtras } from './deep-merge';
import { isLazyRecord, recordKeys } from './line-layout';
import { parseModelFile } from './model-file';
import { isRecord } from '../util/objects';
import { closeMatches } from './naming';
import { RawServiceModel, ServiceModel } from './service-model';

/** Model file types, named as botocore names them. */
export type ModelTypeName = 'service-2' | 'paginators-1' | 'waiters-2' | 'endpoint-rule-set-1' | 'resources-1';

/** botocore's extras kind: `<type>.sdk-extras.json` beside a model file is merged into it. */
const EXTRAS_TYPE = 'sdk';
const JSON_EXTENSIONS = ['.json', '.json.gz'] as const;

export interface ModelLoaderOptions {
  /** Directories searched before the default ones, in order. */
  searchPaths?: string[];
  /** Add the env, home and package directories after `searchPaths` (default true). */
  includeDefaultPaths?: boolean;
  /** Environment to read BOTOJS_DATA_PATH / AWS_DATA_PATH from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The package root: the nearest folder above this module that holds service-models/. This
 * module runs from src/models/ (tests), dist/models/ (a tsc build) or dist/botojs.js (the
 * bundle), so the root is one to three levels up.
 */
function packageRoot(): string {
  let dir = __dirname;
  for (let up = 0; up < 4; up++) {
    dir = path.dirname(dir);
    if (fs.existsSync(path.join(dir, 'service-models'))) return dir;
  }
  return path.resolve(__dirname, '..', '..');
}

/** The package's own model folders, last on every search path. */
export function builtinDataPaths(): string[] {
  const root = packageRoot();
  return [path.join(root, 'service-models'), path.join(root, 'resource-models')];
}

/** `~` and `$VAR`/`${VAR}` expansion, as botocore applies to AWS_DATA_PATH entries. */
function expandPath(p: string, env: NodeJS.ProcessEnv): string {
  let out = p.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => {
    const value = env[(a ?? b) as string];
    return value === undefined ? whole : value;
  });
  if (out === '~' || out.startsWith('~/') || out.startsWith(`~${path.sep}`)) out = path.join(os.homedir(), out.slice(1));
  return path.resolve(out);
}

function splitPathList(value: string | undefined, env: NodeJS.ProcessEnv): string[] {
  if (!value) return [];
  return value
    .split(path.delimiter)
    .filter((p) => p.length > 0)
    .map((p) => expandPath(p, env));
}

/** The default search path for the given environment. */
export function defaultSearchPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    ...splitPathList(env.BOTOJS_DATA_PATH, env),
    ...splitPathList(env.AWS_DATA_PATH, env),
    path.join(os.homedir(), '.botojs', 'models'),
    ...builtinDataPaths(),
  ];
}

function parseJsonFile(file: string): unknown {
  try {
    return parseModelFile(file);
  } catch (err) {
    throw new DataNotFoundError(`Unable to parse model data file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export class ModelLoader {
  readonly searchPaths: readonly string[];
  private readonly entries = new Map<string, ReadonlyMap<string, boolean>>();
  private readonly files = new Map<string, unknown>();
  private readonly models = new Map<string, unknown>();
  private readonly versions = new Map<string, string[]>();
  private readonly services = new Map<string, string[]>();
  private readonly serviceModels = new Map<string, ServiceModel>();

  constructor(options: ModelLoaderOptions = {}) {
    const explicit = (options.searchPaths ?? []).map((p) => path.resolve(p));
    const defaults = options.includeDefaultPaths === false ? [] : defaultSearchPaths(options.env ?? process.env);
    this.searchPaths = [...explicit, ...defaults];
  }

  /** Every service that has a `typeName` file in some apiVersion folder, sorted. */
  listAvailableServices(typeName: ModelTypeName | string = 'service-2'): string[] {
    let cached = this.services.get(typeName);
    if (!cached) {
      const found = new Set<string>();
      for (const root of this.searchPaths) {
        for (const [service, isDir] of this.listDir(root)) {
          if (!isDir || found.has(service)) continue;
          if (this.versionsIn(path.join(root, service), typeName).length > 0) found.add(service);
        }
      }
      cached = [...found].sort();
      this.services.set(typeName, cached);
    }
    return [...cached];
  }

  /** The apiVersions of `service` that have a `typeName` file, sorted oldest first. */
  listApiVersions(service: string, typeName: ModelTypeName | string = 'service-2'): string[] {
    const key = `${service}\0${typeName}`;
    let cached = this.versions.get(key);
    if (!cached) {
      const found = new Set<string>();
      if (isSafeSegment(service)) {
        for (const root of this.searchPaths) {
          for (const v of this.versionsIn(path.join(root, service), typeName)) found.add(v);
        }
      }
      cached = [...found].sort();
      this.versions.set(key, cached);
    }
    return [...cached];
  }

  /** Whether some apiVersion of `service` has a `typeName` file. */
  hasModel(service: string, typeName: ModelTypeName | string = 'service-2'): boolean {
    return this.listApiVersions(service, typeName).length > 0;
  }

  /**
   * The parsed `typeName` document of `service` (newest apiVersion unless one is given), with
   * any sdk-extras merged in. The result is shared: treat it as read-only.
   * @throws UnknownServiceError when no service-2 exists for `service`
   * @throws DataNotFoundError when the service exists but this file (or version) does not
   */
  loadServiceModel(service: string, typeName: ModelTypeName | string, apiVersion?: string): unknown {
    const versions = this.listApiVersions(service, typeName);
    if (versions.length === 0) {
      if (typeName === 'service-2' || !this.hasModel(service, 'service-2')) {
        throw new UnknownServiceError(service, closeMatches(service, this.listAvailableServices('service-2')));
      }
      throw new DataNotFoundError(`Unable to load data for: ${service}/${typeName}`);
    }
    const version = apiVersion ?? versions[versions.length - 1];
    if (!isSafeSegment(version) || !versions.includes(version)) {
      throw new DataNotFoundError(
        `Unable to load data for: ${service}/${version}/${typeName} (available: ${versions.join(', ')})`,
      );
    }
    const key = `${service}/${version}/${typeName}`;
    if (this.models.has(key)) return this.models.get(key);
    let model = this.loadData(key);
    const extras = this.findFile(`${service}/${version}/${typeName}.${EXTRAS_TYPE}-extras`);
    if (extras && isRecord(model)) {
      // Merge into a copy so the per-file cache keeps the file exactly as written.
      model = applyExtras(plainCopy(model), [this.readFile(extras)]);
    }
    this.models.set(key, model);
    return model;
  }

  /**
   * A ServiceModel over the service's service-2 document, one per (service, apiVersion).
   * @throws UnknownServiceError / DataNotFoundError as loadServiceModel
   */
  loadServiceModelObject(service: string, apiVersion?: string): ServiceModel {
    const version = apiVersion ?? this.latestVersion(service);
    const key = `${service}/${version}`;
    let model = this.serviceModels.get(key);
    if (!model) {
      const raw = this.loadServiceModel(service, 'service-2', version);
      if (!isRecord(raw) || !isRecord(raw.metadata)) {
        throw new DataNotFoundError(`Malformed service model for ${service}/${version}: no metadata`);
      }
      model = new ServiceModel(raw as unknown as RawServiceModel, service);
      this.serviceModels.set(key, model);
    }
    return model;
  }

  /**
   * A data file by path relative to a search directory, without extension:
   * `endpoints`, `partitions`, `_retry`, `sdk-default-configuration`, `ec2/2016-11-15/service-2`.
   * @throws DataNotFoundError when no search directory has it
   */
  loadData(name: string): unknown {
    const file = this.findFile(name);
    if (!file) throw new DataNotFoundError(`Unable to load data for: ${name}`);
    return this.readFile(file);
  }

  /** Absolute path of the first `<name>.json` / `<name>.json.gz` on the search path. */
  findFile(name: string): string | undefined {
    const parts = name.split(/[\\/]/);
    if (!parts.every(isSafeSegment)) return undefined;
    for (const root of this.searchPaths) {
      // A file at the top of a search folder (partitions, endpoints-signing-names, _retry) is
      // looked up directly: that folder holds every service's folder (430 of them), which only
      // listing services needs to read.
      if (parts.length === 1 && !this.entries.has(root)) {
        for (const ext of JSON_EXTENSIONS) {
          const file = path.join(root, parts[0] + ext);
          if (isFile(file)) return file;
        }
        continue;
      }
      const dir = path.join(root, ...parts.slice(0, -1));
      const listing = this.listDir(dir);
      for (const ext of JSON_EXTENSIONS) {
        const base = parts[parts.length - 1] + ext;
        if (listing.get(base) === false) return path.join(dir, base);
      }
    }
    return undefined;
  }

  /** Forgets every cached listing and parsed file (for tests and long-lived tools). */
  clearCache(): void {
    this.entries.clear();
    this.files.clear();
    this.models.clear();
    this.versions.clear();
    this.services.clear();
    this.serviceModels.clear();
  }

  private latestVersion(service: string): string {
    const versions = this.listApiVersions(service, 'service-2');
    if (versions.length === 0) {
      throw new UnknownServiceError(service, closeMatches(service, this.listAvailableServices('service-2')));
    }
    return versions[versions.length - 1];
  }

  /** apiVersion folders under one service folder that hold a `typeName` file. */
  private versionsIn(serviceDir: string, typeName: string): string[] {
    const out: string[] = [];
    for (const [version, isDir] of this.listDir(serviceDir)) {
      if (!isDir) continue;
      const listing = this.listDir(path.join(serviceDir, version));
      if (JSON_EXTENSIONS.some((ext) => listing.get(typeName + ext) === false)) out.push(version);
    }
    return out;
  }

  /** name -> isDirectory for one folder, listed once; empty when it does not exist. */
  private listDir(dir: string): ReadonlyMap<string, boolean> {
    let listing = this.entries.get(dir);
    if (!listing) {
      const map = new Map<string, boolean>();
      try {
        for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
          // Symlinks are followed so a linked models folder works like a real one.
          const isDir = d.isDirectory() || (d.isSymbolicLink() && isDirectory(path.join(dir, d.name)));
          map.set(d.name, isDir);
        }
      } catch {
        // Missing or unreadable folders simply contribute nothing, as in botocore.
      }
      listing = map;
      this.entries.set(dir, listing);
    }
    return listing;
  }

  private readFile(file: string): unknown {
    if (!this.files.has(file)) this.files.set(file, parseJsonFile(file));
    return this.files.get(file);
  }
}

/** A deep copy; lazy records (line-layout files) are copied through JSON, which they round-trip. */
function plainCopy(value: Record<string, unknown>): Record<string, unknown> {
  const lazy = Object.values(value).filter(isLazyRecord);
  // Listing a deferred section's keys reads it (model-file.ts), with any member after it.
  for (const record of lazy) recordKeys(record as object);
  return lazy.length > 0 ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : structuredClone(value);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    // A search path that is not a folder, or one we may not read: nothing there, as listDir says.
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A path segment that cannot climb out of a search directory. */
function isSafeSegment(segment: string): boolean {
  // includes() rather than a regular expression: this runs while the first client is created,
  // where compiling a pattern costs more than the whole check.
  return segment.length > 0 && segment !== '.' && segment !== '..' && !segment.includes('/') && !segment.includes('\\') && !segment.includes('\0');
}

let defaultLoader: ModelLoader | undefined;

/** The process-wide loader (search path read from the environment on first use). */
export function getDefaultLoader(): ModelLoader {
  if (!defaultLoader) defaultLoader = new ModelLoader();
  return defaultLoader;
}
