/**
 * CloudWatch, a service whose model lists smithy-rpc-v2-cbor, json and query, against moto
 * (`python3 -m moto.server`, started by jest's global setup), compared with boto3 on the same
 * server. botojs speaks json by default (botocore's choice) and query when Config asks; CBOR
 * runs only when moto answers it (moto 5.2 has no rpc-v2-cbor route and answers 404: then the
 * CBOR case prints a notice and checks only that the 404 is a ClientError). Skipped with a
 * printed notice when moto or boto3 is not available.
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import { ClientError, Config } from '../../src';
import type { ProtocolName } from '../../src';
import { isolatedSession, uniqueName } from '../helpers/local';
import { hasBoto3 } from './resources-support';

const endpoint = process.env.BOTOJS_TEST_MOTO_ENDPOINT;
if (!endpoint) console.log('[botojs] BOTOJS_TEST_MOTO_ENDPOINT is not set (moto not available): skipping the CloudWatch protocol tests');
const maybe = endpoint ? describe : describe.skip;

function cloudwatch(protocol?: ProtocolName) {
  const config = new Config({ retries: { totalMaxAttempts: 1 }, ...(protocol ? { protocol } : {}) });
  return isolatedSession().client('cloudwatch', { endpointUrl: endpoint, config });
}

/** boto3's ListMetrics for `namespace` on moto, speaking `protocol` (botocore's own choice when undefined). */
async function boto3Metrics(namespace: string, protocol?: string): Promise<unknown> {
  const force = protocol ? `botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (${JSON.stringify(protocol)},)` : '';
  const code = [
    'import json, sys, boto3, botocore.model',
    force,
    "c = boto3.client('cloudwatch', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='S3RVER', aws_secret_access_key='S3RVER')",
    "out = c.list_metrics(Namespace=sys.argv[2])",
    "print(json.dumps({'protocol': c.meta.service_model.resolved_protocol, 'Metrics': out['Metrics']}))",
  ].join('\n');
  const { stdout } = await promisify(execFile)('python3', ['-c', code, endpoint as string, namespace], {
    env: { ...process.env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
  });
  return JSON.parse(stdout);
}

const sortMetrics = (m: Array<{ MetricName: string }>) => [...m].sort((a, b) => a.MetricName.localeCompare(b.MetricName));

maybe('CloudWatch on moto: the protocols its model lists', () => {
  it.each<[string, ProtocolName | undefined]>([
    ['json (Config; botocore\'s default)', 'json'],
    ['query (Config)', 'query'],
  ])('%s: PutMetricData then ListMetrics, the result equal to boto3 on the same server', async (_name, protocol) => {
    const namespace = uniqueName('botojs-cw');
    const client = cloudwatch(protocol);
    await client.putMetricData({
      Namespace: namespace,
      MetricData: [
        { MetricName: 'latency', Value: 12.5, Unit: 'Milliseconds', Timestamp: new Date(), Dimensions: [{ Name: 'host', Value: 'a' }] },
        { MetricName: 'count', Value: 3, Unit: 'Count' },
      ],
    });
    const ours = await client.listMetrics({ Namespace: namespace });
    expect(sortMetrics(ours.Metrics)).toEqual([
      { Namespace: namespace, MetricName: 'count', Dimensions: [] },
      { Namespace: namespace, MetricName: 'latency', Dimensions: [{ Name: 'host', Value: 'a' }] },
    ]);
    if (!hasBoto3()) {
      console.log('[botojs] boto3 is not available: CloudWatch results not compared with boto3');
      return;
    }
    const theirs = (await boto3Metrics(namespace)) as { protocol: string; Metrics: Array<{ MetricName: string }> };
    expect(theirs.protocol).toBe('json');
    expect(sortMetrics(ours.Metrics)).toEqual(sortMetrics(theirs.Metrics));
  }, 60000);

  it('smithy-rpc-v2-cbor (the default: the model lists it first): compared with boto3 when moto speaks it', async () => {
    const namespace = uniqueName('botojs-cw-cbor');
    const client = cloudwatch();
    let ours: { Metrics: Array<{ MetricName: string }> };
    try {
      await client.putMetricData({ Namespace: namespace, MetricData: [{ MetricName: 'm', Value: 1.5 }] });
      ours = await client.listMetrics({ Namespace: namespace });
    } catch (e) {
      if (!(e instanceof ClientError) || e.response.ResponseMetadata?.HTTPStatusCode !== 404) throw e;
      console.log('[botojs] moto does not answer smithy-rpc-v2-cbor (404 on /service/<target>/operation/<Operation>): CloudWatch over CBOR not compared with boto3');
      return;
    }
    expect(ours.Metrics).toEqual([{ Namespace: namespace, MetricName: 'm', Dimensions: [] }]);
    if (!hasBoto3()) return;
    const theirs = (await boto3Metrics(namespace, 'smithy-rpc-v2-cbor')) as { protocol: string; Metrics: unknown };
    expect(theirs.protocol).toBe('smithy-rpc-v2-cbor');
    expect(ours.Metrics).toEqual(theirs.Metrics);
  }, 60000);
});
