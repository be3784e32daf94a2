/**
 * CallContext: one plain object per API call (or presigned request), made by the pipeline and
 * handed to every per-call event as `context`. Each stage writes what it produced, so a handler,
 * a test or a debugger sees the whole call in one place: params -> endpoint -> serialized ->
 * request -> response -> parsed, with the retry state beside them.
 *
 * botocore's equivalent is the request `context` dict that flows from before-parameter-build to
 * after-call; customizations keep their per-call state in `state` here, as botocore's keep
 * theirs in that dict (S3's `encoding_type_auto_set`), never in module-level sets.
 *
 * It prints in a few lines (`util.inspect(context)`, `JSON.stringify(context)`): the operation
 * shows as a short reference, not the model graph behind it.
 */
import type { OperationModel } from '../models/service-model';
import type { HttpRequestSpec, ShapeReaders } from '../protocols/types';
import type { RetryCallState } from '../retries';
import type { HttpRequest, ParsedResponse, RawResponse } from '../types/http';

/** How a call is signed, chosen from its endpoint's auth schemes (src/pipeline/call-endpoint.ts). */
export interface AuthPlan {
  /** `sigv4a`: SigV4a, with `signingRegion` the comma-joined region set (`*` for all). */
  kind: 'sigv4' | 'sigv4a' | 'sigv2' | 'bearer' | 'none';
  signingName: string;
  signingRegion: string;
  disableDoubleEncoding?: boolean;
  /** The endpoint's auth scheme name (`sigv4`, `sigv4a`, `sigv4-s3express`, ...). */
  scheme?: string;
}

/** The endpoint a call resolved to. */
export interface CallEndpoint {
  url: string;
  /** Headers the rule set asks for (botocore sends the first value of each). */
  headers: Record<string, string[]>;
  auth: AuthPlan;
}

export interface CallContext {
  /** botocore's service directory name (`s3`, `bedrock-runtime`). */
  readonly serviceName: string;
  readonly operationName: string;
  /** The operation's model (prints as `OperationModel <s3.PutObject>`). */
  readonly operation: OperationModel;
  /** botocore's is_presign_request: a URL or POST form is being signed, nothing is sent. */
  readonly isPresignRequest: boolean;
  /** botocore's use_global_endpoint (presigning S3 with the global endpoint). */
  readonly useGlobalEndpoint: boolean;
  /** The params as the request will carry them: after events, idempotency tokens and validation. */
  params: Record<string, unknown>;
  /** The resolved endpoint and signing plan. */
  endpoint?: CallEndpoint;
  /** The protocol serializer's output: method, path, query, headers, body. */
  serialized?: HttpRequestSpec;
  /**
   * The prepared request of the current attempt, unsigned: `request-created` and `before-sign`
   * handlers change it. Signing works on a copy, so no secret lands here.
   */
  request?: HttpRequest;
  /** The raw response of the latest attempt. */
  response?: RawResponse;
  /** The parsed result (or error description) of the latest attempt. */
  parsed?: ParsedResponse;
  /**
   * Readers that replace the parser's walk of the shapes they name (ParseContext.readers), set
   * by a `before-parse` handler. Only a success body read by a protocol that takes readers
   * uses them; otherwise, and when a reader throws (the response is then parsed again without
   * them), the pipeline clears this, so `after-call` handlers can tell which values were read.
   */
  shapeReaders?: ShapeReaders;
  retry: {
    /** 1-based number of the attempt in progress or last made. */
    attempt: number;
    /** The retry mode's per-call scratch state (quota capacity to refund). */
    state: RetryCallState;
  };
  /** Customizations' per-call state, by key (botocore's context dict keys, camel-cased). */
  state: Record<string, unknown>;
}

/** What a caller of the pipeline says about the call it starts. */
export interface CallStart {
  params: Record<string, unknown>;
  isPresignRequest?: boolean;
  useGlobalEndpoint?: boolean;
}

export function newCallContext(serviceName: string, operation: OperationModel, start: CallStart): CallContext {
  return {
    serviceName,
    operationName: operation.name,
    operation,
    isPresignRequest: start.isPresignRequest === true,
    useGlobalEndpoint: start.useGlobalEndpoint === true,
    params: start.params,
    endpoint: undefined,
    serialized: undefined,
    request: undefined,
    response: undefined,
    parsed: undefined,
    shapeReaders: undefined,
    retry: { attempt: 0, state: {} },
    state: {},
  };
}
