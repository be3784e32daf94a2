/**
 * Cross-region copies carry a URL presigned in the source region (botocore handlers.py):
 *
 * - inject_presigned_url_rds (before-call of RDS CopyDBClusterSnapshot, CreateDBCluster,
 *   CopyDBSnapshot, CreateDBInstanceReadReplica, StartDBInstanceAutomatedBackupsReplication;
 *   Neptune and DocumentDB CopyDBClusterSnapshot, CreateDBCluster): a `SourceRegion` param is
 *   taken out of the request (the service does not know it) and, unless the caller gave one,
 *   `PreSignedUrl` is added;
 * - inject_presigned_url_ec2 (before-call.ec2.CopySnapshot): unless the caller gave a
 *   `PresignedUrl`, one is added, and `DestinationRegion` is set to the client's region.
 *
 * The URL (botocore's _get_cross_region_presigned_url) presigns, with SigV4 query auth for the
 * source region and 3600 s, a GET of the same operation: the request's URL with every
 * occurrence of the client's region replaced by the source region, no headers, and the request's
 * parameters (after SourceRegion's removal for RDS) plus DestinationRegion moved into the query.
 * Parameters are edited in the serialized form body as botocore edits its body dict: a key that
 * exists keeps its place, a new one goes last. botocore's before-call is botojs's
 * before-checksum; neither runs for generatePresignedUrl.
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { RequestSigner } from '../pipeline/request-signer';
import type { HttpRequestSpec } from '../protocols/types';
import { deletePair, formEncode, getPair, parseForm, setPair } from '../util/form-urlencoded';

const RDS_STYLE: Record<string, string[]> = {
  rds: ['CopyDBClusterSnapshot', 'CreateDBCluster', 'CopyDBSnapshot', 'CreateDBInstanceReadReplica', 'StartDBInstanceAutomatedBackupsReplication'],
  neptune: ['CopyDBClusterSnapshot', 'CreateDBCluster'],
  docdb: ['CopyDBClusterSnapshot', 'CreateDBCluster'],
};

const FORM_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

interface BeforeChecksum {
  request: HttpRequestSpec;
  url: string;
  requestSigner: RequestSigner;
  isPresign?: boolean;
}

function formBody(request: HttpRequestSpec): Array<[string, string]> | undefined {
  const body = request.body;
  if (typeof body === 'string') return parseForm(body);
  if (Buffer.isBuffer(body)) return parseForm(body.toString('utf8'));
  return undefined;
}

/** botocore's _get_cross_region_presigned_url. */
function crossRegionUrl(p: BeforeChecksum, pairs: Array<[string, string]>, source: string, destination: string): Promise<string> {
  const copy = pairs.map(([k, v]): [string, string] => [k, v]);
  setPair(copy, 'DestinationRegion', destination);
  return p.requestSigner.generatePresignedUrl(
    // The form content type only tells the presigner to move the body into the query (it drops it).
    { method: 'GET', url: p.url.split(destination).join(source), headers: { 'Content-Type': FORM_TYPE }, body: formEncode(copy) },
    { regionName: source },
  );
}

export function installCrossRegionPresign(events: HierarchicalEmitter): void {
  for (const [service, operations] of Object.entries(RDS_STYLE)) {
    for (const op of operations) {
      events.register(`before-checksum.${service}.${op}`, async (payload) => {
        const p = payload as unknown as BeforeChecksum;
        if (p.isPresign) return;
        const pairs = formBody(p.request);
        const source = pairs && getPair(pairs, 'SourceRegion');
        if (!pairs || source === undefined) return;
        deletePair(pairs, 'SourceRegion');
        if (getPair(pairs, 'PreSignedUrl') === undefined) {
          setPair(pairs, 'PreSignedUrl', await crossRegionUrl(p, pairs, source, p.requestSigner.regionName));
        }
        p.request.body = formEncode(pairs);
      });
    }
  }
  events.register('before-checksum.ec2.CopySnapshot', async (payload) => {
    const p = payload as unknown as BeforeChecksum;
    if (p.isPresign) return;
    const pairs = formBody(p.request);
    if (!pairs || getPair(pairs, 'PresignedUrl') !== undefined) return;
    const destination = p.requestSigner.regionName;
    setPair(pairs, 'PresignedUrl', await crossRegionUrl(p, pairs, getPair(pairs, 'SourceRegion') ?? '', destination));
    // EC2 wants the destination region on the wire as well.
    setPair(pairs, 'DestinationRegion', destination);
    p.request.body = formEncode(pairs);
  });
}
