/**
 * botocore's `add_expect_header` (`before-call.s3`): an S3 PUT or POST whose body is a file-like
 * object is sent with `Expect: 100-continue`, so the server can refuse it (403, a region
 * redirect) from its headers before a byte of the body travels. The transport does the waiting
 * (src/transport/expect-continue.ts).
 *
 * Which bodies are file-like in botocore decides who gets the header:
 * - PutObject and UploadPart: always when `Body` is given, whatever its type, since botocore's
 *   `convert_body_to_file_like_object` wraps bytes and strings in a BytesIO first (an empty Body
 *   too); without a Body there is no header.
 * - Any other S3 PUT/POST: only when its payload is a stream (botocore: an object with `read`);
 *   bytes and strings (every XML body, WriteGetObjectResponse's bytes) go without it.
 * - BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE=true in the process environment (read at each call, as
 *   botocore reads os.environ) leaves the header off a body known to be empty.
 *
 * Presigned URLs never get it (botocore's before-call does not run for them). It runs on
 * `before-checksum`, botojs's stage where the serialized body is known and before the checksum
 * stage may frame it (botocore's before-call comes before its checksum too). `Expect` is not
 * signed (botocore's and aws4's unsigned-header lists both name it).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { BeforeChecksumEvent } from '../../pipeline/call-events';
import { isReadable } from '../../util/is-readable';

/** The operations whose Body botocore turns into a file-like object (convert_body_to_file_like_object). */
const FILE_LIKE_BODY_OPERATIONS = new Set(['PutObject', 'UploadPart']);

function addExpectHeader(p: BeforeChecksumEvent): void {
  if (p.isPresign) return;
  const op = p.operation;
  const method = op.raw.http.method;
  if (method !== 'PUT' && method !== 'POST') return;
  const { request, params } = p;
  const fileLike = (FILE_LIKE_BODY_OPERATIONS.has(op.name) && params.Body !== undefined) || isReadable(request.body);
  if (!fileLike) return;
  // The environment is read only for an empty body (each read is a call into Node's C++ side).
  if (isEmptyBody(request.body) && (process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE ?? '').toLowerCase() === 'true') return;
  request.headers.Expect = '100-continue';
}

/** No body, or one of zero bytes (a stream's length is unknown: not empty). */
function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === '' || (body instanceof Uint8Array && body.length === 0);
}

/** Registers `Expect: 100-continue` for S3 uploads on a session's events. */
export function installS3ExpectContinue(events: HierarchicalEmitter): void {
  events.register('before-checksum.s3', addExpectHeader);
}
