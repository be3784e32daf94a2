/**
 * botocore's `escape_xml_payload` (`before-call.s3.DeleteObjects`,
 * `before-call.s3.PutBucketLifecycleConfiguration`): every CR and LF in the XML body becomes
 * `&#xD;` / `&#xA;`, so a key or prefix holding one survives the server's XML line-break
 * normalization (CR LF and a lone CR would be read as LF, naming another object). Only these
 * two operations: elsewhere botocore, like ElementTree, sends CR and LF in text as they are, and
 * so does botojs's XML writer. The only CR/LF in these bodies are the caller's (the writer adds
 * no whitespace), so replacing over the whole document is safe. It runs on `before-checksum`,
 * as botocore's before-call runs before the request checksum: the checksum covers the escaped
 * body.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { HttpRequestSpec } from '../../protocols/types';

const CR = /\r/g;
const LF = /\n/g;

function escapeLineBreaks(p: Record<string, unknown>): void {
  const request = p.request as HttpRequestSpec;
  const body = request.body;
  if (typeof body === 'string') request.body = body.replace(CR, '&#xD;').replace(LF, '&#xA;');
  else if (Buffer.isBuffer(body) && (body.includes(0x0d) || body.includes(0x0a))) {
    request.body = Buffer.from(body.toString('latin1').replace(CR, '&#xD;').replace(LF, '&#xA;'), 'latin1');
  }
}

/** Registers the CR/LF escaping on a session's events. */
export function installS3EscapeXmlPayload(events: HierarchicalEmitter): void {
  events.register('before-checksum.s3.DeleteObjects', escapeLineBreaks);
  events.register('before-checksum.s3.PutBucketLifecycleConfiguration', escapeLineBreaks);
}
