/**
 * generatePresignedUrl / generatePresignedPost: the request a call would send, signed into a
 * URL (or a POST policy) that someone without credentials can use until it expires. Their own
 * arguments are checked first (presign-args.ts), the operation's params as a call's are.
 * As botocore: the request is prepared with the presign context (presign-context.ts: S3 takes
 * the global endpoint), signed for the client's region rather than the rule set's (unless the
 * Bucket is an ARN), with SigV4 query auth, or S3's HMAC-SHA1 where a customization chose it.
 */
import { UnsupportedSignatureVersionError } from '../errors';
import { signingCredentials } from '../pipeline/signing-credentials';
import { unknownOperationError } from './unknown-operation';
import type { ClientContext } from '../pipeline/context';
import { prepareParams, prepareRequest } from '../pipeline/make-api-call';
import { presignPost, presignUrl, usesS3Signing } from '../signing';
import { presignHmacV1Post, presignHmacV1Url } from '../signing/hmac-v1';
import type { AuthPlan } from '../pipeline/make-api-call';
import { presignRegion, renderAuthPath, shouldUseGlobalEndpoint } from './presign-context';
import type { PresignedPost } from '../signing';
import { checkHeaders } from '../validate/headers';
import { paramsObject } from '../validate/params-object';
import { presignPostArgs, presignUrlArgs } from './presign-args';
import { documentMethod } from '../util/method-docs';

export interface PresignedUrlOptions {
  Params?: Record<string, unknown>;
  /** Seconds; 3600 by default. */
  ExpiresIn?: number;
  HttpMethod?: string;
}

export interface PresignedPostOptions {
  Bucket: string;
  Key: string;
  Fields?: Record<string, string>;
  Conditions?: unknown[];
  ExpiresIn?: number;
}


function operationFor(ctx: ClientContext, name: string) {
  const opName = ctx.service.operationIndex.resolve(name);
  if (!opName) throw unknownOperationError(ctx.serviceName, ctx.service.operationIndex.canonical, name);
  return ctx.service.operation(opName);
}

/**
 * Whether to presign with S3's HMAC-SHA1 signature instead of the call's SigV4: a customization
 * asked for it (botocore's choose-signer.s3), and the endpoint's scheme is plain SigV4 (SigV4a
 * and S3 Express keep theirs).
 */
function usesHmacV1(ctx: ClientContext, auth: AuthPlan): boolean {
  return auth.kind === 'sigv4' && auth.scheme !== 'sigv4a' && auth.scheme !== 'sigv4-s3express' && ctx.presignSignatureVersion === 's3';
}

/** The global endpoint goes with the HMAC-SHA1 opt-in only: SigV4 URLs stay regional (docs/DESIGN.md). */
function globalPresignEndpoint(ctx: ClientContext): boolean {
  return ctx.presignSignatureVersion === 's3' && shouldUseGlobalEndpoint(ctx);
}

const PRESIGNED_URL_HELP = () =>
  [
    'client.generatePresignedUrl(clientMethod, { Params?, ExpiresIn?, HttpMethod? }?) -> Promise<string>',
    '  A URL that performs clientMethod (an operation name, any spelling) with Params when fetched,',
    '  valid ExpiresIn seconds (3600 by default). Nothing is sent: the request is signed locally.',
  ].join('\n');

const PRESIGNED_POST_HELP = () =>
  [
    'client.generatePresignedPost({ Bucket, Key, Fields?, Conditions?, ExpiresIn? }) -> Promise<{ url, fields }>',
    '  URL and form fields for a browser POST upload to S3 (Key may end in ${filename}).',
  ].join('\n');

export function presignExtension(ctx: ClientContext): Record<string, unknown> {
  const s3Style = usesS3Signing(ctx.service.metadata);
  const methods = {
    /** A URL that performs `clientMethod` with `Params` when fetched, valid `ExpiresIn` seconds. */
    async generatePresignedUrl(clientMethod: string, options: PresignedUrlOptions = {}): Promise<string> {
      const args = presignUrlArgs(clientMethod, options);
      const op = operationFor(ctx, clientMethod);
      // Params=None means no params in botocore: null does here too.
      const params = await prepareParams(ctx, op, paramsObject(args.params ?? undefined, 'Params'), { presign: true });
      const { request, auth } = await prepareRequest(ctx, op, params, { presign: true, useGlobalEndpoint: globalPresignEndpoint(ctx) });
      if (args.httpMethod) request.method = args.httpMethod;
      delete request.headers['User-Agent'];
      // botocore's request signer emits before-sign for presigned URLs too, flagged as such.
      await ctx.events.emit(`before-sign.${ctx.eventServiceId}.${op.name}`, { request, operation: op, auth, isPresignRequest: true });
      // The URL's user must send these headers as signed: one they could not send is an error now.
      checkHeaders(op, request.headers);
      if (auth.kind === 'none') return request.url;
      // botocore has no query signer for SigV2 ('v2-query').
      if (auth.kind === 'sigv2') throw new UnsupportedSignatureVersionError('Signature version(s) are not supported: v2-query');
      // Nor for bearer tokens (Bedrock with AWS_BEARER_TOKEN_BEDROCK): botocore's UnknownSignatureVersionError.
      if (auth.kind === 'bearer') throw new UnsupportedSignatureVersionError('Signature version(s) are not supported: bearer-query');
      if (usesHmacV1(ctx, auth)) {
        return presignHmacV1Url(request, await signingCredentials(ctx), { expiresIn: args.expiresIn, date: ctx.clockSkew.now(), authPath: renderAuthPath(op, params) });
      }
      return presignUrl(request, await signingCredentials(ctx), {
        signingName: auth.signingName,
        region: presignRegion(ctx, params, auth.signingRegion),
        date: ctx.clockSkew.now(),
        s3: s3Style,
        disableDoubleEncoding: auth.disableDoubleEncoding ?? s3Style,
        expiresIn: args.expiresIn,
      });
    },

    /** URL and form fields for a browser POST upload (S3), as boto3's generate_presigned_post. */
    async generatePresignedPost(options: PresignedPostOptions): Promise<PresignedPost> {
      if (!ctx.service.hasOperation('CreateBucket')) throw new TypeError(`generatePresignedPost is an S3 feature; '${ctx.serviceName}' has no buckets`);
      const args = presignPostArgs(options);
      const op = ctx.service.operation('CreateBucket');
      const params = { Bucket: args.bucket };
      const { request, auth } = await prepareRequest(ctx, op, params, { presign: true, useGlobalEndpoint: globalPresignEndpoint(ctx) });
      const url = request.url.split('?')[0];
      if (usesHmacV1(ctx, auth)) {
        const { bucket, key, fields, conditions, expiresIn } = args;
        return presignHmacV1Post({ url, bucket, key, fields, conditions, expiresIn, creds: await signingCredentials(ctx), date: ctx.clockSkew.now() });
      }
      return presignPost({
        url,
        bucket: args.bucket,
        key: args.key,
        fields: args.fields,
        conditions: args.conditions,
        expiresIn: args.expiresIn,
        creds: await signingCredentials(ctx),
        region: presignRegion(ctx, params, auth.signingRegion),
        date: ctx.clockSkew.now(),
      });
    },
  };
  documentMethod(methods.generatePresignedUrl, PRESIGNED_URL_HELP);
  documentMethod(methods.generatePresignedPost, PRESIGNED_POST_HELP);
  return methods;
}
