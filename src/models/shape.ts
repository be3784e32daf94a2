/**
 * Shapes: a typed, lazily resolved view of the `shapes` section of a service-2.json.
 *
 * As in botocore, a member reference (`{ shape: 'X', locationName: 'y' }`) yields a Shape whose
 * `serialization` carries the reference's traits merged over the target shape's own. Member
 * shapes are resolved on first access and cached, so building a ServiceModel costs nothing.
 */

/** util.inspect's hook, by its registered name (no node:util import in the models layer). */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Raw JSON of a shape definition or a member reference (botocore's format, unchanged). */
export interface ShapeRef {
  shape: string;
  [trait: string]: unknown;
}

export interface RawShape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  required?: string[];
  [trait: string]: unknown;
}

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'float'
  | 'double' | 'bigdecimal' | 'biginteger' | 'timestamp' | 'blob' | 'byte' | 'short' | 'character';

/** Serialization traits (botocore's SERIALIZED_ATTRS; `locationName` renamed to `name`). */
export interface Serialization {
  name?: string;
  queryName?: string;
  flattened?: boolean;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode' | string;
  payload?: string;
  streaming?: boolean;
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp' | string;
  xmlNamespace?: { prefix?: string; uri: string };
  resultWrapper?: string;
  xmlAttribute?: boolean;
  eventstream?: boolean;
  event?: boolean;
  eventheader?: boolean;
  eventpayload?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
}

const SERIALIZED_ATTRS = [
  'locationName', 'queryName', 'flattened', 'location', 'payload', 'streaming', 'timestampFormat',
  'xmlNamespace', 'resultWrapper', 'xmlAttribute', 'eventstream', 'event', 'eventheader',
  'eventpayload', 'jsonvalue', 'hostLabel',
] as const;

/** Resolves shape names to Shapes; one per ServiceModel (or per conformance suite). */
export class ShapeResolver {
  private readonly cache = new Map<string, Shape>();
  constructor(readonly shapes: Record<string, RawShape>) {}

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.shapes, name);
  }

  byName(name: string): Shape {
    let s = this.cache.get(name);
    if (!s) {
      const raw = this.shapes[name];
      if (!raw) throw new Error(`Unknown shape '${name}'`);
      s = new Shape(name, raw, this);
      this.cache.set(name, s);
    }
    return s;
  }

  /** A member reference: plain refs share the cached shape; refs with traits get their own. */
  resolveRef(ref: ShapeRef): Shape {
    const keys = Object.keys(ref);
    if (keys.length === 1) return this.byName(ref.shape);
    const raw = this.shapes[ref.shape];
    if (!raw) throw new Error(`Unknown shape '${ref.shape}'`);
    const { shape: _ignored, ...traits } = ref;
    return new Shape(ref.shape, raw, this, traits);
  }
}

export class Shape {
  readonly type: ShapeType;
  private _members?: Record<string, Shape>;
  private _member?: Shape;
  private _key?: Shape;
  private _value?: Shape;
  private _serialization?: Serialization;
  private _memberNames?: string[];
  private _tokenMembers?: string[];

  constructor(
    readonly name: string,
    readonly raw: RawShape,
    private readonly resolver: ShapeResolver,
    /** Traits from the member reference that led here (location, locationName, ...). */
    readonly refTraits: Record<string, unknown> = {},
  ) {
    this.type = raw.type as ShapeType;
  }

  /** A short reference (see OperationModel.toJSON): shapes link to the whole model. */
  toJSON(): { shape: string; type: string } {
    return { shape: this.name, type: this.type };
  }

  [INSPECT](): string {
    return `Shape <${this.name}: ${this.type}>`;
  }

  /** A trait from the reference if present, else from the shape definition. */
  trait<T = unknown>(name: string): T | undefined {
    if (name in this.refTraits) return this.refTraits[name] as T;
    return this.raw[name] as T | undefined;
  }

  get serialization(): Serialization {
    if (!this._serialization) {
      const out: Record<string, unknown> = {};
      for (const attr of SERIALIZED_ATTRS) {
        const v = this.trait(attr);
        if (v !== undefined) out[attr === 'locationName' ? 'name' : attr] = v;
      }
      this._serialization = out as Serialization;
    }
    return this._serialization;
  }

  get members(): Record<string, Shape> {
    if (!this._members) {
      const out: Record<string, Shape> = {};
      for (const [name, ref] of Object.entries(this.raw.members ?? {})) out[name] = this.resolver.resolveRef(ref);
      this._members = out;
    }
    return this._members;
  }

  /** Member names in model order, without resolving member shapes (computed once). */
  get memberNames(): string[] {
    return (this._memberNames ??= Object.keys(this.raw.members ?? {}));
  }

  /** Names of members marked `idempotencyToken` (computed once; usually empty). */
  get idempotencyTokenMembers(): string[] {
    return (this._tokenMembers ??= this.memberNames.filter((n) => this.members[n].idempotencyToken));
  }

  member(name: string): Shape | undefined {
    if (!this.raw.members || !Object.prototype.hasOwnProperty.call(this.raw.members, name)) return undefined;
    return this.members[name];
  }

  /** List element shape. */
  get listMember(): Shape {
    if (!this._member) this._member = this.resolver.resolveRef(this.raw.member as ShapeRef);
    return this._member;
  }

  get mapKey(): Shape {
    if (!this._key) this._key = this.resolver.resolveRef(this.raw.key as ShapeRef);
    return this._key;
  }

  get mapValue(): Shape {
    if (!this._value) this._value = this.resolver.resolveRef(this.raw.value as ShapeRef);
    return this._value;
  }

  get required(): string[] {
    return this.raw.required ?? [];
  }

  get enum(): string[] | undefined {
    return this.trait<string[]>('enum');
  }

  get min(): number | undefined {
    return this.trait<number>('min');
  }

  get max(): number | undefined {
    return this.trait<number>('max');
  }

  get pattern(): string | undefined {
    return this.trait<string>('pattern');
  }

  /** `error: { code, httpStatusCode, senderFault }` on exception shapes. */
  get errorInfo(): { code?: string; httpStatusCode?: number; senderFault?: boolean } | undefined {
    return this.raw.error as { code?: string; httpStatusCode?: number; senderFault?: boolean } | undefined;
  }

  get isDocument(): boolean {
    return this.raw.document === true;
  }

  get isUnion(): boolean {
    return this.raw.union === true;
  }

  get isSensitive(): boolean {
    return this.raw.sensitive === true;
  }

  get idempotencyToken(): boolean {
    return this.trait('idempotencyToken') === true;
  }
}
