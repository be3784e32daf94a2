/**
 * makeApiCall: the one place that orders the stages of a call.
 *
 *   params -> events -> idempotency -> validate -> endpoint -> serialize -> checksum -> url
 *   -> [attempt: sign -> send -> parse -> retry?] -> result + ResponseMetadata | ClientError
 *
 * Each stage is a function of plain data from its own module; this file only sequences them,
 * records each stage's output on the call's context (src/pipeline/call-context.ts) and emits
 * botocore's events between them (payloads: src/pipeline/call-events.ts, docs/events.md).
 */
import { Readable } from 'stream';
import { applyRequestChecksum, resolveResponseAlgorithms, setRequestValidationMode, streamChecksum, validateResponseChecksum } from '../checksums';
import { HTTPClientError, NoCredentialsError, ParamValidationError, ResponseParserError } from '../errors';
import type { OperationModel } from '../models/service-model';
import { fillIdempotencyTokens } from '../protocols/serialize/idempotency';
import type { HttpRequestSpec, ParsedResponse, RawResponse } from '../protocols/types';
import type { HttpRequest } from '../types/http';
import { isErrorResponse } from '../protocols/error-response';
import { genericError } from '../protocols/parse/common';
import { SdkRequestHeaders } from '../retries/sdk-request-headers';
import { signBearer, signRequest, signV2, usesS3Signing } from '../signing';
import { refuseEventStreamInput, settleEventStreamOutput, streamsResponse } from './event-stream-output';
import { StreamingBody, type BodyChecksum } from '../util/streaming-body';
import { validateParams } from '../validate/validate';
import { paramsObject } from '../validate/params-object';
import { checkHeaders } from '../validate/headers';
import type { ClientContext } from './context';
import { requestUrl } from './request-url';
import { requestSigner } from './request-signer';
import { isReadable } from '../util/is-readable';
import { callCredentials, signingCredentials } from './signing-credentials';
import { abortable, sleep, throwIfAborted } from '../util/abort';
import { kBodyProgress, kCallState, type CallOptions } from './call-options';
import { BodyProgress, bodyLength } from './body-progress';
import { newCallContext, type AuthPlan, type CallContext, type CallStart } from './call-context';
import type * as Events from './call-events';
import { resolveCallEndpoint } from './call-endpoint';
import { eventsOf } from './operation-events';
import type { CallRoute } from './call-route';
import { decideRetry } from './retry-decision';
import { noteCodePath } from '../util/code-paths';
import { copyRecord } from '../util/objects';
import { isThenable } from '../events/emitter';

/** A prepared, unsigned HTTP request (what `request-created` and `before-sign` see). */
export type PreparedRequest = HttpRequest;
export type { AuthPlan, CallContext } from './call-context';

/** Signs `req` in place (the caller hands a copy: the context keeps the unsigned request). */
async function sign(ctx: ClientContext, op: OperationModel, req: PreparedRequest, auth: AuthPlan, params: Record<string, unknown>): Promise<void> {
  if (auth.kind === 'none') return;
  if (auth.kind === 'bearer') {
    // The client's token: AWS_BEARER_TOKEN_<its model's signing name>, else the session's (SSO).
    const payload: Events.GetAuthTokenEvent = { signingName: ctx.service.signingName };
    const token = await ctx.events.emitUntilResponse(`get-auth-token.${ctx.eventServiceId}`, payload);
    if (typeof token !== 'string') throw new NoCredentialsError('Unable to locate an auth token for bearer authentication (run `aws sso login`)');
    signBearer(req.headers, token);
    return;
  }
  if (auth.kind === 'sigv2') return void signV2(req, await signingCredentials(ctx), ctx.clockSkew.now());
  // A customization may sign this call with a session of its own (S3 Express One Zone).
  const { creds, identity } = await callCredentials(ctx, { auth, params });
  const s3Style = usesS3Signing(ctx.service.metadata);
  signRequest(
    req,
    creds,
    {
      signingName: auth.signingName,
      region: auth.signingRegion,
      date: ctx.clockSkew.now(),
      s3: s3Style,
      disableDoubleEncoding: auth.disableDoubleEncoding ?? s3Style,
      // The signer picks the payload hash itself (streams, trailers, https-only unsigned bodies).
      unsignedPayload: op.unsignedPayload,
      asymmetric: auth.kind === 'sigv4a',
      sessionTokenName: identity?.tokenHeader,
    },
  );
}

/** Sends one attempt, or takes a response a `before-send` handler (a stub) supplies. */
async function sendOnce(ctx: ClientContext, call: CallContext, req: PreparedRequest, signal: AbortSignal | undefined, onBodyProgress?: (bytes: number) => void): Promise<RawResponse> {
  const op = call.operation;
  const name = eventsOf(ctx.eventServiceId, op).beforeSend;
  // Handlers see the signed request with its session token masked: events never carry secrets.
  if (ctx.events.hasHandlers(name)) {
    const payload: Events.BeforeSendEvent = { request: { ...req, headers: redactHeaders(req.headers) }, operation: op, context: call };
    const stub = await ctx.events.emitUntilResponse(name, payload);
    if (stub !== undefined && stub !== null) return asStubResponse(stub, name);
  }
  return ctx.transport.send(req, { stream: streamsResponse(op), signal, onBodyProgress });
}

/**
 * What a `before-send` handler answered, checked before the pipeline reads it: a handler that
 * returns something else by mistake (the result of an expression-bodied arrow function) gets
 * an error that says so, not a TypeError from deep in the retry loop.
 */
function asStubResponse(stub: unknown, eventName: string): RawResponse {
  const r = stub as Partial<RawResponse>;
  if (typeof stub === 'object' && typeof r.statusCode === 'number' && typeof r.headers === 'object' && r.headers !== null) {
    return stub as RawResponse;
  }
  const shown = typeof stub === 'object' ? `an object without ${typeof r.statusCode === 'number' ? 'headers' : 'a numeric statusCode'}` : `${typeof stub} ${String(stub).slice(0, 40)}`;
  throw new TypeError(
    `A ${eventName} handler returned ${shown}: a value other than undefined answers the call instead of sending it, ` +
      'and must be an HTTP response { statusCode, headers, body }. Return undefined to let the request be sent.',
  );
}

/**
 * Starts a call: its context, with the params as given (a shallow copy: handlers may rewrite
 * top-level params, the caller's object stays as given).
 */
export function startCall(ctx: ClientContext, op: OperationModel, inputParams: Record<string, unknown> | undefined, start: Omit<CallStart, 'params'> = {}): CallContext {
  return newCallContext(ctx.serviceName, op, { ...start, params: copyRecord(paramsObject(inputParams)) });
}

/** Params as the request will carry them: events applied, tokens filled, validated (sets call.params). */
export async function prepareParams(ctx: ClientContext, call: CallContext): Promise<Record<string, unknown>> {
  const op = call.operation;
  const events = eventsOf(ctx.eventServiceId, op);
  // Each event is checked first, so that a call nobody hooks builds no payload and takes no await.
  if (ctx.events.hasHandlers(events.provideClientParams)) {
    const payload: Events.ProvideClientParamsEvent = { params: call.params, operation: op, context: call };
    const provided = await ctx.events.emitUntilResponse(events.provideClientParams, payload);
    if (provided) call.params = provided as Record<string, unknown>;
  }
  if (ctx.events.hasHandlers(events.beforeParameterBuild)) {
    const payload: Events.BeforeParameterBuildEvent = { params: call.params, operation: op, context: call };
    const pending = ctx.events.notify(events.beforeParameterBuild, payload);
    if (pending) await pending;
  }
  let params = call.params;
  // A presigned URL is fetched by someone else: botocore adds no checksum mode to it.
  if (!call.isPresignRequest) setRequestValidationMode(op, params, ctx.config.responseChecksumValidation);
  // botocore fills tokens on before-parameter-build, then validates: a required token left unset is filled, not refused.
  if (op.input) params = fillIdempotencyTokens(op.input, params);
  if (ctx.config.parameterValidation) {
    const problems = validateParams(params, op.input, 'input', { strict: ctx.config.parameterValidation === 'strict' });
    if (problems.length) throw new ParamValidationError(problems);
  }
  call.params = params;
  return params;
}

/** Makes the API call `op` with `params` and returns the parsed result, or throws. */
export async function makeApiCall(ctx: ClientContext, op: OperationModel, inputParams: Record<string, unknown> | undefined, options: CallOptions = {}): Promise<ParsedResponse> {
  const signal = options.abortSignal;
  const onBodyProgress = options[kBodyProgress];
  throwIfAborted(signal);
  refuseEventStreamInput(ctx, op);
  const call = startCall(ctx, op, inputParams);
  const seeded = options[kCallState];
  if (seeded) Object.assign(call.state, seeded);
  const params = await prepareParams(ctx, call);
  const events = eventsOf(ctx.eventServiceId, op);
  let parsed: ParsedResponse | undefined;
  if (ctx.events.hasHandlers(events.beforeCall)) {
    const payload: Events.BeforeCallEvent = { params, operation: op, context: call };
    parsed = (await ctx.events.emitUntilResponse(events.beforeCall, payload)) as ParsedResponse | undefined;
    if (parsed) call.parsed = parsed;
  }
  if (!parsed) parsed = await sendWithRetries(ctx, call, signal, onBodyProgress);
  if (ctx.events.hasHandlers(events.afterCall)) {
    const payload: Events.AfterCallEvent = { parsed, operation: op, params, httpResponse: call.response, context: call };
    const pending = ctx.events.notify(events.afterCall, payload);
    if (pending) await pending;
  }
  if (isErrorResponse(parsed)) {
    const err = ctx.errorFor(parsed as ParsedResponse & { Error: { Code: string; Message: string } }, op.name);
    if (ctx.events.hasHandlers(events.afterCallError)) {
      const payload: Events.AfterCallErrorEvent = { exception: err, operation: op, context: call };
      const pending = ctx.events.notify(events.afterCallError, payload);
      if (pending) await pending;
    }
    throw err;
  }
  return parsed;
}

/** A request ready to sign, with the signing plan its endpoint chose. */
export interface PreparedCall {
  request: PreparedRequest;
  auth: AuthPlan;
  /** The serialized body, before the checksum stage may have framed it (aws-chunked). */
  payload: HttpRequestSpec['body'];
}

/** Everything up to signing: endpoint, serialization, checksum, URL and headers (recorded on `call`). */
export async function prepareRequest(ctx: ClientContext, call: CallContext): Promise<PreparedCall> {
  const op = call.operation;
  const params = call.params;
  const endpoint = (call.endpoint = await resolveCallEndpoint(ctx, call));
  const spec: HttpRequestSpec = (call.serialized = ctx.protocol.serialize(op, params, { service: ctx.service }));
  const url = requestUrl(op, params, endpoint.url, spec);
  const checksumHook = eventsOf(ctx.eventServiceId, op).beforeChecksum;
  // Built only when someone listens: the payload (a request signer among it) is per call.
  if (ctx.events.hasHandlers(checksumHook)) {
    const payload: Events.BeforeChecksumEvent = { request: spec, params, operation: op, isPresign: call.isPresignRequest, url, requestSigner: requestSigner(ctx, endpoint.auth), context: call };
    const pending = ctx.events.notify(checksumHook, payload);
    if (pending) await pending;
  }
  // The checksum stage may add headers and replace the body (aws-chunked with a trailer over
  // https): it works on a copy, so the context keeps the serializer's output as it was.
  const target = { headers: copyRecord(spec.headers), body: spec.body, url };
  applyRequestChecksum({ operation: op, params, request: target, calculation: ctx.config.requestChecksumCalculation, isPresign: call.isPresignRequest });
  // target.headers is already this call's own copy: User-Agent goes on it (an existing key keeps its place).
  const headers = target.headers;
  headers['User-Agent'] = ctx.userAgent;
  // botocore sends only the first value of each rule-set header.
  for (const [k, v] of Object.entries(endpoint.headers)) if (v.length) headers[k] = v[0];
  const request = { method: spec.method, url, headers, body: target.body };
  call.request = request;
  return { request, auth: endpoint.auth, payload: spec.body };
}

async function sendWithRetries(ctx: ClientContext, call: CallContext, signal: AbortSignal | undefined, onBodyProgress?: (bytes: number) => void): Promise<ParsedResponse> {
  const op = call.operation;
  const prepared = await prepareRequest(ctx, call);
  if (ctx.settleDefaults) await abortable(ctx.settleDefaults(), signal);
  const { headers: baseHeaders, body, method } = prepared.request;
  // A needs-retry handler may send later attempts elsewhere (S3's region redirect).
  const route: CallRoute = { url: prepared.request.url, auth: prepared.auth };
  const rewindable = !isReadable(body);
  const wireLength = bodyLength(body);
  // A stream's length is unknown: its chunks are reported as read (it is retried only unread).
  const progress = onBodyProgress ? new BodyProgress(onBodyProgress, bodyLength(prepared.payload) ?? wireLength ?? Infinity, wireLength ?? Infinity) : undefined;
  const sdkRequest = new SdkRequestHeaders(ctx.config.readTimeout);
  const events = eventsOf(ctx.eventServiceId, op);

  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    const sendToken = ctx.retry.acquireSendToken();
    if (sendToken) await abortable(sendToken, signal);
    call.retry.attempt = attempt;
    const req: PreparedRequest = (call.request = { method, url: route.url, headers: copyRecord(baseHeaders), body });
    const auth = route.auth;
    call.response = undefined;
    call.parsed = undefined;
    if (ctx.events.hasHandlers(events.requestCreated)) {
      const payload: Events.RequestCreatedEvent = { request: req, operation: op, context: call };
      const pending = ctx.events.notify(events.requestCreated, payload);
      if (pending) await pending;
    }
    if (ctx.events.hasHandlers(events.beforeSign)) {
      const payload: Events.BeforeSignEvent = { request: req, operation: op, auth, context: call };
      const pending = ctx.events.notify(events.beforeSign, payload);
      if (pending) await pending;
    }
    checkHeaders(op, req.headers);
    // The signature and the session token go on a copy: the context keeps no secret.
    const signed: PreparedRequest = { ...req, headers: copyRecord(req.headers) };
    await abortable(sign(ctx, op, signed, auth, call.params), signal);
    sdkRequest.apply(signed.headers, attempt);

    let raw: RawResponse | undefined;
    let parsed: ParsedResponse | undefined;
    let transportError: Error | undefined;
    try {
      raw = call.response = await sendOnce(ctx, call, signed, signal, progress?.onWire);
      ctx.clockSkew.observe(raw.headers.date);
      parsed = call.parsed = await parseAttempt(ctx, call, raw);
    } catch (e) {
      // A body that did not parse goes to the retry decision with its raw response: a DynamoDB
      // body damaged in transit fails its CRC32 there, and is retried or raised as ChecksumError.
      if (!(e instanceof Error) || !(isTransportError(e) || (raw && e instanceof ResponseParserError))) {
        raw?.stream?.destroy(); // a streamed body nobody will read: free its connection now
        throw e;
      }
      transportError = e;
    }

    // A stream is replayable only while none of it was read: the server answered before it was
    // sent (Expect: 100-continue), or the connection failed first (refused, timed out, closed).
    const replayable = rewindable || raw?.requestBodyUnsent === true || (transportError instanceof HTTPClientError && transportError.requestBodyUnsent === true);
    const deciding = decideRetry(ctx, call, { attempt, operationName: op.name, response: parsed, httpResponse: raw, error: transportError, operation: op, callState: call.retry.state }, replayable, signal, route);
    const decision = isThenable(deciding) ? await deciding : deciding;
    if (decision === null) {
      if (transportError) {
        raw?.stream?.destroy();
        throw transportError;
      }
      const result = parsed as ParsedResponse;
      result.ResponseMetadata.RetryAttempts = attempt - 1;
      if (!isErrorResponse(result)) {
        ctx.retry.onSuccess(call.retry.state);
        wrapStreamingOutput(op, result, validateChecksums(op, call.params, raw as RawResponse, result));
      } else if (raw?.stream) {
        raw.stream.destroy();
      }
      return result;
    }
    sdkRequest.afterAttempt(ctx.retry.maxAttempts, transportError ? undefined : raw?.headers);
    if (raw?.stream) raw.stream.destroy();
    progress?.rewind();
    if (decision > 0) await sleep(decision * 1000, signal);
  }
}

/** before-parse, the protocol's parser, and what before-parse handlers asked to add. */
async function parseAttempt(ctx: ClientContext, call: CallContext, raw: RawResponse): Promise<ParsedResponse> {
  const op = call.operation;
  const hook = eventsOf(ctx.eventServiceId, op).beforeParse;
  let customized: Record<string, unknown> | undefined;
  if (ctx.events.hasHandlers(hook)) {
    customized = {};
    const payload: Events.BeforeParseEvent = { response: raw, operation: op, customizedResponse: customized, context: call };
    const pending = ctx.events.notify(hook, payload);
    if (pending) await pending;
  }
  // Members a handler adds are in wire form, for the after-call handlers to convert: with any,
  // the parser reads without readers, so that after-call converts the whole result alike.
  if (customized && Object.keys(customized).length > 0) call.shapeReaders = undefined;
  const parsed = parseWithReaders(ctx, call, raw);
  // botocore's parser reads a 300 as a result, and its client then raises every status >= 300:
  // give such a response the error description a ClientError needs, never return it as success.
  if (raw.statusCode >= 300 && !isErrorResponse(parsed)) parsed.Error = genericError(raw.statusCode).Error as ParsedResponse['Error'];
  // A json event stream's initial-response is read before the call resolves (its members come
  // first); a response that is an error has no stream to settle.
  if (op.eventStreamOutputMember !== undefined && !isErrorResponse(parsed)) await settleEventStreamOutput(ctx, op, parsed);
  if (customized) Object.assign(parsed, customized);
  if (ctx.codePath !== undefined) {
    noteCodePath(ctx.codePath);
    ctx.codePath = undefined;
  }
  return parsed;
}

/**
 * The protocol's parse, with the readers a before-parse handler set when they apply (a success
 * body, a protocol that takes them). Readers only speed up what the standard reading and an
 * after-call conversion would give: if one throws a TypeError (a value it cannot convert), the
 * response is parsed again without them, and call.shapeReaders is cleared so the after-call
 * conversion runs (and reports the problem). Other errors are the parser's own, raised as they
 * would be without readers.
 */
function parseWithReaders(ctx: ClientContext, call: CallContext, raw: RawResponse): ParsedResponse {
  const readers = call.shapeReaders;
  if (readers !== undefined) {
    if (ctx.protocol.readsShapes === true && raw.statusCode < 300) {
      try {
        return ctx.protocol.parse(call.operation, raw, { service: ctx.service, readers });
      } catch (e) {
        if (!(e instanceof TypeError)) throw e;
      }
    }
    call.shapeReaders = undefined;
  }
  return ctx.protocol.parse(call.operation, raw, { service: ctx.service });
}

// Session tokens: STS's, and an S3 Express session's (signing-credentials.ts).
const SECRET_HEADERS = new Set(['x-amz-security-token', 'x-amz-s3session-token']);

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '<redacted>' : v;
  return out;
}

function isTransportError(e: Error): boolean {
  return e.name.endsWith('ConnectionError') || e.name.endsWith('TimeoutError') || e.name === 'ConnectionClosedError';
}

/**
 * Checks the response checksum when the call asked for one (ChecksumMode=ENABLED): a whole
 * body now; a streamed one as it is read (the check is returned, for its StreamingBody).
 */
function validateChecksums(op: OperationModel, params: Record<string, unknown>, raw: RawResponse, result: ParsedResponse): BodyChecksum | undefined {
  const algorithms = resolveResponseAlgorithms(op, params);
  if (!algorithms?.length) return undefined;
  const member = op.outputStreamingMember;
  if (member && result[member] instanceof Readable) return streamChecksum(raw.headers, algorithms, result.ResponseMetadata);
  if (!member) validateResponseChecksum(raw.headers, raw.body, algorithms, result.ResponseMetadata);
  return undefined;
}

function wrapStreamingOutput(op: OperationModel, result: ParsedResponse, checksum: BodyChecksum | undefined): void {
  const member = op.outputStreamingMember;
  if (!member) return;
  const value = result[member];
  if (value instanceof Readable) {
    const len = Number(result.ResponseMetadata.HTTPHeaders['content-length']);
    result[member] = new StreamingBody(value, Number.isFinite(len) ? len : undefined, checksum);
  } else if (Buffer.isBuffer(value)) {
    result[member] = new StreamingBody(Readable.from([value]), value.length);
  }
}
