/**
 * makeApiCall: the one place that orders the stages of a call.
 *
 *   params -> events -> idempotency -> validate -> endpoint -> serialize -> checksum -> url
 *   -> [attempt: sign -> send -> parse -> retry?] -> result + ResponseMetadata | ClientError
 *
 * Each stage is a function of plain data from its own module; this file only sequences them
 * and emits botocore's events between them.
 */
import { Readable } from 'stream';
import { applyRequestChecksum, createChecksumValidatingStream, resolveResponseAlgorithms, setRequestValidationMode, validateResponseChecksum } from '../checksums';
import { NoCredentialsError, ParamValidationError, ResponseParserError } from '../errors';
import { buildEndpointParams, resolveEndpoint, selectAuthScheme } from '../endpoints';
import type { OperationModel } from '../models/service-model';
import { fillIdempotencyTokens } from '../protocols/serialize/idempotency';
import type { HttpRequestSpec, ParsedResponse, RawResponse } from '../protocols/types';
import type { HttpRequest } from '../types/http';
import { isErrorResponse } from '../protocols/error-response';
import { genericError } from '../protocols/parse/common';
import type { RetryCallState, RetryContext } from '../retries';
import { SdkRequestHeaders } from '../retries/sdk-request-headers';
import { signBearer, signRequest, signV2, usesS3Signing } from '../signing';
import { StreamingBody } from '../util/streaming-body';
import { validateParams } from '../validate/validate';
import { paramsObject } from '../validate/params-object';
import { checkHeaders } from '../validate/headers';
import type { ClientContext } from './context';
import { requestUrl } from './request-url';
import { usesSigV2 } from './signature-version';
import { operationPreferredAuth, servicePreferredAuth } from './choose-auth';
import { requestSigner } from './request-signer';
import type { PrepareOptions } from './prepare-options';
import { isReadable } from '../util/is-readable';
import { callCredentials, signingCredentials } from './signing-credentials';
import { abortable, sleep, throwIfAborted } from '../util/abort';
import { kBodyProgress, type CallOptions } from './call-options';
import { BodyProgress, bodyLength } from './body-progress';

/** A prepared, unsigned HTTP request (what `request-created` and `before-sign` see). */
export type PreparedRequest = HttpRequest;

export interface AuthPlan {
  /** `sigv4a`: SigV4a, with `signingRegion` the comma-joined region set (`*` for all). */
  kind: 'sigv4' | 'sigv4a' | 'sigv2' | 'bearer' | 'none';
  signingName: string;
  signingRegion: string;
  disableDoubleEncoding?: boolean;
  /** The endpoint's auth scheme name (`sigv4`, `sigv4a`, `sigv4-s3express`, ...). */
  scheme?: string;
}

/** botocore's per-call event names of one operation (`before-call.s3.PutObject`, ...). */
interface OperationEvents {
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

/**
 * The event names of `op`, built once per operation and reused: a name that is the same string
 * each call is hashed once by the emitter's lookup, where a freshly built one is hashed per emit.
 */
function eventsOf(ctx: ClientContext, op: OperationModel): OperationEvents {
  let names = operationEvents.get(op);
  if (names?.serviceId !== ctx.eventServiceId) {
    const n = (base: string): string => `${base}.${ctx.eventServiceId}.${op.name}`;
    names = {
      serviceId: ctx.eventServiceId,
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

const NO_RESULTS: readonly unknown[] = Object.freeze([]);

/** Resolves the endpoint for one call and the signing plan its authSchemes ask for. */
async function resolveCallEndpoint(ctx: ClientContext, op: OperationModel, params: Record<string, unknown>, context: PrepareOptions = {}): Promise<{ url: string; headers: Record<string, string[]>; auth: AuthPlan }> {
  const ruleSet = ctx.endpoint.ruleSet();
  let builtIns = ctx.endpoint.builtIns;
  const hookName = eventsOf(ctx, op).beforeEndpointResolution;
  if (ctx.events.hasHandlers(hookName)) {
    // Handlers may change built-ins for this one call (S3 forces path style for some).
    builtIns = { ...builtIns };
    await ctx.events.emit(hookName, { builtIns, params, operation: op, context });
  }
  const endpointParams = buildEndpointParams({
    ruleSet,
    operation: op,
    input: params,
    builtIns,
    clientContextParams: ctx.endpoint.clientContextParams,
  });
  const resolved = cachedResolve(ctx, ruleSet, endpointParams);
  const scheme = selectAuthScheme(resolved.properties, { signingName: ctx.endpoint.signingName, region: ctx.region ?? 'us-east-1', preference: ctx.config.authSchemePreference });
  // use_ssl=False turns rule-set https endpoints into http (a configured URL is taken as given).
  const url = !ctx.endpoint.useSsl && !ctx.endpoint.configuredUrl ? resolved.url.replace(/^https:/, 'http:') : resolved.url;
  return { url, headers: resolved.headers, auth: authPlan(ctx, op, scheme) };
}

const ENDPOINT_CACHE_SIZE = 100;

/** resolveEndpoint through a per-client LRU: the same parameters always give the same endpoint. */
function cachedResolve(ctx: ClientContext, ruleSet: unknown, params: Record<string, unknown>): ReturnType<typeof resolveEndpoint> {
  const cache = ctx.endpoint.cache;
  const key = JSON.stringify(params);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so Map order tracks recency.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const resolved = resolveEndpoint(ruleSet, params, ctx.endpoint.partitions());
  cache.set(key, resolved);
  if (cache.size > ENDPOINT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return resolved;
}

function authPlan(ctx: ClientContext, op: OperationModel, scheme: ReturnType<typeof selectAuthScheme>): AuthPlan {
  const base = { signingName: scheme.signingName, signingRegion: scheme.signingRegion, disableDoubleEncoding: scheme.disableDoubleEncoding, scheme: scheme.name };
  if (ctx.config.unsigned || scheme.name === 'none') return { kind: 'none', ...base };
  // An endpoint's authSchemes, or a customization's signer for the client (botocore's
  // choose-signer.<service> handlers, run first), decide alone; otherwise an auth scheme
  // preference or an environment bearer token may (choose-auth.ts).
  if (scheme.defaulted && ctx.signatureVersion === undefined) {
    const preferred = operationPreferredAuth(ctx, op) ?? (op.raw.auth === undefined && op.authType === undefined ? servicePreferredAuth(ctx, scheme.signingName) : undefined);
    if (preferred === 'none') return { kind: 'none', ...base };
    if (preferred === 'bearer') return { kind: 'bearer', ...base };
    if (preferred === 'v4') return { kind: 'sigv4', ...base };
    // botocore's _resolve_sigv4a_region: the configured set, else `*` (no endpoint region here).
    if (preferred === 'v4a') return { ...base, kind: 'sigv4a', signingRegion: ctx.config.sigv4aSigningRegionSet ?? '*' };
  }
  if (scheme.name === 'sigv4a') {
    // The configured region set wins over the endpoint's (botocore's _set_sigv4a_signing_context).
    return { ...base, kind: 'sigv4a', signingRegion: ctx.config.sigv4aSigningRegionSet ?? scheme.signingRegion };
  }
  const auth = op.auth;
  if (auth && auth.length > 0) {
    const first = auth[0];
    if (first === 'smithy.api#noAuth') return { kind: 'none', ...base };
    if (first === 'smithy.api#httpBearerAuth') return { kind: 'bearer', ...base };
  }
  if (op.authType === 'none') return { kind: 'none', ...base };
  if (op.authType === 'bearer' || ctx.service.metadata.signatureVersion === 'bearer') return { kind: 'bearer', ...base };
  return { kind: usesSigV2(ctx, op, scheme) ? 'sigv2' : 'sigv4', ...base };
}

async function sign(ctx: ClientContext, op: OperationModel, req: PreparedRequest, auth: AuthPlan, params: Record<string, unknown>): Promise<void> {
  if (auth.kind === 'none') return;
  if (auth.kind === 'bearer') {
    // The client's token: AWS_BEARER_TOKEN_<its model's signing name>, else the session's (SSO).
    const token = await ctx.events.emitUntilResponse(`get-auth-token.${ctx.eventServiceId}`, { signingName: ctx.service.signingName });
    if (typeof token !== 'string') throw new NoCredentialsError('Unable to locate an auth token for bearer authentication (run `aws sso login`)');
    signBearer(req.headers, token);
    return;
  }
  if (auth.kind === 'sigv2') return void signV2(req, await signingCredentials(ctx), ctx.clockSkew.now());
  // A customization may sign this call with a session of its own (S3 Express One Zone).
  const { creds, identity } = await callCredentials(ctx, { auth, params, operation: op, presign: false });
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
async function sendOnce(ctx: ClientContext, op: OperationModel, req: PreparedRequest, signal: AbortSignal | undefined, onBodyProgress?: (bytes: number) => void): Promise<RawResponse> {
  const name = eventsOf(ctx, op).beforeSend;
  // Handlers see the signed request with its session token masked: events never carry secrets.
  const stub = ctx.events.hasHandlers(name) ? await ctx.events.emitUntilResponse(name, { request: { ...req, headers: redactHeaders(req.headers) }, operation: op }) : undefined;
  if (stub) return stub as RawResponse;
  return ctx.transport.send(req, { stream: op.outputStreamingMember !== undefined, signal, onBodyProgress });
}

/** Params as the request will carry them: events applied, tokens filled, validated. */
export async function prepareParams(ctx: ClientContext, op: OperationModel, inputParams: Record<string, unknown> | undefined, opts: { presign?: boolean } = {}): Promise<Record<string, unknown>> {
  // A shallow copy: handlers may rewrite top-level params, the caller's object stays as given.
  let params: Record<string, unknown> = { ...paramsObject(inputParams) };
  const events = eventsOf(ctx, op);
  // Each event is checked first, so that a call nobody hooks builds no payload and takes no await.
  if (ctx.events.hasHandlers(events.provideClientParams)) {
    const provided = await ctx.events.emitUntilResponse(events.provideClientParams, { params, operation: op });
    if (provided) params = provided as Record<string, unknown>;
  }
  if (ctx.events.hasHandlers(events.beforeParameterBuild)) {
    await ctx.events.emit(events.beforeParameterBuild, { params, operation: op, context: {} });
  }
  // A presigned URL is fetched by someone else: botocore adds no checksum mode to it.
  if (!opts.presign) setRequestValidationMode(op, params, ctx.config.responseChecksumValidation);
  // botocore fills tokens on before-parameter-build, then validates: a required token left unset is filled, not refused.
  if (op.input) params = fillIdempotencyTokens(op.input, params);
  if (ctx.config.parameterValidation) {
    const problems = validateParams(params, op.input, 'input', { strict: ctx.config.parameterValidation === 'strict' });
    if (problems.length) throw new ParamValidationError(problems);
  }
  return params;
}

/** Makes the API call `op` with `params` and returns the parsed result, or throws. */
export async function makeApiCall(ctx: ClientContext, op: OperationModel, inputParams: Record<string, unknown> | undefined, options: CallOptions = {}): Promise<ParsedResponse> {
  const signal = options.abortSignal;
  const onBodyProgress = options[kBodyProgress];
  throwIfAborted(signal);
  const params = await prepareParams(ctx, op, inputParams);
  const events = eventsOf(ctx, op);
  const stubbed = ctx.events.hasHandlers(events.beforeCall) ? await ctx.events.emitUntilResponse(events.beforeCall, { params, operation: op }) : undefined;
  let parsed: ParsedResponse;
  if (stubbed) {
    parsed = stubbed as ParsedResponse;
  } else {
    parsed = await sendWithRetries(ctx, op, params, signal, onBodyProgress);
  }
  if (ctx.events.hasHandlers(events.afterCall)) await ctx.events.emit(events.afterCall, { parsed, operation: op, params });
  if (isErrorResponse(parsed)) {
    const err = ctx.errorFor(parsed as ParsedResponse & { Error: { Code: string; Message: string } }, op.name);
    if (ctx.events.hasHandlers(events.afterCallError)) await ctx.events.emit(events.afterCallError, { exception: err, operation: op });
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

/** Everything up to signing: endpoint, serialization, checksum, URL and headers. */
export async function prepareRequest(ctx: ClientContext, op: OperationModel, params: Record<string, unknown>, opts: PrepareOptions = {}): Promise<PreparedCall> {
  const endpoint = await resolveCallEndpoint(ctx, op, params, opts);
  const spec: HttpRequestSpec = ctx.protocol.serialize(op, params, { service: ctx.service });
  const url = requestUrl(op, params, endpoint.url, spec);
  const checksumHook = eventsOf(ctx, op).beforeChecksum;
  // Built only when someone listens: the payload (a request signer among it) is per call.
  if (ctx.events.hasHandlers(checksumHook)) {
    await ctx.events.emit(checksumHook, { request: spec, params, operation: op, isPresign: opts.presign === true, url, requestSigner: requestSigner(ctx, endpoint.auth) });
  }
  // The checksum stage may replace the body (aws-chunked with a trailer over https).
  const target = { headers: spec.headers, body: spec.body, url };
  applyRequestChecksum({ operation: op, params, request: target, calculation: ctx.config.requestChecksumCalculation, isPresign: opts.presign });
  const headers: Record<string, string> = { ...target.headers, 'User-Agent': ctx.userAgent };
  // botocore sends only the first value of each rule-set header.
  for (const [k, v] of Object.entries(endpoint.headers)) if (v.length) headers[k] = v[0];
  return { request: { method: spec.method, url, headers, body: target.body }, auth: endpoint.auth, payload: spec.body };
}


async function sendWithRetries(ctx: ClientContext, op: OperationModel, params: Record<string, unknown>, signal: AbortSignal | undefined, onBodyProgress?: (bytes: number) => void): Promise<ParsedResponse> {
  const prepared = await prepareRequest(ctx, op, params);
  const { url, headers: baseHeaders, body, method } = prepared.request;
  const rewindable = !isReadable(body);
  const wireLength = bodyLength(body);
  // A stream's length is unknown: its chunks are reported as read (it is never retried).
  const progress = onBodyProgress ? new BodyProgress(onBodyProgress, bodyLength(prepared.payload) ?? wireLength ?? Infinity, wireLength ?? Infinity) : undefined;
  const callState: RetryCallState = {};
  const sdkRequest = new SdkRequestHeaders(ctx.config.readTimeout);
  const events = eventsOf(ctx, op);

  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    await abortable(ctx.retry.acquireSendToken(), signal);
    const req: PreparedRequest = { method, url, headers: { ...baseHeaders }, body };
    if (ctx.events.hasHandlers(events.requestCreated)) await ctx.events.emit(events.requestCreated, { request: req, operation: op });
    if (ctx.events.hasHandlers(events.beforeSign)) await ctx.events.emit(events.beforeSign, { request: req, operation: op, auth: prepared.auth });
    checkHeaders(op, req.headers);
    await abortable(sign(ctx, op, req, prepared.auth, params), signal);
    sdkRequest.apply(req.headers, attempt);

    let raw: RawResponse | undefined;
    let parsed: ParsedResponse | undefined;
    let transportError: Error | undefined;
    try {
      raw = await sendOnce(ctx, op, req, signal, progress?.onWire);
      ctx.clockSkew.observe(raw.headers.date);
      const extras = ctx.events.hasHandlers(events.beforeParse) ? await ctx.events.emit(events.beforeParse, { response: raw, operation: op }) : NO_RESULTS;
      parsed = ctx.protocol.parse(op, raw, { service: ctx.service });
      // botocore's parser reads a 300 as a result, and its client then raises every status >= 300:
      // give such a response the error description a ClientError needs, never return it as success.
      if (raw.statusCode >= 300 && !isErrorResponse(parsed)) parsed.Error = genericError(raw.statusCode).Error as ParsedResponse['Error'];
      for (const extra of extras) if (extra && typeof extra === 'object') Object.assign(parsed, extra);
    } catch (e) {
      // A body that did not parse goes to the retry decision with its raw response: a DynamoDB
      // body damaged in transit fails its CRC32 there, and is retried or raised as ChecksumError.
      if (!(e instanceof Error) || !(isTransportError(e) || (raw && e instanceof ResponseParserError))) {
        raw?.stream?.destroy(); // a streamed body nobody will read: free its connection now
        throw e;
      }
      transportError = e;
    }

    const decision = await decideRetry(ctx, op, { attempt, operationName: op.name, response: parsed, httpResponse: raw, error: transportError, operation: op, callState }, rewindable);
    if (decision === null) {
      if (transportError) {
        raw?.stream?.destroy();
        throw transportError;
      }
      const result = parsed as ParsedResponse;
      result.ResponseMetadata.RetryAttempts = attempt - 1;
      if (!isErrorResponse(result)) {
        ctx.retry.onSuccess(callState);
        validateChecksums(op, params, raw as RawResponse, result);
        wrapStreamingOutput(op, result);
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

async function decideRetry(ctx: ClientContext, op: OperationModel, rc: RetryContext, rewindable: boolean): Promise<number | null> {
  const hookName = eventsOf(ctx, op).needsRetry;
  const hook = ctx.events.hasHandlers(hookName) ? await ctx.events.emitUntilResponse(hookName, { ...rc }) : undefined;
  if (typeof hook === 'number') return hook;
  // A stream we already sent cannot be replayed: its bytes are gone.
  if (!rewindable) return null;
  if (rc.response?.Error && ctx.clockSkew.shouldRetry(rc.response, rc.attempt)) return 0;
  // Called after successes too: adaptive mode measures the send rate from them.
  return ctx.retry.decide(rc);
}

/** Checks the response checksum when the call asked for one (ChecksumMode=ENABLED). */
function validateChecksums(op: OperationModel, params: Record<string, unknown>, raw: RawResponse, result: ParsedResponse): void {
  const algorithms = resolveResponseAlgorithms(op, params);
  if (!algorithms?.length) return;
  const member = op.outputStreamingMember;
  if (member && result[member] instanceof Readable) {
    result[member] = createChecksumValidatingStream(result[member] as Readable, raw.headers, algorithms, result.ResponseMetadata);
  } else if (!member) {
    validateResponseChecksum(raw.headers, raw.body, algorithms, result.ResponseMetadata);
  }
}

function wrapStreamingOutput(op: OperationModel, result: ParsedResponse): void {
  const member = op.outputStreamingMember;
  if (!member) return;
  const value = result[member];
  if (value instanceof Readable) {
    const len = Number(result.ResponseMetadata.HTTPHeaders['content-length']);
    result[member] = new StreamingBody(value, Number.isFinite(len) ? len : undefined);
  } else if (Buffer.isBuffer(value)) {
    result[member] = new StreamingBody(Readable.from([value]), value.length);
  }
}
