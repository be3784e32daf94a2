/**
 * The protocol registry, the one protocol table: botocore's protocol names to
 * `{ serialize, parse }` (`serializers` and `responseParsers` are views of it). A model that
 * lists several `protocols` gets the first of them botojs speaks, in the model's order (botocore
 * 1.43 prefers its own order, json before smithy-rpc-v2-cbor: getProtocol);
 * `Config({ protocol })` picks another the model lists. This is the
 * only place that branches on a protocol name. Each protocol's serializer and parser modules are
 * required on the first call of that protocol (not at client creation), so an S3-only program
 * never loads the JSON or query code (and a DynamoDB-only one never loads the XML code).
 * withSerializerOptions binds a client's serializer options (botocore's serializer kwargs).
 */
import { UnsupportedServiceProtocolsError } from '../errors';
import { closeMatches } from '../models/naming';
import type { ServiceMetadata } from '../models/service-model';
import type * as ParseModules from './parse';
import type * as SerializeModules from './serialize';
import type { TimestampPrecision } from './serialize/timestamp';
import type { Protocol } from './types';

type Parsers = typeof ParseModules;
type Serializers = typeof SerializeModules;

// Listed in botocore 1.43's preference order (utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS), which
// messages name them in; a client takes its model's own order among them (getProtocol).
const LOADERS: Readonly<Record<string, () => Omit<Protocol, 'name'>>> = {
  json: () => ({
    serialize: (require('./serialize/json') as Pick<Serializers, 'serializeJson'>).serializeJson,
    parse: (require('./parse/json') as Pick<Parsers, 'parseJson'>).parseJson,
  }),
  'rest-json': () => ({
    serialize: (require('./serialize/rest-json') as Pick<Serializers, 'serializeRestJson'>).serializeRestJson,
    parse: (require('./parse/rest-json') as Pick<Parsers, 'parseRestJson'>).parseRestJson,
  }),
  'rest-xml': () => ({
    serialize: (require('./serialize/rest-xml') as Pick<Serializers, 'serializeRestXml'>).serializeRestXml,
    parse: (require('./parse/rest-xml') as Pick<Parsers, 'parseRestXml'>).parseRestXml,
  }),
  'smithy-rpc-v2-cbor': () => ({
    serialize: (require('./serialize/cbor') as Pick<Serializers, 'serializeRpcV2Cbor'>).serializeRpcV2Cbor,
    parse: (require('./parse/cbor') as Pick<Parsers, 'parseRpcV2Cbor'>).parseRpcV2Cbor,
  }),
  query: () => ({
    serialize: (require('./serialize/query') as Pick<Serializers, 'serializeQuery'>).serializeQuery,
    parse: (require('./parse/query') as Pick<Parsers, 'parseQuery'>).parseQuery,
  }),
  ec2: () => ({
    serialize: (require('./serialize/query') as Pick<Serializers, 'serializeEc2'>).serializeEc2,
    parse: (require('./parse/ec2') as Pick<Parsers, 'parseEc2'>).parseEc2,
  }),
};

// The protocols whose parser takes ParseContext.readers (their body is one JSON value walked by shape).
const SHAPE_READING = new Set(['json']);

const loaded = new Map<string, Protocol>();

function protocolNamed(name: string): Protocol | undefined {
  let p = loaded.get(name);
  if (!p && Object.prototype.hasOwnProperty.call(LOADERS, name)) {
    // The modules load on the first serialize or parse, which then replace these stand-ins:
    // creating a client requires nothing (a client that never calls loads no protocol code).
    const proto: Protocol = {
      name,
      readsShapes: SHAPE_READING.has(name),
      serialize: (op, params, ctx) => {
        Object.assign(proto, LOADERS[name]());
        return proto.serialize(op, params, ctx);
      },
      parse: (op, raw, ctx) => {
        Object.assign(proto, LOADERS[name]());
        return proto.parse(op, raw, ctx);
      },
    };
    p = proto;
    loaded.set(name, p);
  }
  return p;
}

/** Protocol names botojs supports, in no particular order. */
export const SUPPORTED_PROTOCOLS: readonly string[] = Object.keys(LOADERS);

/** The protocol with its modules loaded (its stand-ins replaced), for the views below. */
function loadedProtocol(name: string): Protocol {
  const p = protocolNamed(name) as Protocol;
  // The loader's requires are cached: after the first time this only re-assigns the same functions.
  return Object.assign(p, LOADERS[name]());
}

/** One half of every protocol by name, each loaded when first read (tests and conformance runners). */
function view<K extends 'serialize' | 'parse'>(part: K): Readonly<Record<string, Protocol[K]>> {
  const out: Record<string, Protocol[K]> = {};
  for (const name of SUPPORTED_PROTOCOLS) Object.defineProperty(out, name, { enumerable: true, get: () => loadedProtocol(name)[part] });
  return Object.freeze(out);
}

/** The serializer of each protocol, by botocore's protocol name. */
export const serializers = view('serialize');
/** The response parser of each protocol, by botocore's protocol name. */
export const responseParsers = view('parse');

/** The protocols a model lists: `protocols`, else the one `protocol`. */
function modelProtocols(metadata: ServiceMetadata): string[] {
  return metadata.protocols?.length ? [...metadata.protocols] : [metadata.protocol];
}

/**
 * The protocol a client speaks: `requested` (Config's `protocol`) when the model lists it, else
 * the first of the model's `protocols`, in the model's order, that botojs speaks, else
 * `protocol`. botocore 1.43 picks by its own preference instead (json, rest-json, rest-xml,
 * smithy-rpc-v2-cbor, query, ec2), so for the models that list CBOR first (CloudWatch, ...) botojs speaks
 * CBOR where boto3 speaks json (docs/DESIGN.md).
 * @throws UnsupportedServiceProtocolsError when `requested` is not one the model lists (naming
 *   those it lists and the close matches), or when botojs speaks none of them
 */
export function getProtocol(metadata: ServiceMetadata, requested?: string): Protocol {
  const listed = modelProtocols(metadata);
  const service = metadata.serviceId;
  if (requested !== undefined) {
    if (!listed.includes(requested)) {
      const close = closeMatches(requested, listed);
      const hint = close.length ? ` Did you mean: ${close.join(', ')}?` : '';
      throw new UnsupportedServiceProtocolsError(`Config protocol '${requested}' is not a protocol of ${service}: its model lists ${listed.join(', ')}.${hint}`, listed);
    }
    const p = protocolNamed(requested);
    if (p) return p;
  } else {
    const choice = metadata.protocols?.length ? listed.find((name) => protocolNamed(name) !== undefined) : metadata.protocol;
    const p = choice === undefined ? undefined : protocolNamed(choice);
    if (p) return p;
  }
  throw new UnsupportedServiceProtocolsError(`botojs speaks ${SUPPORTED_PROTOCOLS.join(', ')}, but ${service} only speaks ${listed.join(', ')}`, listed);
}

/** A client's serializer options, botocore's serializer kwargs (`creating-serializer` handlers set them). */
export interface SerializerOptions {
  timestampPrecision: TimestampPrecision;
}

const PRECISIONS: readonly string[] = ['default', 'millisecond'];

/** `protocol` with its serializer bound to `options`; the same object when they are the defaults. */
export function withSerializerOptions(protocol: Protocol, options: SerializerOptions): Protocol {
  const precision = options.timestampPrecision;
  // botocore's create_serializer refuses an unknown precision the same way, when the client is built.
  if (!PRECISIONS.includes(precision)) throw new Error(`Invalid timestamp precision found while creating serializer: ${String(precision)}`);
  if (precision === 'default') return protocol;
  // Both halves delegate to `protocol` rather than copy its functions: until its modules load,
  // those are stand-ins that replace themselves on `protocol` only.
  return {
    name: protocol.name,
    readsShapes: protocol.readsShapes,
    serialize: (op, params, ctx) => protocol.serialize(op, params, { ...ctx, timestampPrecision: precision }),
    parse: (op, raw, ctx) => protocol.parse(op, raw, ctx),
  };
}
