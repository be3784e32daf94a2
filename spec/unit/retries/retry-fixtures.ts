/**
 * Fixtures for retry tests: the real _retry.json (service-models/ when the importer has written
 * it, else botocore's installed copy) and builders for parsed responses and seeded randomness.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ParsedResponse } from '../../../src/protocols/types';

const CANDIDATES = [
  path.resolve(__dirname, '../../../service-models/_retry.json'),
  '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/botocore/data/_retry.json',
];

export function loadRetryData(): unknown {
  const file = CANDIDATES.find((f) => fs.existsSync(f));
  if (!file) throw new Error('no _retry.json found');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function errorResponse(status: number, code?: string, headers: Record<string, string> = {}): ParsedResponse {
  const r: ParsedResponse = { ResponseMetadata: { HTTPStatusCode: status, HTTPHeaders: headers } };
  if (code !== undefined) r.Error = { Code: code, Message: 'm' };
  return r;
}

export function okResponse(): ParsedResponse {
  return { ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } };
}

/** A deterministic random source cycling through `values`. */
export function seq(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
