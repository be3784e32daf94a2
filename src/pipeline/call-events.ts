/**
 * The payload of each per-call event, one interface per event name (docs/events.md lists them
 * with botocore's names, when each fires and what a handler may change). Every payload carries
 * the call's `context` (src/pipeline/call-context.ts); `operation` prints as a short reference.
 */
import type { EventPayload } from '../events/emitter';
import type { OperationModel } from '../models/service-model';
import type { HttpRequestSpec } from '../protocols/types';
import type { RetryContext } from '../retries';
import type { HttpRequest, ParsedResponse, RawResponse } from '../types/http';
import type { ClientError } from '../errors';
import type { AuthPlan, CallContext } from './call-context';
import type { RequestSigner } from './request-signer';
import type { NeedsRetryExtras } from './call-route';

/** What every per-call payload has. */
export interface CallEventBase extends EventPayload {
  operation: OperationModel;
  context: CallContext;
}

/** `provide-client-params`: return an object to replace the params. */
export interface ProvideClientParamsEvent extends CallEventBase {
  params: Record<string, unknown>;
}

/** `before-parameter-build`: change `params` in place (before idempotency tokens and validation). */
export interface BeforeParameterBuildEvent extends CallEventBase {
  params: Record<string, unknown>;
}

/** `before-call`: return a parsed response to answer the call without sending (stubs). */
export interface BeforeCallEvent extends CallEventBase {
  params: Record<string, unknown>;
}

/** `before-endpoint-resolution` (botojs): change `builtIns` for this call only. */
export interface BeforeEndpointResolutionEvent extends CallEventBase {
  builtIns: Record<string, unknown>;
  params: Record<string, unknown>;
}

/** `before-checksum` (botojs): change the serialized request before checksums and the URL. */
export interface BeforeChecksumEvent extends CallEventBase {
  request: HttpRequestSpec;
  params: Record<string, unknown>;
  isPresign: boolean;
  url: string;
  /** Presigns another request the way this call is signed (RDS and EC2 cross-region copies). */
  requestSigner: RequestSigner;
}

/** `request-created`: the prepared, unsigned request of one attempt; change it in place. */
export interface RequestCreatedEvent extends CallEventBase {
  request: HttpRequest;
}

/** `before-sign`: the same request, with the signing plan; change either in place. */
export interface BeforeSignEvent extends CallEventBase {
  request: HttpRequest;
  auth: AuthPlan;
  /** true when a URL is being presigned (nothing is sent). */
  isPresignRequest?: boolean;
}

/** `before-send`: the signed request (session token masked); return a RawResponse to answer instead. */
export interface BeforeSendEvent extends CallEventBase {
  request: HttpRequest;
}

/**
 * `before-parse`: the raw response before the protocol parser reads it. Handlers may change it
 * in place; members put in `customizedResponse` are added to the parsed result (botocore's
 * customized_response_dict). What a handler returns is ignored.
 */
export interface BeforeParseEvent extends CallEventBase {
  response: RawResponse;
  customizedResponse: Record<string, unknown>;
}

/**
 * `needs-retry`: return a delay in seconds to retry, or nothing to let the retry mode decide.
 * `resolveEndpointAgain()` re-resolves the endpoint (before-endpoint-resolution runs again):
 * later attempts go to its host, signed as its auth schemes say (S3's region redirect).
 */
export interface NeedsRetryEvent extends CallEventBase, Omit<RetryContext, 'operation'>, NeedsRetryExtras {}

/** `after-call`: the parsed result (or error description); change it in place. */
export interface AfterCallEvent extends CallEventBase {
  parsed: ParsedResponse;
  params: Record<string, unknown>;
  /** The raw response, absent when a `before-call` stub answered. */
  httpResponse?: RawResponse;
}

/** `after-call-error`: the error about to be thrown. */
export interface AfterCallErrorEvent extends CallEventBase {
  exception: ClientError;
}

/** `get-auth-token`: return the bearer token for a client whose operation signs with one. */
export interface GetAuthTokenEvent extends EventPayload {
  signingName: string;
}

declare module '../events/emitter' {
  interface EventPayloads {
    'provide-client-params': ProvideClientParamsEvent;
    'before-parameter-build': BeforeParameterBuildEvent;
    'before-call': BeforeCallEvent;
    'before-endpoint-resolution': BeforeEndpointResolutionEvent;
    'before-checksum': BeforeChecksumEvent;
    'request-created': RequestCreatedEvent;
    'before-sign': BeforeSignEvent;
    'before-send': BeforeSendEvent;
    'before-parse': BeforeParseEvent;
    'needs-retry': NeedsRetryEvent;
    'after-call': AfterCallEvent;
    'after-call-error': AfterCallErrorEvent;
    'get-auth-token': GetAuthTokenEvent;
  }
}
