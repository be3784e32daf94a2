/**
 * SSO OIDC's error customization, botocore's `_map_oauth2_errors` (`before-parse.sso-oidc.*`).
 * The service follows OAuth 2 and puts an error's text in `error_description`; when the body has
 * no Message (nor message) of its own, that text becomes the error's Message. The body is
 * rewritten before parsing, as botocore rewrites response_dict['body'].
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { RawResponse } from '../../protocols/types';

/** Registers the OAuth 2 error mapping on a session's events. */
export function installSsoOidc(events: HierarchicalEmitter): void {
  events.register('before-parse.sso-oidc', (p) => {
    const raw = p.response as RawResponse;
    if (raw.statusCode < 400 || !raw.body || raw.body.length === 0) return;
    let body: unknown;
    try {
      body = JSON.parse(raw.body.toString('utf8'));
    } catch {
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
    const fields = body as Record<string, unknown>;
    const message = fields.error_description;
    // botocore: body.get('Message', body.get('message')), so a present Message wins even if empty.
    const own = Object.prototype.hasOwnProperty.call(fields, 'Message') ? fields.Message : fields.message;
    if (message && !own) {
      fields.Message = message;
      raw.body = Buffer.from(JSON.stringify(fields), 'utf8');
    }
  });
}
