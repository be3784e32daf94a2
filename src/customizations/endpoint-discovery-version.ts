/**
 * botocore's `inject_api_version_header_if_needed` (`before-call`, every service): an
 * endpoint-discovery operation (one the model marks `endpointoperation`, DescribeEndpoints in
 * DynamoDB and Timestream) carries `x-amz-api-version: <the model's apiVersion>`. botojs does
 * no endpoint discovery of its own, but a caller's DescribeEndpoints must still send it.
 * Added on `request-created`, before signing (botocore signs it too); presigned URLs get none,
 * as botocore presigns without before-call.
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { OperationModel } from '../models/service-model';
import type { PreparedRequest } from '../pipeline/make-api-call';

/** Registers the header on a session's events. */
export function installEndpointDiscoveryVersion(events: HierarchicalEmitter): void {
  events.register('request-created', (p) => {
    const op = p.operation as OperationModel;
    if (op.raw.endpointoperation !== true) return;
    (p.request as PreparedRequest).headers['x-amz-api-version'] = op.service.apiVersion;
  });
}
