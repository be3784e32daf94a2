/**
 * The sweep's cases for one service: for each operation, a `required` call (required members
 * only) and an `all` call (every member), both answered with the generated success response, and
 * an `error` call (required members) answered with a modeled error (an unmodeled one when the
 * operation lists none). Requests are compared for `required` and `all`; parsed results for
 * `required` (success) and `error`.
 *
 * A case is plain JSON: its id (`service.Operation.kind`) names it everywhere, in the known
 * differences list and in reports.
 */
import { loadModel, RawModel, RawOperation, resolvedProtocol, serviceEntry } from './model-catalog';
import { generateInput, hasEventStream, Variant } from './input-values';
import { generateOutput } from './output-values';
import { Prng } from './prng';
import { Tagged } from './tagged';
import { writeEventStreamResponse } from './event-stream-writer';
import { WireResponse, writeError, writeSuccess } from './response-writer';

export type CaseKind = Variant | 'error';

export interface SweepCase {
  id: string;
  service: string;
  operation: string;
  protocol: string;
  kind: CaseKind;
  params: Record<string, Tagged>;
  response: WireResponse;
  compareRequest: boolean;
  compareResponse: boolean;
  /** Set when the case is not run at all, with the reason. */
  skip?: string;
}

function operationCases(model: RawModel, service: string, protocol: string, op: RawOperation): SweepCase[] {
  const base = { service, operation: op.name, protocol };
  const streamOut = hasEventStream(model, op.output);
  // An event stream answers with generated frames (every event type, then a modeled exception);
  // both drivers read the stream to its end and report the events and the error.
  const success = streamOut ? writeEventStreamResponse(model, protocol, op, `${service}.${op.name}`).response : writeSuccess(model, protocol, op, op.output ? generateOutput(model, op.output, `${service}.${op.name}.output`) : undefined);
  const errors = op.errors ?? [];
  const errRef = errors.length ? new Prng(`${service}.${op.name}.error`).pick(errors) : undefined;
  const errValues = errRef ? generateOutput(model, errRef, `${service}.${op.name}.error.${errRef.shape}`) : {};
  const failure = writeError(model, protocol, op, service, errRef, errValues);
  const out: SweepCase[] = [];
  for (const kind of ['required', 'all', 'error'] as const) {
    const variant: Variant = kind === 'all' ? 'all' : 'required';
    const { params, unsupported } = generateInput(model, service, op, variant);
    out.push({
      ...base,
      id: `${service}.${op.name}.${kind}`,
      kind,
      params,
      response: kind === 'error' ? failure : success,
      compareRequest: kind !== 'error',
      compareResponse: kind === 'error' || kind === 'required',
      ...(unsupported ? { skip: unsupported } : {}),
    });
  }
  return out;
}

/**
 * Every case of `service`, in model operation order (sorted, for stable shards), in botocore's
 * protocol for it or in `protocol` when the model lists that one.
 */
export function serviceCases(service: string, operations?: readonly string[], protocol?: string): SweepCase[] {
  const entry = serviceEntry(service);
  const model = loadModel(entry.file);
  const spoken = resolvedProtocol(model.metadata, protocol);
  const names = Object.keys(model.operations).sort();
  const out: SweepCase[] = [];
  for (const name of names) {
    if (operations && !operations.includes(name)) continue;
    // The key is the API name boto3 and botojs call; `name` may differ (CloudFront's
    // AssociateAlias2020_05_31 is called AssociateAlias).
    out.push(...operationCases(model, service, spoken, { ...model.operations[name], name }));
  }
  return out;
}
