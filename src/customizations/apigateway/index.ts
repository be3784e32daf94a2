/**
 * API Gateway's request customization, botocore's `add_accept_header` (`before-call.apigateway`):
 * every request carries `Accept: application/json` unless the call already set an Accept header
 * (GetExport's `accepts` member is bound to it). API Gateway answers in HAL+JSON otherwise.
 * botojs adds it on `request-created`, which, like botocore's before-call, comes before signing
 * (so the header is signed) and is not emitted for presigned URLs (botocore presigns without
 * before-call).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { PreparedRequest } from '../../pipeline/make-api-call';
import { hasHeader } from '../../util/headers';

/** Registers the Accept header on a session's events. */
export function installApiGatewayAccept(events: HierarchicalEmitter): void {
  events.register('request-created.api-gateway', (p) => {
    const request = p.request as PreparedRequest;
    if (!hasHeader(request.headers, 'accept')) request.headers.Accept = 'application/json';
  });
}
