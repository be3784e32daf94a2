/** Builds one-operation service models from inline shapes for serializer unit tests. */
import { OperationModel, RawOperation, ServiceModel } from '../../../../src/models/service-model';
import type { RawShape } from '../../../../src/models/shape';

export function makeOp(
  protocol: string,
  shapes: Record<string, RawShape>,
  given: Partial<RawOperation> = {},
  metadata: Record<string, unknown> = {},
): OperationModel {
  const op: RawOperation = {
    name: 'DoThing',
    http: { method: 'POST', requestUri: '/' },
    input: { shape: 'Input' },
    ...given,
  };
  const service = new ServiceModel(
    {
      metadata: { apiVersion: '2020-01-01', endpointPrefix: 'svc', serviceId: 'Svc', protocol, ...metadata },
      operations: { [op.name]: op },
      shapes,
    },
    'svc',
  );
  return service.operation(op.name);
}
