/**
 * A CommonJS program using the installed tarball (scripts/pack-check.sh copies it into a fresh
 * app): real S3 and DynamoDB calls to a loopback server that checks what arrives on the wire.
 */
'use strict';
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const botojs = require('botojs');
const dynamodb = require('botojs/dynamodb');
const testing = require('botojs/testing');

// The package under test is the installed copy, with its models, not the repository.
const root = path.dirname(require.resolve('botojs/package.json'));
assert.equal(root, path.join(__dirname, 'node_modules', 'botojs'));
assert.match(require('botojs/package.json').version, /^\d+\.\d+\.\d+/);
// "exports" closes deep imports: only the documented entry points exist.
assert.throws(() => require('botojs/dist/session/session.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
// The subpaths hand out the very objects the top level does.
for (const name of ['Key', 'Attr', 'TypeSerializer', 'TypeDeserializer', 'DynamoNumber', 'ConditionExpressionBuilder']) assert.equal(dynamodb[name], botojs[name], name);
assert.equal(testing.Stubber, botojs.Stubber);
assert.equal(testing.ANY, botojs.ANY);

const LIST_BUCKETS = '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>photos</Name><CreationDate>2024-05-06T07:08:09.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>';
const seen = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    seen.push({ method: req.method, url: req.url, headers: req.headers, body });
    if (req.headers['x-amz-target']) {
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      res.end(req.headers['x-amz-target'] === 'DynamoDB_20120810.GetItem' ? '{"Item":{"pk":{"S":"a"},"n":{"N":"3"},"tags":{"SS":["x"]}}}' : '{}');
    } else if (req.method === 'PUT') {
      res.setHeader('ETag', '"9a0364b9e99bb480dd25e1f0284c8555"');
      res.end();
    } else if (req.method === 'GET' && req.url === '/') {
      res.setHeader('content-type', 'application/xml');
      res.end(LIST_BUCKETS);
    } else {
      res.statusCode = 404;
      res.setHeader('content-type', 'application/xml');
      res.end('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    }
  });
});

async function main() {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpointUrl = `http://127.0.0.1:${server.address().port}`;
  const session = new botojs.Session({ regionName: 'us-east-1', awsAccessKeyId: 'AKIDEXAMPLE', awsSecretAccessKey: 'secret' });
  const s3 = session.client('s3', { endpointUrl, config: new botojs.Config({ s3: { addressingStyle: 'path' } }) });

  const put = await s3.putObject({ Bucket: 'photos', Key: 'a b.txt', Body: 'content' });
  assert.equal(put.ETag, '"9a0364b9e99bb480dd25e1f0284c8555"');
  assert.equal(seen[0].method, 'PUT');
  assert.equal(seen[0].url, '/photos/a%20b.txt');
  assert.equal(seen[0].body, 'content');
  assert.match(seen[0].headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request/);

  const list = await s3.listBuckets();
  assert.equal(list.Buckets[0].Name, 'photos');
  assert.ok(list.Buckets[0].CreationDate instanceof Date);
  assert.equal(list.Buckets[0].CreationDate.toISOString(), '2024-05-06T07:08:09.000Z');

  await assert.rejects(s3.getObject({ Bucket: 'photos', Key: 'missing' }), (e) => e instanceof botojs.ClientError && e.code === 'NoSuchKey' && e.statusCode === 404);
  // Bad input is refused before anything is sent.
  const sent = seen.length;
  await assert.rejects(s3.putObject({ Bucket: 'photos' }), botojs.ParamValidationError);
  assert.equal(seen.length, sent);

  // The DynamoDB resource customization: native values in and out, conditions from the subpath.
  const table = session.resource('dynamodb', { endpointUrl }).Table('t');
  await table.putItem({ Item: { pk: 'a', n: 3 }, ConditionExpression: dynamodb.Attr('pk').notExists() });
  const wire = JSON.parse(seen[seen.length - 1].body);
  assert.deepEqual(wire.Item, { pk: { S: 'a' }, n: { N: '3' } });
  assert.equal(wire.ConditionExpression, 'attribute_not_exists(#n0)');
  const got = await table.getItem({ Key: { pk: 'a' } });
  assert.deepEqual(got.Item, { pk: 'a', n: 3, tags: new Set(['x']) });
  assert.deepEqual(new dynamodb.TypeSerializer().serialize({ n: 1n }), { M: { n: { N: '1' } } });

  server.close();
  console.log(`cjs ok on node ${process.version}: ${seen.length} requests checked`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
