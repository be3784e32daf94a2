/**
 * Response parsers, one per wire protocol, each `(op, response, ctx) => ParsedResponse` with
 * botocore 1.43's behaviour (see each module). Which protocol name means which parser is the
 * registry's table (src/protocols/index.ts: `responseParsers`).
 */
import type { OperationModel } from '../../models/service-model';
import type { ParseContext, ParsedResponse, RawResponse } from '../types';
import { parseRpcV2Cbor } from './cbor';
import { parseEc2 } from './ec2';
import { parseJson } from './json';
import { parseQuery } from './query';
import { parseRestJson } from './rest-json';
import { parseRestXml } from './rest-xml';

export type ResponseParser = (op: OperationModel, response: RawResponse, ctx: ParseContext) => ParsedResponse;

export { parseEc2, parseJson, parseQuery, parseRestJson, parseRestXml, parseRpcV2Cbor };
export { parseTimestamp } from './timestamps';
export { sanitizeErrorCode } from './errors';
