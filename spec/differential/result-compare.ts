/**
 * Response comparison: what boto3 and botojs made of the same HTTP response.
 *
 * Both drivers normalize to the same JSON conventions (ISO instants with milliseconds, `$bytes`
 * and `$stream` base64, `$eventstream` markers), so the outcomes compare structurally: the kind
 * of outcome, the error or exception class, then every leaf of the result (or of the error's
 * response) with its path (list indices written `[]`, so one aspect covers a whole list).
 * Numbers compare by value. Nothing in ResponseMetadata is volatile here: the capture server
 * answers both sides with identical bytes, so all of it is compared.
 */
import { both, describeOutcome, Difference, Outcome } from './outcome';
import { jsonDiff } from './json-diff';

export function compareOutcomes(py: Outcome, js: Outcome): Difference[] {
  const diff = (aspect: string, detail: string): Difference => ({ phase: 'response', aspect, detail });
  if (py.kind !== js.kind) return [diff('outcome', both(describeOutcome(py), describeOutcome(js)))];
  if (py.kind === 'exception' && js.kind === 'exception') {
    return py.class === js.class ? [] : [diff('exception-class', both(describeOutcome(py), describeOutcome(js)))];
  }
  const out: Difference[] = [];
  let a: unknown;
  let b: unknown;
  let root: string;
  if (py.kind === 'client-error' && js.kind === 'client-error') {
    if (py.class !== js.class) out.push(diff('error-class', both(py.class, js.class)));
    a = py.response;
    b = js.response;
    root = 'error';
  } else if (py.kind === 'ok' && js.kind === 'ok') {
    a = py.result;
    b = js.result;
    root = 'result';
  } else {
    return [];
  }
  const paths = jsonDiff(a, b);
  for (const [p, detail] of paths) out.push(diff(`${root}:${p}`, detail));
  return out;
}
