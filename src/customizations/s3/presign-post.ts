/**
 * `s3.generatePresignedPost({ Bucket, Key, Fields?, Conditions?, ExpiresIn? })`: URL and form
 * fields for a browser POST upload, as boto3's generate_presigned_post, which botocore adds to
 * S3 clients only (`creating-client-class.s3`, add_generate_presigned_post). The form's URL is
 * the bucket's endpoint as CreateBucket addresses it (prepared as a presign request, so the
 * global-endpoint rule of presign.ts applies); the policy is signed SigV4 for the endpoint's
 * signing name and the presign region, or HMAC-SHA1 with the `signatureVersion: 's3'` opt-in.
 */
import { documentMethod } from '../../util/method-docs';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { ClientContext } from '../../pipeline/context';
import { prepareRequest } from '../../pipeline/make-api-call';
import { newCallContext } from '../../pipeline/call-context';
import { callCredentials, signingCredentials } from '../../pipeline/signing-credentials';
import { presignContext, presignRegion } from '../../client/presign';
import { presignPostArgs } from '../../client/presign-args';
import { presignPost } from '../../signing';
import type { PresignedPost } from '../../signing';
import { presignHmacV1Post } from '../../signing/hmac-v1';
import { hmacV1Signs } from './presign';
import { UnsupportedSignatureVersionError } from '../../errors';

export interface PresignedPostOptions {
  Bucket: string;
  Key: string;
  Fields?: Record<string, string>;
  Conditions?: unknown[];
  ExpiresIn?: number;
}

const PRESIGNED_POST_HELP = () =>
  [
    'client.generatePresignedPost({ Bucket, Key, Fields?, Conditions?, ExpiresIn? }) -> Promise<{ url, fields }>',
    '  URL and form fields for a browser POST upload to S3 (Key may end in ${filename}).',
  ].join('\n');

function presignPostExtension(ctx: ClientContext): Record<string, unknown> {
  const methods = {
    /** URL and form fields for a browser POST upload, as boto3's generate_presigned_post. */
    async generatePresignedPost(options: PresignedPostOptions): Promise<PresignedPost> {
      const args = presignPostArgs(options);
      // botocore: CreateBucket's URL serializes to what a POST form needs.
      const op = ctx.service.operation('CreateBucket');
      const params = { Bucket: args.bucket };
      const { request, auth } = await prepareRequest(ctx, newCallContext(ctx.serviceName, op, { params, ...presignContext(ctx) }));
      const url = request.url.split('?')[0];
      const { bucket, key, fields, conditions, expiresIn } = args;
      // The HMAC-SHA1 opt-in signs POST policies as it signs URLs.
      if (ctx.config.signatureVersion === 's3' && hmacV1Signs(auth)) {
        return presignHmacV1Post({ url, bucket, key, fields, conditions, expiresIn, creds: await signingCredentials(ctx), date: ctx.clockSkew.now() });
      }
      // Only SigV4 (and the HMAC-SHA1 opt-in above) signs a POST policy. botocore has no
      // 'v4a-presign-post' signer (a Multi-Region Access Point) and none for an unsigned client:
      // refused here, rather than a form signed for region '*' that S3 would turn away.
      if (auth.kind !== 'sigv4') {
        const name = auth.kind === 'sigv4a' ? 'v4a' : auth.kind === 'sigv2' ? 'v2' : auth.kind === 'none' ? 'unsigned' : auth.kind;
        throw new UnsupportedSignatureVersionError(`Signature version(s) are not supported: ${name}-presign-post`);
      }
      // A directory bucket's form is signed with its S3 Express session (S3ExpressPostAuth).
      const { creds, identity } = await callCredentials(ctx, { auth, params });
      return presignPost({
        url,
        bucket,
        key,
        fields,
        conditions,
        expiresIn,
        creds,
        signingName: auth.signingName,
        region: presignRegion(ctx, params, auth.signingRegion),
        date: ctx.clockSkew.now(),
        sessionTokenField: identity?.tokenQueryParameter,
      });
    },
  };
  documentMethod(methods.generatePresignedPost, PRESIGNED_POST_HELP);
  return methods;
}

/** Adds generatePresignedPost to every S3 client a session creates. */
export function installS3PresignPost(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => void (p.build as ClientBuild).methods.extensions.push(presignPostExtension));
}
