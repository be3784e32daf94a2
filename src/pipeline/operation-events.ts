/**
 * botocore's per-call event names of one operation (`before-call.s3.PutObject`, ...), built once
 * per operation and reused: a name that is the same string each call is hashed once by the
 * emitter's lookup, where a freshly built one is hashed per emit.
 */
import type { OperationModel } from '../models/service-model';

export interface OperationEvents {
  serviceId: string;
  provideClientParams: string;
  beforeParameterBuild: string;
  beforeCall: string;
  afterCall: string;
  afterCallError: string;
  beforeEndpointResolution: string;
  beforeChecksum: string;
  requestCreated: string;
  beforeSign: string;
  beforeSend: string;
  beforeParse: string;
  needsRetry: string;
}

const operationEvents = new WeakMap<OperationModel, OperationEvents>();

/** The event names of `op` for a client whose events spell its service `eventServiceId`. */
export function eventsOf(eventServiceId: string, op: OperationModel): OperationEvents {
  let names = operationEvents.get(op);
  if (names?.serviceId !== eventServiceId) {
    const n = (base: string): string => `${base}.${eventServiceId}.${op.name}`;
    names = {
      serviceId: eventServiceId,
      provideClientParams: n('provide-client-params'),
      beforeParameterBuild: n('before-parameter-build'),
      beforeCall: n('before-call'),
      afterCall: n('after-call'),
      afterCallError: n('after-call-error'),
      beforeEndpointResolution: n('before-endpoint-resolution'),
      beforeChecksum: n('before-checksum'),
      requestCreated: n('request-created'),
      beforeSign: n('before-sign'),
      beforeSend: n('before-send'),
      beforeParse: n('before-parse'),
      needsRetry: n('needs-retry'),
    };
    operationEvents.set(op, names);
  }
  return names;
}
