/**
 * A tiny HTTP client for the metadata endpoints (IMDS, the container credentials endpoint):
 * node's http/https, one request, a hard timeout, no retries (callers decide), no proxies.
 *
 * Safety: inside a test run (JEST_WORKER_ID set) or with BOTOJS_METADATA_LOOPBACK_ONLY=1, any
 * host that is not loopback is refused before a socket opens, so no test can ever reach
 * 169.254.169.254 or another real address; the refusal looks like a connection failure.
 */
import http = require('http');
import https = require('https');
import { MetadataRetrievalError } from './errors';

export interface MetadataRequest {
  method: 'GET' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface MetadataResponse {
  status: number;
  body: string;
}

/** Connection-level failures (refused, reset, timed out), as opposed to an HTTP answer. */
export class MetadataConnectionError extends MetadataRetrievalError {
  constructor(message: string, readonly timedOut = false, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function loopbackOnly(): boolean {
  return process.env.JEST_WORKER_ID !== undefined || process.env.BOTOJS_METADATA_LOOPBACK_ONLY === '1';
}

export function metadataRequest(req: MetadataRequest): Promise<MetadataResponse> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.reject(new MetadataRetrievalError(`Invalid metadata endpoint URL: ${req.url}`));
  }
  if (loopbackOnly() && !isLoopbackHost(url.hostname)) {
    return Promise.reject(new MetadataConnectionError(`Refused to contact ${url.host}: only loopback metadata endpoints are allowed in this process`));
  }
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(url, { method: req.method, headers: req.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => reject(new MetadataConnectionError(`Error reading the response from ${url.host}: ${e.message}`, false, { cause: e })));
    });
    r.setTimeout(req.timeoutMs, () => {
      r.destroy(new MetadataConnectionError(`Timed out after ${req.timeoutMs} ms waiting for ${url.host}`, true));
    });
    r.on('error', (e) => {
      reject(e instanceof MetadataConnectionError ? e : new MetadataConnectionError(`Could not connect to ${url.host}: ${e.message}`, false, { cause: e }));
    });
    r.end();
  });
}
