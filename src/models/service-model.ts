/**
 * ServiceModel / OperationModel: a lazy, typed view over one service-2.json document.
 *
 * Nothing is resolved up front: operations and shapes are built on first use and cached. With
 * the shipped models (line layout, src/models/line-layout.ts) even their JSON is parsed only as
 * each operation and shape is first used, so creating a client does nothing proportional to the
 * model's size.
 */
import { NameIndex } from './naming';
import { pendingText, recordKeys } from './line-layout';
import { INSPECT, RawShape, Shape, ShapeRef, ShapeResolver } from './shape';


export interface ServiceMetadata {
  apiVersion: string;
  endpointPrefix: string;
  protocol: string;
  protocols?: string[];
  jsonVersion?: string;
  targetPrefix?: string;
  signatureVersion?: string;
  signingName?: string;
  serviceId: string;
  serviceFullName?: string;
  serviceAbbreviation?: string;
  globalEndpoint?: string;
  uid?: string;
  awsQueryCompatible?: Record<string, unknown>;
  auth?: string[];
  [key: string]: unknown;
}

export interface RawOperation {
  name: string;
  /** authPath: the path HMAC-v1 signs, where botocore's S3 customization records one. */
  http: { method: string; requestUri: string; responseCode?: number; authPath?: string };
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
  endpoint?: { hostPrefix: string };
  httpChecksumRequired?: boolean;
  httpChecksum?: {
    requestChecksumRequired?: boolean;
    requestAlgorithmMember?: string;
    requestValidationModeMember?: string;
    responseAlgorithms?: string[];
  };
  staticContextParams?: Record<string, { value: string | boolean | string[] }>;
  operationContextParams?: Record<string, { path: string }>;
  authtype?: string;
  auth?: string[];
  unsignedPayload?: boolean;
  deprecated?: boolean;
  idempotentToken?: boolean;
  [key: string]: unknown;
}

export interface RawServiceModel {
  version?: string;
  metadata: ServiceMetadata;
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
  clientContextParams?: Record<string, { type: string; documentation?: string }>;
  [key: string]: unknown;
}

export class OperationModel {
  private _input?: Shape | null;
  private _output?: Shape | null;
  private _errors?: Shape[];
  private _outputStreaming?: string | null;

  constructor(readonly raw: RawOperation, readonly service: ServiceModel, readonly name = raw.name) {}

  /**
   * A short reference, not the graph: an event payload or a call context holding the operation
   * prints in a few lines (the model behind it is megabytes).
   */
  toJSON(): { service: string; operation: string } {
    return { service: this.service.serviceName, operation: this.name };
  }

  [INSPECT](): string {
    return `OperationModel <${this.service.serviceName}.${this.name}>`;
  }

  get http(): RawOperation['http'] {
    return this.raw.http;
  }

  get input(): Shape | undefined {
    if (this._input === undefined) this._input = this.raw.input ? this.service.resolver.resolveRef(this.raw.input) : null;
    return this._input ?? undefined;
  }

  get output(): Shape | undefined {
    if (this._output === undefined) this._output = this.raw.output ? this.service.resolver.resolveRef(this.raw.output) : null;
    return this._output ?? undefined;
  }

  get errors(): Shape[] {
    if (!this._errors) this._errors = (this.raw.errors ?? []).map((r) => this.service.resolver.resolveRef(r));
    return this._errors;
  }

  /** The host prefix template (`{AccountId}.`), if any. */
  get hostPrefix(): string | undefined {
    return this.raw.endpoint?.hostPrefix;
  }

  /** Whether the request must carry a checksum (Content-MD5 or a flexible checksum). */
  get checksumRequired(): boolean {
    return this.raw.httpChecksumRequired === true || this.raw.httpChecksum?.requestChecksumRequired === true;
  }

  /**
   * The output member returned as a stream, if any: botocore's has_streaming_output, a payload
   * member of type blob, with or without the `streaming` trait (Lambda Invoke's Payload and API
   * Gateway GetExport's body come back as a StreamingBody in boto3). Computed once.
   */
  get outputStreamingMember(): string | undefined {
    if (this._outputStreaming === undefined) this._outputStreaming = streamingPayload(this.output) ?? null;
    return this._outputStreaming ?? undefined;
  }

  /**
   * The output member that is an event stream, if any (botocore's get_event_stream_output: the
   * first member whose shape has the `eventstream` trait, payload-bound or not). Computed once.
   */
  get eventStreamOutputMember(): string | undefined {
    return eventStreamMember(this.output);
  }

  /** The input member that is an event stream, if any (botocore's get_event_stream_input). */
  get eventStreamInputMember(): string | undefined {
    return eventStreamMember(this.input);
  }

  /** Auth schemes in preference order (`aws.auth#sigv4`, `smithy.api#noAuth`, ...). */
  get auth(): string[] | undefined {
    return this.raw.auth ?? this.service.metadata.auth;
  }

  /** Legacy auth type: `none`, `v4-unsigned-body`, `bearer`, ... */
  get authType(): string | undefined {
    return this.raw.authtype;
  }

  get unsignedPayload(): boolean {
    return this.raw.unsignedPayload === true || this.raw.authtype === 'v4-unsigned-body';
  }
}

// Per shape: the parsers ask on every response (null: the shape has none).
const eventStreamMembers = new WeakMap<Shape, string | null>();

/** The member of `shape` that is an event stream, if any (outputs and inputs); worked out once per shape. */
export function eventStreamMember(shape: Shape | undefined): string | undefined {
  if (!shape) return undefined;
  let member = eventStreamMembers.get(shape);
  if (member === undefined) {
    member = shape.memberNames.find((name) => shape.members[name].serialization.eventstream === true) ?? null;
    eventStreamMembers.set(shape, member);
  }
  return member ?? undefined;
}

function streamingPayload(shape: Shape | undefined): string | undefined {
  if (!shape) return undefined;
  const payload = shape.raw.payload as string | undefined;
  if (!payload) return undefined;
  const member = shape.member(payload);
  if (member && member.type === 'blob') return payload;
  return undefined;
}

export class ServiceModel {
  readonly resolver: ShapeResolver;
  private readonly operations = new Map<string, OperationModel>();
  private _operationNames?: readonly string[];
  private _index?: NameIndex;
  private _errorShapes?: Map<string, Shape>;

  /**
   * @param raw the parsed service-2.json
   * @param serviceName botocore's service directory name (`s3`, `bedrock-runtime`)
   */
  constructor(readonly raw: RawServiceModel, readonly serviceName: string = raw.metadata.endpointPrefix) {
    this.resolver = new ShapeResolver(raw.shapes ?? {});
  }

  /** A short reference (see OperationModel.toJSON). */
  toJSON(): { service: string; apiVersion: string } {
    return { service: this.serviceName, apiVersion: this.apiVersion };
  }

  [INSPECT](): string {
    return `ServiceModel <${this.serviceName} ${this.apiVersion}>`;
  }

  get metadata(): ServiceMetadata {
    return this.raw.metadata;
  }

  get apiVersion(): string {
    return this.metadata.apiVersion;
  }

  get serviceId(): string {
    return this.metadata.serviceId;
  }

  get signingName(): string {
    return this.metadata.signingName ?? this.metadata.endpointPrefix;
  }

  /** Operation names in model order (computed once, on the first lookup of any client's operation). */
  get operationNames(): readonly string[] {
    return (this._operationNames ??= recordKeys(this.raw.operations ?? {}));
  }

  /** The camelCase name index over operations (throws on a collision). */
  get operationIndex(): NameIndex {
    if (!this._index) this._index = new NameIndex(this.operationNames, `${this.serviceName} operation`);
    return this._index;
  }

  hasOperation(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw.operations ?? {}, name);
  }

  operation(name: string): OperationModel {
    let op = this.operations.get(name);
    if (!op) {
      const raw = this.raw.operations[name];
      if (!raw) throw new Error(`${this.serviceName} has no operation '${name}'`);
      op = new OperationModel(raw, this, name);
      this.operations.set(name, op);
    }
    return op;
  }

  shape(name: string): Shape {
    return this.resolver.byName(name);
  }

  /** Exception shapes by error code (the `error.code` override, else the shape name). */
  get errorShapes(): Map<string, Shape> {
    if (!this._errorShapes) {
      const out = new Map<string, Shape>();
      const shapes = this.raw.shapes ?? {};
      for (const name of recordKeys(shapes)) {
        // An unread shape whose text has no exception trait is skipped without parsing it.
        const text = pendingText(shapes, name);
        if (text !== undefined && !text.includes('"exception"')) continue;
        if (shapes[name].exception !== true) continue;
        const shape = this.resolver.byName(name);
        out.set(name, shape);
        const code = shape.errorInfo?.code;
        if (code && !out.has(code)) out.set(code, shape);
      }
      this._errorShapes = out;
    }
    return this._errorShapes;
  }

  get clientContextParams(): Record<string, { type: string }> {
    return this.raw.clientContextParams ?? {};
  }
}
