/**
 * Route 53 ids are sent without their `/hostedzone/`, `/change/` or `/delegationset/` prefix
 * (botocore's fix_route53_ids: members whose shape is ResourceId, DelegationSetId or ChangeId keep
 * what follows the last `/`), in the path, the query and the body. Expected values are boto3
 * 1.43.11's requests for the same calls, captured by a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('Route 53 ids', () => {
  const server = new CannedServer();
  let route53: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'text/xml' }, body: '<R/>' };
    route53 = session.client('route53', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  const sent = (): string => `${server.requests[0].method} ${server.requests[0].url}`;

  it.each([
    ['getHostedZone', { Id: '/hostedzone/Z1' }, 'GET /2013-04-01/hostedzone/Z1'],
    ['getChange', { Id: '/change/C2' }, 'GET /2013-04-01/change/C2'],
    ['getReusableDelegationSet', { Id: '/delegationset/N3' }, 'GET /2013-04-01/delegationset/N3'],
    ['listHostedZonesByName', { DNSName: 'a/b.', HostedZoneId: '/hostedzone/Z4' }, 'GET /2013-04-01/hostedzonesbyname?dnsname=a%2Fb.&hostedzoneid=Z4'],
    // Only the id member is cut: Name is not an id shape and keeps its slash.
    ['deleteKeySigningKey', { HostedZoneId: 'a/b/Z6', Name: 'k/1' }, 'DELETE /2013-04-01/keysigningkey/Z6/k%2F1'],
    ['getHostedZone', { Id: 'Z7/' }, 'GET /2013-04-01/hostedzone/'],
  ])('%s(%j) is sent as boto3 sends it', async (op, params, expected) => {
    await route53[op](params);
    expect(sent()).toBe(expected);
  });

  it('cuts ids in the body too', async () => {
    await route53.createHostedZone({ Name: 'example.com', CallerReference: 'r', DelegationSetId: '/delegationset/N5' });
    expect(sent()).toBe('POST /2013-04-01/hostedzone');
    expect(server.requests[0].body.toString('utf8')).toBe(
      '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>example.com</Name><CallerReference>r</CallerReference><DelegationSetId>N5</DelegationSetId></CreateHostedZoneRequest>',
    );
  });

  it('leaves the caller\'s params object as given', async () => {
    const params = { Id: '/hostedzone/Z1' };
    await route53.getHostedZone(params);
    expect(params.Id).toBe('/hostedzone/Z1');
  });
});
