/**
 * generatePresignedUrl / generatePresignedPost: the request a call would send, signed into a
 * URL (or a POST policy) that someone without credentials can use until it expires. Their own
 * arguments are checked first (presign-args.ts), the operation's params as a call's are.
 */
import { NoCredentialsError } from '../errors';
import { unknownOperationError } from './unknown-operation';
import type { ClientContext } from '../pipeline/context';
import { prepareParams, prepareRequest } from '../pipeline/make-api-call';
import { presignPost, presignUrl, usesS3Signing } from '../signing';
import type { PresignedPost } from '../signing';
import { checkHeaders } from '../validate/headers';
import { paramsObject } from '../validate/params-object';
import { presignPostArgs, presignUrlArgs } from './presign-args';

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

async function signingCredentials(ctx: ClientContext) {
  const creds = await ctx.credentials();
  if (!creds) throw new NoCredentialsError();
  return { accessKeyId: creds.accessKey, secretAccessKey: creds.secretKey, sessionToken: creds.token };
}

function operationFor(ctx: ClientContext, name: string) {
  const opName = ctx.service.operationIndex.resolve(name);
  if (!opName) throw unknownOperationError(ctx.serviceName, ctx.service.operationIndex.canonical, name);
  return ctx.service.operation(opName);
}

export function presignExtension(ctx: ClientContext): Record<string, unknown> {
  const s3Style = usesS3Signing(ctx.service.metadata);
  return {
    /** A URL that performs `clientMethod` with `Params` when fetched, valid `ExpiresIn` seconds. */
    async generatePresignedUrl(clientMethod: string, options: PresignedUrlOptions = {}): Promise<string> {
      const args = presignUrlArgs(clientMethod, options);
      const op = operationFor(ctx, clientMethod);
      // Params=None means no params in botocore: null does here too.
      const params = await prepareParams(ctx, op, paramsObject(args.params ?? undefined, 'Params'), { presign: true });
      const { request, auth } = await prepareRequest(ctx, op, params, { presign: true });
      if (args.httpMethod) request.method = args.httpMethod;
      delete request.headers['User-Agent'];
      // botocore's request signer emits before-sign for presigned URLs too, flagged as such.
      await ctx.events.emit(`before-sign.${ctx.eventServiceId}.${op.name}`, { request, operation: op, auth, isPresignRequest: true });
      // The URL's user must send these headers as signed: one they could not send is an error now.
      checkHeaders(op, request.headers);
      if (auth.kind === 'none') return request.url;
      return presignUrl(request, await signingCredentials(ctx), {
        signingName: auth.signingName,
        region: auth.signingRegion,
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
      const { request, auth } = await prepareRequest(ctx, op, { Bucket: args.bucket });
      return presignPost({
        url: request.url.split('?')[0],
        bucket: args.bucket,
        key: args.key,
        fields: args.fields,
        conditions: args.conditions,
        expiresIn: args.expiresIn,
        creds: await signingCredentials(ctx),
        region: auth.signingRegion,
        date: ctx.clockSkew.now(),
      });
    },
  };
}
