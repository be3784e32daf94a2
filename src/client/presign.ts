/**
 * generatePresignedUrl: the request a call would send, signed into a URL that someone without
 * credentials can use until it expires. Its own arguments are checked first (presign-args.ts),
 * the operation's params as a call's are. As botocore: the request is prepared as a presign
 * request, signed for the client's region rather than the rule set's, with SigV4 query auth
 * (SigV4a for an endpoint that asks for it, valid in the endpoint's region set).
 * A service's customization may change that (ClientContext.presign: S3 takes the global
 * endpoint and HMAC-SHA1 on request, and signs ARN buckets for the rule set's region), and adds
 * members of its own (S3's generatePresignedPost, src/customizations/s3/presign-post.ts).
 */
import { UnsupportedSignatureVersionError } from '../errors';
import { callCredentials } from '../pipeline/signing-credentials';
import { unknownOperationError } from './unknown-operation';
import type { ClientContext } from '../pipeline/context';
import { prepareParams, prepareRequest, startCall } from '../pipeline/make-api-call';
import type { BeforeSignEvent } from '../pipeline/call-events';
import { presignUrl, usesS3Signing } from '../signing';
import { checkHeaders } from '../validate/headers';
import { paramsObject } from '../validate/params-object';
import { presignUrlArgs } from './presign-args';
import { documentMethod } from '../util/method-docs';

export interface PresignedUrlOptions {
  Params?: Record<string, unknown>;
  /** Seconds; 3600 by default. */
  ExpiresIn?: number;
  HttpMethod?: string;
}

function operationFor(ctx: ClientContext, name: string) {
  const opName = ctx.service.operationIndex.resolve(name);
  if (!opName) throw unknownOperationError(ctx.serviceName, ctx.service.operationIndex.canonical, name);
  return ctx.service.operation(opName);
}

/** The request context a presigned request is prepared with (botocore's is_presign_request, use_global_endpoint). */
export function presignContext(ctx: ClientContext): { isPresignRequest: true; useGlobalEndpoint: boolean } {
  return { isPresignRequest: true, useGlobalEndpoint: ctx.presign.useGlobalEndpoint?.(ctx) ?? false };
}

/** The region a presigned request signs for: the client's own, unless its customization says otherwise. */
export function presignRegion(ctx: ClientContext, params: Record<string, unknown>, ruleSetRegion: string): string {
  return ctx.presign.signingRegion?.(ctx, params, ruleSetRegion) ?? ctx.endpoint.signingRegion();
}

const PRESIGNED_URL_HELP = () =>
  [
    'client.generatePresignedUrl(clientMethod, { Params?, ExpiresIn?, HttpMethod? }?) -> Promise<string>',
    '  A URL that performs clientMethod (an operation name, any spelling) with Params when fetched,',
    '  valid ExpiresIn seconds (3600 by default). Nothing is sent: the request is signed locally.',
  ].join('\n');


export function presignExtension(ctx: ClientContext): Record<string, unknown> {
  const s3Style = usesS3Signing(ctx.service.metadata);
  const methods = {
    /** A URL that performs `clientMethod` with `Params` when fetched, valid `ExpiresIn` seconds. */
    async generatePresignedUrl(clientMethod: string, options: PresignedUrlOptions = {}): Promise<string> {
      const args = presignUrlArgs(clientMethod, options);
      const op = operationFor(ctx, clientMethod);
      // Params=None means no params in botocore: null does here too.
      const call = startCall(ctx, op, paramsObject(args.params ?? undefined, 'Params'), presignContext(ctx));
      const params = await prepareParams(ctx, call);
      const { request, auth } = await prepareRequest(ctx, call);
      if (args.httpMethod) request.method = args.httpMethod;
      delete request.headers['User-Agent'];
      // botocore's request signer emits before-sign for presigned URLs too, flagged as such.
      const payload: BeforeSignEvent = { request, operation: op, auth, isPresignRequest: true, context: call };
      await ctx.events.emit(`before-sign.${ctx.eventServiceId}.${op.name}`, payload);
      // The URL's user must send these headers as signed: one they could not send is an error now.
      checkHeaders(op, request.headers);
      if (auth.kind === 'none') return request.url;
      // botocore has no query signer for SigV2 ('v2-query').
      if (auth.kind === 'sigv2') throw new UnsupportedSignatureVersionError('Signature version(s) are not supported: v2-query');
      // Nor for bearer tokens (Bedrock with AWS_BEARER_TOKEN_BEDROCK): botocore's UnknownSignatureVersionError.
      if (auth.kind === 'bearer') throw new UnsupportedSignatureVersionError('Signature version(s) are not supported: bearer-query');
      const signed = ctx.presign.signUrl?.(ctx, { request, auth, operation: op, params, expiresIn: args.expiresIn });
      if (signed) return signed;
      // A customization's session may sign it (S3 Express One Zone), as it would the call.
      const { creds, identity } = await callCredentials(ctx, { auth, params });
      const asymmetric = auth.kind === 'sigv4a';
      return presignUrl(request, creds, {
        signingName: auth.signingName,
        // SigV4a signs for the endpoint's region set, never one region.
        region: asymmetric ? auth.signingRegion : presignRegion(ctx, params, auth.signingRegion),
        date: ctx.clockSkew.now(),
        s3: s3Style,
        disableDoubleEncoding: auth.disableDoubleEncoding ?? s3Style,
        expiresIn: args.expiresIn,
        asymmetric,
        sessionTokenName: identity?.tokenQueryParameter,
      });
    },
  };
  documentMethod(methods.generatePresignedUrl, PRESIGNED_URL_HELP);
  return methods;
}
