/**
 * Error responses per protocol: where each finds `Error.Code`, `Error.Message` (and `Type`,
 * `QueryErrorCode`, ...) and the request id, exactly as botocore's `_do_error_parse` methods.
 *
 * - query:    <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
 * - ec2:      <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
 * - json:     {"__type": "ns#Code:uri", "message"|"Message": ...}; `x-amzn-query-error: Code;Type`
 *             remaps the code for awsQueryCompatible services
 * - rest-json: as json, then `x-amzn-errortype` header, else body `code`/`Code`, wins
 * - smithy-rpc-v2-cbor: as json from a CBOR map, but an absent or null `__type` gives the status
 *             code (botocore's RpcV2CBORParser)
 * - rest-xml: S3's bare <Error> (request id from headers), or <ErrorResponse> as query; an empty
 *             or malformed body falls back to Code = status, Message = reason phrase
 */
import type { RawResponse } from '../types';
import { XmlDocument, xmlChild } from '../xml-parser';
import { parseCborErrorBody, parseJsonBody, tryParseXml } from './bodies';
import { Dict, ResponseHeaders, genericError, isDecodedMap, isDict } from './common';
import { xmlToPlain } from './xml-shapes';
import { setOwn } from '../../util/objects';

/** `ns#Code:uri` -> `Code`. */
export function sanitizeErrorCode(code: string): string {
  let c = code;
  const colon = c.indexOf(':');
  if (colon >= 0) c = c.slice(0, colon);
  const hash = c.lastIndexOf('#');
  if (hash >= 0) c = c.slice(hash + 1);
  return c;
}

/** Python's `dict.get(key, default)`: a key present with null gives null, not the default. */
function pyGet(body: Dict, key: string, fallback: unknown): unknown {
  return Object.prototype.hasOwnProperty.call(body, key) ? body[key] : fallback;
}

/** A decoded error body as a dict: {} for anything else (a list, a scalar, a CBOR byte string or timestamp). */
function errorBodyDict(raw: unknown): Dict {
  return isDecodedMap(raw) ? raw : {};
}

/**
 * The error json and smithy-rpc-v2-cbor both build from a decoded body (botocore's
 * BaseJSONParser / RpcV2CBORParser `_do_error_parse`): Message from `message`, else `Message`;
 * Code from `rawCode` (undefined: none, Code stays ''), sanitized, then remapped by
 * `x-amzn-query-error`; the request id from `x-amzn-requestid`. Only the body's decoding and
 * how `__type` gives `rawCode` differ between the two.
 */
function rpcError(body: Dict, rawCode: string | undefined, headers: ResponseHeaders): Dict {
  // `"message": null` is a null Message (botocore's None), not a reason to look further.
  const error: Dict = { Message: pyGet(body, 'message', pyGet(body, 'Message', '')), Code: '' };
  const out: Dict = { Error: error, ResponseMetadata: {} };
  if (rawCode !== undefined) {
    let code = sanitizeErrorCode(rawCode);
    const queryError = headers.get('x-amzn-query-error');
    if (queryError !== undefined) code = applyQueryCompatibleCode(code, queryError, error);
    error.Code = code;
  }
  const requestId = headers.get('x-amzn-requestid');
  if (requestId !== undefined) out.ResponseMetadata = { RequestId: requestId };
  return out;
}

/** `x-amzn-query-error: Code;Type` names the code the query protocol used for this error. */
function applyQueryCompatibleCode(code: string, header: string, error: Dict): string {
  const parts = header.split(';');
  if (parts.length === 2 && parts[0]) {
    error.QueryErrorCode = code;
    error.Type = parts[1];
    return parts[0];
  }
  return code;
}

/** json: an absent `__type` gives the status code; `"__type": null` no code (botocore's `if code is not None`). */
export function parseJsonError(response: RawResponse, headers: ResponseHeaders): Dict {
  const body = errorBodyDict(parseJsonBody(response));
  const type = pyGet(body, '__type', String(response.statusCode));
  const code = type === null || type === undefined ? undefined : typeof type === 'string' ? type : String(response.statusCode);
  return rpcError(body, code, headers);
}

/** smithy-rpc-v2-cbor: an absent or null `__type` gives the status code (botocore's RpcV2CBORParser). */
export function parseCborError(response: RawResponse, headers: ResponseHeaders): Dict {
  const body = errorBodyDict(parseCborErrorBody(response));
  const type = pyGet(body, '__type', null);
  return rpcError(body, type === null || type === undefined ? String(response.statusCode) : String(type), headers);
}

export function parseRestJsonError(response: RawResponse, headers: ResponseHeaders): Dict {
  const out = parseJsonError(response, headers);
  const body = errorBodyDict(parseJsonBody(response));
  let code: unknown;
  const headerCode = headers.get('x-amzn-errortype');
  if (headerCode !== undefined) code = headerCode;
  else if (Object.prototype.hasOwnProperty.call(body, 'code') || Object.prototype.hasOwnProperty.call(body, 'Code')) code = pyGet(body, 'code', pyGet(body, 'Code', ''));
  // A null code keeps the one __type gave (botocore: `if code is None: return`).
  if (code !== undefined && code !== null) (out.Error as Dict).Code = typeof code === 'string' ? sanitizeErrorCode(code) : code;
  return out;
}

function statusError(response: RawResponse, headers: ResponseHeaders): Dict {
  const out = genericError(response.statusCode);
  out.ResponseMetadata = { RequestId: headers.get('x-amz-request-id') ?? '', HostId: headers.get('x-amz-id-2') ?? '' };
  return out;
}

/** query: the root's children as a dict; `Errors` unwrapped; `RequestId` to ResponseMetadata. */
export function parseQueryError(response: RawResponse, headers: ResponseHeaders): Dict {
  const doc = tryParseXml(response);
  if (!doc) return statusError(response, headers);
  const parsed = xmlToPlain(doc.root);
  if ('Errors' in parsed) {
    const errors = parsed.Errors;
    delete parsed.Errors;
    // Element names are data here: copied with setOwn, a `__proto__` element stays a key.
    if (isDict(errors)) for (const [k, v] of Object.entries(errors)) setOwn(parsed, k, v);
  }
  if ('RequestId' in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestId };
    delete parsed.RequestId;
  }
  return parsed;
}

/** ec2: as query, but the request id element is `RequestID`. */
export function parseEc2Error(response: RawResponse, headers: ResponseHeaders): Dict {
  const parsed = parseQueryError(response, headers);
  if ('RequestID' in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestID };
    delete parsed.RequestID;
  }
  return parsed;
}

export function parseRestXmlError(response: RawResponse, headers: ResponseHeaders): Dict {
  const doc = response.body && response.body.length > 0 ? tryParseXml(response) : undefined;
  if (!doc) return statusError(response, headers);
  const parsed = xmlToPlain(doc.root);
  if (doc.rootName === 'Error') {
    // S3: the body's RequestId/HostId duplicate the headers; keep the headers' copy only.
    delete parsed.RequestId;
    delete parsed.HostId;
    return { Error: parsed, ResponseMetadata: restMetadata(headers) };
  }
  if ('RequestId' in parsed) {
    parsed.ResponseMetadata = { RequestId: parsed.RequestId };
    delete parsed.RequestId;
  }
  const error = isDict(parsed.Error) ? parsed.Error : {};
  parsed.Error = { Message: '', Code: '', ...error };
  return parsed;
}

/** rest-*: request id from x-amzn-requestid, else x-amz-request-id with HostId (x-amz-id-2). */
export function restMetadata(headers: ResponseHeaders): Dict {
  const amzn = headers.get('x-amzn-requestid');
  if (amzn !== undefined) return { RequestId: amzn };
  const amz = headers.get('x-amz-request-id');
  if (amz !== undefined) return { RequestId: amz, HostId: headers.get('x-amz-id-2') ?? '' };
  return {};
}

/** Where a modeled error's members live: <ErrorResponse><Error> (query, rest-xml) or the root. */
export function queryErrorRoot(doc: XmlDocument): XmlDocument['root'] {
  if (doc.rootName === 'ErrorResponse') {
    const err = xmlChild(doc.root, 'Error');
    if (err.length > 0) return err[0];
  }
  return doc.root;
}

/** ec2 keeps its error under <Response><Errors><Error>. */
export function ec2ErrorRoot(doc: XmlDocument): XmlDocument['root'] {
  const errors = xmlChild(doc.root, 'Errors');
  if (errors.length > 0) {
    const err = xmlChild(errors[0], 'Error');
    if (err.length > 0) return err[0];
  }
  return doc.root;
}

