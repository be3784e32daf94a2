/**
 * CloudSearch Domain's request customization, botocore's `change_get_to_post`
 * (`request-created.cloudsearchdomain.Search`): Search is modelled as a GET whose parameters are
 * all in the query string, which a long query can push past URL limits; it is sent instead as a
 * POST whose body is that query string, `Content-Type: application/x-www-form-urlencoded`. The
 * URL keeps everything before the first `?`. It runs before signing, so the body and the header
 * are signed. A request without a query is left as it is (botocore checks the same).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { PreparedRequest } from '../../pipeline/make-api-call';

/** Registers the GET-to-POST switch on a session's events. */
export function installCloudSearchDomainPost(events: HierarchicalEmitter): void {
  events.register('request-created.cloudsearch-domain.Search', (p) => {
    const request = p.request as PreparedRequest;
    const q = request.url.indexOf('?');
    if (request.method !== 'GET' || q < 0) return;
    request.headers['Content-Type'] = 'application/x-www-form-urlencoded';
    request.method = 'POST';
    request.body = request.url.slice(q + 1);
    request.url = request.url.slice(0, q);
  });
}
