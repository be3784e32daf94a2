/**
 * What one side of a case produced: the driver's outcome (a result, a service error, or an
 * exception) plus the requests the capture server saw while the case ran. A difference between
 * the two sides is an `aspect` (what differs, e.g. `header:content-md5`, `result:Contents[].Key`)
 * in a `phase` (request or response), with a short detail showing both values.
 */
import type { CapturedRequest } from './capture-server';

export type Outcome =
  | { kind: 'ok'; result: unknown }
  | { kind: 'client-error'; class: string; response: unknown }
  | { kind: 'exception'; class: string; message: string }
  | { kind: 'timeout' };

export interface SideResult {
  outcome: Outcome;
  requests: CapturedRequest[];
  /** How long the driver took over the case. */
  ms: number;
}

export type Phase = 'request' | 'response';

export interface Difference {
  phase: Phase;
  aspect: string;
  /** Both values, shortened: `boto3: ... | botojs: ...`. */
  detail: string;
}

export function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function both(py: unknown, js: unknown): string {
  const show = (v: unknown) => (v === undefined ? '(absent)' : clip(typeof v === 'string' ? v : JSON.stringify(v)));
  return `boto3: ${show(py)} | botojs: ${show(js)}`;
}

export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'ok':
      return 'success';
    case 'client-error':
      return `ClientError ${o.class}`;
    case 'exception':
      return `${o.class}: ${clip(o.message, 200)}`;
    default:
      return 'timeout';
  }
}
