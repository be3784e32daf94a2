/**
 * `npx ts-node --transpile-only bench/json-body.ts`: the JSON request-body writer (json-text.ts)
 * against JSON.stringify plus a post-pass to the same bytes (separators rewritten outside strings,
 * non-ASCII escaped), and plain JSON.stringify (compact, not botocore's bytes) as the floor, on
 * typical DynamoDB bodies. Prints microseconds per body (fastest of 7 rounds: the machine is shared); numbers in docs/DESIGN.md.
 */
import { jsonText } from '../src/util/json-text';

const TOKEN = /"(?:[^"\\]|\\.)*"|[,:]/g;
const NON_ASCII = /[\u007f-\uffff]/g;
const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The alternative measured: JSON.stringify, then a tokenizing pass and an escaping pass. */
function stringifyPostPass(v: unknown): string {
  const t = JSON.stringify(v).replace(TOKEN, (m) => (m === ',' ? ', ' : m === ':' ? ': ' : m));
  return NON_ASCII.test(t) ? t.replace(NON_ASCII, hex4) : t;
}

const item = (i: number) => ({
  pk: { S: `user#${i}` },
  sk: { S: `order#2024-05-06T07:08:09Z#${i}` },
  status: { S: 'SHIPPED' },
  total: { N: '129.95' },
  qty: { N: String(i % 7) },
  tags: { SS: ['gift', 'express'] },
  address: { M: { street: { S: '1 Main St' }, city: { S: 'Seattle' }, zip: { S: '98101' } } },
  active: { BOOL: true },
});
const bodies: Record<string, unknown> = {
  GetItem: { TableName: 'orders', Key: { pk: { S: 'user#1' }, sk: { S: 'order#1' } }, ConsistentRead: true },
  PutItem: { TableName: 'orders', Item: item(1), ConditionExpression: 'attribute_not_exists(pk)' },
  'PutItem (non-ASCII)': { TableName: 'orders', Item: { ...item(1), note: { S: 'café – größe 😀' } } },
  'BatchWriteItem x100': { RequestItems: { orders: Array.from({ length: 100 }, (_, i) => ({ PutRequest: { Item: item(i) } })) } },
};

function measure(fn: (v: unknown) => string, v: unknown): number {
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(v);
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns > 50e6) return ns / n / 1000;
    n *= 2;
  }
}

const writers: Record<string, (v: unknown) => string> = { 'jsonText (writer)': (v) => jsonText(v), 'stringify + post-pass': stringifyPostPass, 'JSON.stringify (floor)': (v) => JSON.stringify(v) };
for (const [name, body] of Object.entries(bodies)) {
  if (jsonText(body) !== stringifyPostPass(body)) throw new Error(`${name}: the two writers disagree`);
  const row: string[] = [];
  for (const [wname, fn] of Object.entries(writers)) {
    const runs = Array.from({ length: 7 }, () => measure(fn, body)).sort((a, b) => a - b);
    row.push(`${wname} ${runs[0].toFixed(2)} µs`);
  }
  console.log(`${name.padEnd(22)} ${jsonText(body).length} B: ${row.join(' | ')}`);
}
