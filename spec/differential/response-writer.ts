/**
 * Puts generated output (or modeled error) values on the wire as each protocol's service would:
 * JSON bodies (json, rest-json), CBOR bodies (smithy-rpc-v2-cbor, cbor-wire.ts), XML bodies (query with its result wrapper, ec2, rest-xml),
 * REST header, header-map and status-code bindings, raw and streaming payloads, and each
 * protocol's error envelope. The result is what the capture server answers; both SDKs parse the
 * same bytes, so any disagreement is theirs, not this writer's.
 *
 * Element and key names follow what botocore's parsers look up (parsers.py `_member_key_name`,
 * `serialization.get('name', member)`), since a response neither SDK can read tests nothing.
 */
import type { RawModel, RawOperation, RawRef, RawShape } from './model-catalog';
import { isTag, Tagged } from './tagged';
import { cborBytes, cborData } from './cbor-wire';

export interface WireResponse {
  status: number;
  headers: Array<[string, string]>;
  /** Base64, so a case is plain JSON. */
  body: string;
}

/** The frozen clock of both drivers; responses carry it as `Date` so no skew logic fires. */
export const SWEEP_NOW = '2024-05-06T07:08:09Z';

export const REQUEST_IDS = {
  amzn: 'sweep-amzn-request-id',
  amz: 'sweep-amz-request-id',
  hostId: 'sweep-host-id',
};

const LOCATED = new Set(['header', 'headers', 'statusCode']);

interface Ctx {
  model: RawModel;
  protocol: string;
}

function shapeOf(model: RawModel, ref: RawRef): RawShape {
  const s = model.shapes[ref.shape];
  if (!s) throw new Error(`Unknown shape '${ref.shape}'`);
  return s;
}

function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

function tsFormat(ref: RawRef, shape: RawShape, fallback: string): string {
  return (ref.timestampFormat as string | undefined) ?? (shape.timestampFormat as string | undefined) ?? fallback;
}

function timestampWire(iso: string, format: string): string | number {
  if (format === 'unixTimestamp') return new Date(iso).getTime() / 1000;
  if (format === 'rfc822') return httpDate(iso);
  return iso;
}

function baseHeaders(): Array<[string, string]> {
  return [
    ['x-amzn-RequestId', REQUEST_IDS.amzn],
    ['x-amz-request-id', REQUEST_IDS.amz],
    ['x-amz-id-2', REQUEST_IDS.hostId],
    ['Date', httpDate(SWEEP_NOW)],
  ];
}

// ---------------------------------------------------------------- JSON

function jsonOf(ctx: Ctx, ref: RawRef, v: Tagged): unknown {
  const shape = shapeOf(ctx.model, ref);
  if (v === null) return null;
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return v;
      const out: Record<string, unknown> = {};
      for (const [name, mv] of Object.entries(v as Record<string, Tagged>)) {
        const mref = (shape.members ?? {})[name];
        if (!mref || LOCATED.has(mref.location as string)) continue;
        out[(mref.locationName as string | undefined) ?? name] = jsonOf(ctx, mref, mv);
      }
      return out;
    }
    case 'list':
      return (v as Tagged[]).map((x) => jsonOf(ctx, shape.member as RawRef, x));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, Tagged>)) out[k] = jsonOf(ctx, shape.value as RawRef, x);
      return out;
    }
    case 'timestamp':
      return timestampWire((v as { $ts: string }).$ts, tsFormat(ref, shape, 'unixTimestamp'));
    case 'blob':
      return (v as { $bytes: string }).$bytes;
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    default:
      return v;
  }
}

// ---------------------------------------------------------------- XML

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function scalarText(ref: RawRef, shape: RawShape, v: Tagged): string {
  if (isTag(v, '$ts')) return String(timestampWire(v.$ts, tsFormat(ref, shape, 'iso8601')));
  if (isTag(v, '$bytes')) return v.$bytes;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

function isFlattened(ref: RawRef, shape: RawShape): boolean {
  return Boolean(ref.flattened ?? shape.flattened);
}

/** botocore's `_member_key_name`: the element a structure member is read from. */
function memberKey(ctx: Ctx, ref: RawRef, name: string): string {
  const shape = shapeOf(ctx.model, ref);
  if (shape.type === 'list' && isFlattened(ref, shape)) {
    const inner = (shape.member as RawRef).locationName as string | undefined;
    if (inner) return inner;
  }
  return (ref.locationName as string | undefined) ?? name;
}

function nsAttr(ref: RawRef, shape: RawShape): string {
  const ns = (ref.xmlNamespace ?? shape.xmlNamespace) as { prefix?: string; uri: string } | undefined;
  if (!ns) return '';
  return ns.prefix ? ` xmlns:${ns.prefix}="${esc(ns.uri)}"` : ` xmlns="${esc(ns.uri)}"`;
}

/** The children (and attributes) of a structure element. */
function structureXml(ctx: Ctx, shape: RawShape, v: Record<string, Tagged>, skipLocated: boolean): { attrs: string; body: string } {
  let attrs = '';
  let body = '';
  const used = new Set<string>();
  const names = Object.keys(v).map((n) => {
    const r = (shape.members ?? {})[n];
    return r && !r.xmlAttribute ? memberKey(ctx, r, n) : `@${n}`;
  });
  const colliding = new Set(names.filter((n, i) => names.indexOf(n) !== i));
  for (const [name, mv] of Object.entries(v)) {
    const mref = (shape.members ?? {})[name];
    if (!mref) continue;
    if (skipLocated && LOCATED.has(mref.location as string)) continue;
    const mshape = shapeOf(ctx.model, mref);
    // Two members read from one element name (S3's deprecated Event and flattened Events):
    // a real service sends one of them, and so does this writer.
    const elementName = mref.xmlAttribute ? `@${String(mref.locationName)}` : memberKey(ctx, mref, name);
    if (used.has(elementName)) {
      delete v[name];
      continue;
    }
    used.add(elementName);
    if (mref.xmlAttribute) {
      attrs += `${nsAttr(mref, mshape)} ${mref.locationName as string}="${esc(scalarText(mref, mshape, mv))}"`;
      continue;
    }
    const key = memberKey(ctx, mref, name);
    if (mshape.type === 'list' && isFlattened(mref, mshape)) {
      // Sharing its element with a scalar member, a repeated element would read as a list there.
      const items = colliding.has(key) ? (mv as Tagged[]).slice(0, 1) : (mv as Tagged[]);
      if (colliding.has(key)) v[name] = items;
      for (const item of items) body += elementXml(ctx, key, mshape.member as RawRef, item);
    } else if (mshape.type === 'map' && isFlattened(mref, mshape)) {
      for (const [k, x] of Object.entries(mv as Record<string, Tagged>)) body += `<${key}>${mapEntryXml(ctx, mshape, k, x)}</${key}>`;
    } else {
      body += elementXml(ctx, key, mref, mv);
    }
  }
  return { attrs, body };
}

function mapEntryXml(ctx: Ctx, shape: RawShape, k: string, x: Tagged): string {
  const kref = shape.key as RawRef;
  const vref = shape.value as RawRef;
  const kname = (kref.locationName as string | undefined) ?? 'key';
  const vname = (vref.locationName as string | undefined) ?? 'value';
  return `<${kname}>${esc(k)}</${kname}>${elementXml(ctx, vname, vref, x)}`;
}

function elementXml(ctx: Ctx, name: string, ref: RawRef, v: Tagged, extraAttrs = ''): string {
  const shape = shapeOf(ctx.model, ref);
  const ns = nsAttr(ref, shape);
  switch (shape.type) {
    case 'structure': {
      const { attrs, body } = structureXml(ctx, shape, v as Record<string, Tagged>, false);
      return `<${name}${ns}${extraAttrs}${attrs}>${body}</${name}>`;
    }
    case 'list': {
      const item = shape.member as RawRef;
      const itemName = (item.locationName as string | undefined) ?? 'member';
      return `<${name}${ns}${extraAttrs}>${(v as Tagged[]).map((x) => elementXml(ctx, itemName, item, x)).join('')}</${name}>`;
    }
    case 'map': {
      const entries = Object.entries(v as Record<string, Tagged>).map(([k, x]) => `<entry>${mapEntryXml(ctx, shape, k, x)}</entry>`);
      return `<${name}${ns}${extraAttrs}>${entries.join('')}</${name}>`;
    }
    default:
      return `<${name}${ns}${extraAttrs}>${esc(scalarText(ref, shape, v))}</${name}>`;
  }
}

// ---------------------------------------------------------------- REST bindings

function headerValue(ref: RawRef, shape: RawShape, v: Tagged, model: RawModel): string {
  if (ref.jsonvalue || shape.jsonvalue) return Buffer.from(JSON.stringify(v)).toString('base64');
  if (shape.type === 'list') return (v as Tagged[]).map((x) => headerValue(shape.member as RawRef, shapeOf(model, shape.member as RawRef), x, model)).join(', ');
  if (isTag(v, '$ts')) return String(timestampWire(v.$ts, tsFormat(ref, shape, 'rfc822')));
  if (isTag(v, '$bytes')) return v.$bytes;
  return String(v);
}

/** Header and status bindings of the top-level members; returns the status to answer with. */
function restBindings(ctx: Ctx, shape: RawShape, v: Record<string, Tagged>, headers: Array<[string, string]>, status: number): number {
  for (const [name, mv] of Object.entries(v)) {
    const mref = (shape.members ?? {})[name];
    if (!mref) continue;
    const mshape = shapeOf(ctx.model, mref);
    const loc = mref.location as string | undefined;
    const hname = mref.locationName as string | undefined;
    if (loc === 'header' && hname) {
      // A checksum header would make both SDKs validate the body against a made-up digest.
      if (/^x-amz-checksum-(?!type$)/i.test(hname)) {
        delete v[name];
        continue;
      }
      if (/^content-length$/i.test(hname)) continue; // set from the real body below
      headers.push([hname, headerValue(mref, mshape, mv, ctx.model)]);
    } else if (loc === 'headers') {
      const prefix = hname ?? '';
      for (const [k, x] of Object.entries(mv as Record<string, Tagged>)) headers.push([`${prefix}${k}`, headerValue(mshape.value as RawRef, shapeOf(ctx.model, mshape.value as RawRef), x, ctx.model)]);
    } else if (loc === 'statusCode') {
      v[name] = status;
    }
  }
  return status;
}

function successStatus(op: RawOperation): number {
  const code = op.http.responseCode ?? 200;
  // No body may follow a 204 or 304; answer 200 so body members still travel.
  return code === 204 || code === 304 ? 200 : code;
}

function payloadOf(shape: RawShape): string | undefined {
  return shape.payload as string | undefined;
}

// ---------------------------------------------------------------- event payloads

/**
 * One event's payload (event-stream-writer.ts): the JSON of `v` as `ref`'s shape for the json
 * protocols, an XML element named `name` for rest-xml.
 */
export function writeEventPayload(model: RawModel, protocol: string, ref: RawRef, name: string, v: Tagged): Buffer {
  const ctx: Ctx = { model, protocol };
  if (protocol === 'rest-xml') return Buffer.from(elementXml(ctx, name, ref, v));
  return Buffer.from(JSON.stringify(jsonOf(ctx, ref, v)));
}

// ---------------------------------------------------------------- success

export function writeSuccess(model: RawModel, protocol: string, op: RawOperation, values: Record<string, Tagged> | undefined): WireResponse {
  const ctx: Ctx = { model, protocol };
  const headers = baseHeaders();
  let status = successStatus(op);
  let body = Buffer.alloc(0);
  const outRef = op.output;
  const shape = outRef ? shapeOf(model, outRef) : undefined;
  const v = values ?? {};
  const contentLengthMember = shape ? Object.entries(shape.members ?? {}).find(([, r]) => r.location === 'header' && /^content-length$/i.test(String(r.locationName))) : undefined;

  if (model.metadata.serviceId === 'S3' && op.name === 'GetBucketLocation') {
    // S3 answers GetBucketLocation with the bare root <LocationConstraint>, which botocore's
    // customization reads as root text; the generic structure writer would nest it.
    headers.push(['Content-Type', 'application/xml']);
    body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${esc(String(v.LocationConstraint ?? ''))}</LocationConstraint>`);
  } else if (protocol === 'json') {
    headers.push(['Content-Type', `application/x-amz-json-${(model.metadata.jsonVersion as string | undefined) ?? '1.0'}`]);
    body = Buffer.from(JSON.stringify(shape && outRef ? jsonOf(ctx, outRef, v) : {}));
  } else if (protocol === 'smithy-rpc-v2-cbor') {
    headers.push(['Content-Type', 'application/cbor'], ['smithy-protocol', 'rpc-v2-cbor']);
    body = cborBytes(shape && outRef ? cborData(model, outRef, v) : {});
  } else if (protocol === 'query' || protocol === 'ec2') {
    const ns = protocol === 'ec2' ? `http://ec2.amazonaws.com/doc/${model.metadata.apiVersion as string}/` : `https://sweep.test/doc/${model.metadata.apiVersion as string}/`;
    const inner = shape ? structureXml(ctx, shape, v, false) : { attrs: '', body: '' };
    const wrapper = outRef?.resultWrapper as string | undefined;
    const result = wrapper ? `<${wrapper}>${inner.body}</${wrapper}>` : inner.body;
    const meta = protocol === 'ec2' ? `<requestId>${REQUEST_IDS.amzn}</requestId>` : `<ResponseMetadata><RequestId>${REQUEST_IDS.amzn}</RequestId></ResponseMetadata>`;
    const xml = protocol === 'ec2' ? `<${op.name}Response xmlns="${ns}">${meta}${result}</${op.name}Response>` : `<${op.name}Response xmlns="${ns}">${result}${meta}</${op.name}Response>`;
    headers.push(['Content-Type', 'text/xml']);
    body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  } else if (shape && outRef) {
    // rest-json and rest-xml
    status = restBindings(ctx, shape, v, headers, status);
    const payload = payloadOf(shape);
    if (payload) {
      const pref = (shape.members ?? {})[payload];
      const pshape = shapeOf(model, pref);
      const pv = v[payload];
      if (pv !== undefined) {
        if (pshape.type === 'blob' || pshape.type === 'string') {
          body = isTag(pv, '$bytes') ? Buffer.from(pv.$bytes, 'base64') : Buffer.from(String(pv));
          if (!headers.some(([n]) => /^content-type$/i.test(n))) headers.push(['Content-Type', 'application/octet-stream']);
        } else if (protocol === 'rest-json') {
          body = Buffer.from(JSON.stringify(jsonOf(ctx, pref, pv)));
          headers.push(['Content-Type', 'application/json']);
        } else {
          const name = (pref.locationName as string | undefined) ?? (pshape.locationName as string | undefined) ?? payload;
          body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${elementXml(ctx, name, pref, pv)}`);
          headers.push(['Content-Type', 'application/xml']);
        }
      }
    } else if (protocol === 'rest-json') {
      body = Buffer.from(JSON.stringify(jsonOf(ctx, outRef, v)));
      headers.push(['Content-Type', 'application/json']);
    } else {
      const { attrs, body: inner } = structureXml(ctx, shape, v, true);
      const root = (shape.locationName as string | undefined) ?? outRef.shape;
      if (inner || attrs) body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="https://sweep.test/doc/"${attrs}>${inner}</${root}>`);
    }
  }
  if (contentLengthMember) v[contentLengthMember[0]] = body.length;
  return { status, headers, body: body.toString('base64') };
}

// ---------------------------------------------------------------- errors

export const GENERIC_ERROR_CODE = 'SweepGenericError';
const ERROR_MESSAGE = 'sweep error <message>';

/**
 * An error response: the modeled error `errRef` with `values` for its members, or (no errRef)
 * an unmodeled one with code SweepGenericError.
 */
export function writeError(model: RawModel, protocol: string, op: RawOperation, service: string, errRef: RawRef | undefined, values: Record<string, Tagged>): WireResponse {
  const ctx: Ctx = { model, protocol };
  const shape = errRef ? shapeOf(model, errRef) : undefined;
  const errTrait = (shape?.error ?? {}) as { code?: string; httpStatusCode?: number };
  const shapeName = errRef?.shape ?? GENERIC_ERROR_CODE;
  const wireCode = errTrait.code ?? shapeName;
  const status = errTrait.httpStatusCode ?? 400;
  const headers = baseHeaders();
  const members = shape?.members ?? {};
  const hasMessage = Object.keys(members).some((m) => m.toLowerCase() === 'message');
  let body: Buffer;

  if (protocol === 'smithy-rpc-v2-cbor') {
    const data = (shape && errRef ? cborData(model, errRef, values) : {}) as Record<string, ReturnType<typeof cborData>>;
    if (!hasMessage) data.message = ERROR_MESSAGE;
    data.__type = `com.amazonaws.sweep#${shapeName}`;
    headers.push(['Content-Type', 'application/cbor'], ['smithy-protocol', 'rpc-v2-cbor']);
    if (model.metadata.awsQueryCompatible && errTrait.code) headers.push(['x-amzn-query-error', `${errTrait.code};Sender`]);
    body = cborBytes(data);
  } else if (protocol === 'json' || protocol === 'rest-json') {
    const obj = shape && errRef ? (jsonOf(ctx, errRef, values) as Record<string, unknown>) : {};
    if (!hasMessage) obj.message = ERROR_MESSAGE;
    if (protocol === 'json') {
      obj.__type = `com.amazonaws.sweep#${shapeName}`;
      headers.push(['Content-Type', `application/x-amz-json-${(model.metadata.jsonVersion as string | undefined) ?? '1.0'}`]);
      if (model.metadata.awsQueryCompatible && errTrait.code) headers.push(['x-amzn-query-error', `${errTrait.code};Sender`]);
    } else {
      headers.push(['x-amzn-ErrorType', `${shapeName}:http://internal.amazon.com/coral/com.amazonaws.sweep/`]);
      headers.push(['Content-Type', 'application/json']);
      if (shape) restBindings(ctx, shape, values, headers, status);
    }
    body = Buffer.from(JSON.stringify(obj));
  } else {
    // The envelope's own elements: members read from the same names give way to them (a
    // second <Code> would turn botocore's error dict into nonsense, and real services send one).
    for (const m of Object.keys(members)) if (['Code', 'Type', 'RequestId'].includes(memberKey(ctx, members[m], m))) delete values[m];
    const inner = shape ? structureXml(ctx, shape, values, protocol === 'rest-xml').body : '';
    const xmlMessage = Object.keys(members).some((m) => memberKey(ctx, members[m], m) === 'Message');
    const message = xmlMessage ? '' : `<Message>${esc(ERROR_MESSAGE)}</Message>`;
    let xml: string;
    if (protocol === 'ec2') {
      xml = `<Response><Errors><Error><Code>${esc(wireCode)}</Code>${message}${inner}</Error></Errors><RequestID>${REQUEST_IDS.amzn}</RequestID></Response>`;
    } else if (service === 's3') {
      xml = `<Error><Code>${esc(wireCode)}</Code>${message}${inner}<RequestId>${REQUEST_IDS.amz}</RequestId><HostId>${REQUEST_IDS.hostId}</HostId></Error>`;
    } else {
      xml = `<ErrorResponse xmlns="https://sweep.test/doc/"><Error><Type>Sender</Type><Code>${esc(wireCode)}</Code>${message}${inner}</Error><RequestId>${REQUEST_IDS.amzn}</RequestId></ErrorResponse>`;
    }
    if (protocol === 'rest-xml' && shape) restBindings(ctx, shape, values, headers, status);
    headers.push(['Content-Type', 'text/xml']);
    body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  }
  return { status, headers, body: body.toString('base64') };
}
