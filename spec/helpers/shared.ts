/**
 * The conformance vectors the suites in spec/conformance/ read: the repository's own copy in
 * spec/conformance/vectors/ (public Apache-2.0 test data, with its LICENSE, NOTICE and SOURCE
 * files), refreshed from the workspace's shared folder by `npm run conformance:refresh`.
 */
import * as fs from 'fs';
import * as path from 'path';

export const CONFORMANCE_DIR = path.resolve(__dirname, '../conformance/vectors');

export function readConformanceJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, ...parts), 'utf8')) as T;
}
