/** Tiny inline models for parser unit tests. */
import { OperationModel, RawOperation, ServiceModel } from '../../../../src/models/service-model';
import type { RawShape } from '../../../../src/models/shape';
import type { RawResponse, SerializeContext } from '../../../../src/protocols/types';

export function model(
  protocol: string,
  shapes: Record<string, RawShape>,
  output?: RawOperation['output'],
): { op: OperationModel; ctx: SerializeContext } {
  const given: RawOperation = { name: 'Op', http: { method: 'POST', requestUri: '/' }, output };
  const service = new ServiceModel(
    { metadata: { protocol, apiVersion: '2020-01-01', endpointPrefix: 'svc', serviceId: 'Svc' }, shapes, operations: { Op: given } },
    'svc',
  );
  return { op: service.operation('Op'), ctx: { service } };
}

export function response(statusCode: number, body: string, headers: Record<string, string> = {}): RawResponse {
  return { statusCode, headers, body: Buffer.from(body, 'utf8') };
}
