/**
 * The request URL of a call: joinUrl, with an invalid host label traced back to the parameter
 * it came from. A label is a parameter's when the parameter is bound to the host (a `hostLabel`
 * member of the host prefix, or a `contextParam` member the endpoint rules may put in the
 * hostname, such as S3's Bucket) and its value has that label. Such a label is the caller's
 * input, so it is a ParamValidationError ("Invalid host label", as botocore words the host
 * prefix case) naming the parameter; any other stays the InvalidEndpointError joinUrl raised.
 */
import { InvalidEndpointError, ParamValidationError } from '../errors';
import type { OperationModel } from '../models/service-model';
import type { HttpRequestSpec } from '../protocols/types';
import { quoteExcerpt } from '../util/excerpt';
import { joinUrl, labelProblem } from './url';

export function requestUrl(op: OperationModel, params: Record<string, unknown>, endpointUrl: string, spec: HttpRequestSpec): string {
  try {
    return joinUrl(endpointUrl, spec);
  } catch (e) {
    if (!(e instanceof InvalidEndpointError) || e.hostLabel === undefined) throw e;
    const member = memberWithLabel(op, params, e.hostLabel);
    if (member === undefined) throw e;
    throw new ParamValidationError([
      `Invalid host label for parameter ${member}, value: ${quoteExcerpt(String(params[member]))}: ${quoteExcerpt(e.hostLabel)} ${labelProblem(e.hostLabel)}, and the endpoint puts it in the hostname`,
    ]);
  }
}

/** The host-bound input member whose value holds `label` as one of its dot-separated parts. */
function memberWithLabel(op: OperationModel, params: Record<string, unknown>, label: string): string | undefined {
  const members = op.input?.members ?? {};
  const bound = Object.keys(members).filter((name) => {
    const shape = members[name];
    return shape.serialization.hostLabel === true || shape.trait('contextParam') !== undefined;
  });
  return bound.find((name) => typeof params[name] === 'string' && (params[name] as string).split('.').includes(label));
}
