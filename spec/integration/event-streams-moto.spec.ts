/**
 * S3 SelectObjectContent against moto (a real server that answers with event stream frames),
 * read with `for await`, and compared with boto3's events for the same query on the same server.
 * Skipped with a printed notice when moto (or, for the comparison, boto3) is not available.
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import { Config } from '../../src';
import { isolatedSession, uniqueName } from '../helpers/local';

const endpoint = process.env.BOTOJS_TEST_MOTO_ENDPOINT;
if (!endpoint) console.log('[botojs] BOTOJS_TEST_MOTO_ENDPOINT is not set (moto not available): skipping the S3 Select event stream tests');
const maybe = endpoint ? describe : describe.skip;

const CSV = 'name,qty\napple,3\npear,5\nplum,7\n';
// moto's S3 Select understands little SQL: the whole object it does.
const QUERY = 'SELECT * FROM S3Object';

type Stream = AsyncIterable<Record<string, Record<string, unknown>>> & { close(): void };

/** Events as plain JSON: bytes as text, so both SDKs' events compare. */
function plain(events: Array<Record<string, Record<string, unknown>>>): unknown {
  return JSON.parse(JSON.stringify(events, (_k, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('utf8') : v)));
}

async function boto3Events(bucket: string): Promise<unknown> {
  const script = `
import boto3, json, sys, os
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1', aws_access_key_id='k', aws_secret_access_key='s', config=Config(s3={'addressing_style': 'path'}))
r = s3.select_object_content(Bucket=sys.argv[1], Key='fruit.csv', Expression=sys.argv[2], ExpressionType='SQL', InputSerialization={'CSV': {'FileHeaderInfo': 'USE'}}, OutputSerialization={'CSV': {}})
out = []
for event in r['Payload']:
    out.append({k: {m: (x.decode() if isinstance(x, bytes) else x) for m, x in v.items()} for k, v in event.items()})
print(json.dumps(out))
`;
  const { stdout } = await promisify(execFile)('python3', ['-c', script, bucket, QUERY], { env: { ...process.env, ENDPOINT: endpoint, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
  return JSON.parse(stdout) as unknown;
}

maybe('S3 SelectObjectContent on moto', () => {
  const s3 = isolatedSession().client('s3', { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
  const bucket = uniqueName('select');
  const select = () =>
    s3.selectObjectContent({ Bucket: bucket, Key: 'fruit.csv', Expression: QUERY, ExpressionType: 'SQL', InputSerialization: { CSV: { FileHeaderInfo: 'USE' } }, OutputSerialization: { CSV: {} } });

  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
    await s3.putObject({ Bucket: bucket, Key: 'fruit.csv', Body: CSV });
  });
  afterAll(() => s3.close());

  it('yields Records, Stats and End as boto3 does', async () => {
    const r = await select();
    const events: Array<Record<string, Record<string, unknown>>> = [];
    for await (const event of r.Payload as Stream) events.push(event);
    expect(events.map((e) => Object.keys(e)[0])).toEqual(['Records', 'Stats', 'End']);
    expect(events[0].Records.Payload).toBeInstanceOf(Buffer);
    expect((events[0].Records.Payload as Buffer).toString()).toContain('apple,3\npear,5\nplum,7\n');
    expect(events[1].Stats.Details).toEqual({ BytesScanned: expect.any(Number), BytesProcessed: expect.any(Number), BytesReturned: (events[0].Records.Payload as Buffer).length });
    expect(events[2]).toEqual({ End: {} });

    let python: unknown;
    try {
      python = await boto3Events(bucket);
    } catch (e) {
      console.log(`[botojs] boto3 not available, S3 Select compared with moto only: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    expect(plain(events)).toEqual(python);
  });

  it('close() after the first event ends the iteration', async () => {
    const r = await select();
    const stream = r.Payload as Stream;
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(Object.keys(event)[0]);
      stream.close();
    }
    expect(seen).toEqual(['Records']);
    // The client goes on working.
    expect((await s3.headObject({ Bucket: bucket, Key: 'fruit.csv' })).ContentLength).toBe(CSV.length);
  });
});
