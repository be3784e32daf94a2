/**
 * 100,000 calls in one process keep memory flat (issue 10): a fresh Node process (with
 * --expose-gc, so the heap can be measured after a full collection) makes 100,000 DynamoDB
 * GetItem calls, 16 at a time, against a loopback server in the same process, and reports the
 * heap after 10,000 calls and after 100,000. Per-call state (in-flight records, abort
 * listeners, pool slots, endpoint cache entries) must not accumulate.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

const PROGRAM = `
  const http = require('http');
  const body = Buffer.from(JSON.stringify({ Item: { pk: { S: 'a' }, n: { N: '1' } } }));
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': body.length }); res.end(body); });
  });
  srv.keepAliveTimeout = 60000;
  srv.listen(0, '127.0.0.1', async () => {
    const { Session } = require('./src');
    const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
    const ddb = session.client('dynamodb', { endpointUrl: 'http://127.0.0.1:' + srv.address().port });
    const ac = new AbortController();
    let done = 0;
    const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed; };
    const run = async (count) => {
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < count) {
          next++;
          const r = await ddb.getItem({ TableName: 't', Key: { pk: { S: 'a' } } }, { abortSignal: ac.signal });
          if (r.Item.pk.S !== 'a') throw new Error('bad item');
          done++;
        }
      }));
    };
    await run(10000);
    const after10k = heap();
    await run(90000);
    const after100k = heap();
    ddb.close();
    srv.close();
    console.log(JSON.stringify({ done, after10k, after100k }));
  });`;

describe('memory over 100,000 calls', () => {
  it('stays flat: the heap after 100,000 calls is within 4 MB of the heap after 10,000', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-e', PROGRAM], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const { done, after10k, after100k } = JSON.parse(out.trim().split('\n').pop() as string) as { done: number; after10k: number; after100k: number };
    console.log(`heap after 10,000 calls: ${(after10k / 1048576).toFixed(1)} MB; after 100,000: ${(after100k / 1048576).toFixed(1)} MB`);
    expect(done).toBe(100000);
    expect(after100k - after10k).toBeLessThan(4 * 1024 * 1024);
  }, 300000);
});
