/**
 * The services an app uses, found in its source: the string literal passed to `client(...)` or
 * `resource(...)` (`session.client('s3')`, `boto.resource("dynamodb")`, `` client(`sqs`) ``).
 * A text scan, not a parse: names built at run time are not found (name them on the command
 * line), and a `client('x')` of some other library is reported as an unknown service.
 */
import fs = require('fs');
import path = require('path');

export interface ScanResult {
  /** Service names found, sorted. */
  names: string[];
  /** Files read. */
  files: number;
}

const EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const CALL = /\b(?:client|resource)\s*\(\s*(['"`])([A-Za-z0-9._-]+)\1/g;
/** Bigger files are bundles or generated code, not the app's source. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Stops a scan started at the wrong place (a home directory) from reading forever. */
const MAX_FILES = 20000;

/** Scans `root` (skipping node_modules, dot folders and `exclude`) for service names. */
export function scanServices(root: string, exclude: readonly string[] = []): ScanResult {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const names = new Set<string>();
  let files = 0;
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders hold nothing we can use
    }
    for (const e of entries) {
      if (files >= MAX_FILES) return;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.') || skip.has(p)) continue;
        walk(p);
      } else if (e.isFile() && EXTENSIONS.test(e.name) && !e.name.endsWith('.d.ts')) {
        let text: string;
        try {
          if (fs.statSync(p).size > MAX_FILE_BYTES) continue;
          text = fs.readFileSync(p, 'utf8');
        } catch {
          continue;
        }
        files++;
        for (const m of text.matchAll(CALL)) names.add(m[2]);
      }
    }
  };
  walk(path.resolve(root));
  return { names: [...names].sort(), files };
}
