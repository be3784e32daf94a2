/**
 * An ES module program using the installed tarball: every name the CommonJS build exports must
 * be a named ESM export too (Node finds them with its CommonJS export scanner), including the
 * lazy ones and the subpaths, and they must work.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import botojsDefault, { Session, Config, Paginator, TransferConfig, Key, Stubber, ClientError, help } from 'botojs';
import * as botojs from 'botojs';
import * as dynamodbNs from 'botojs/dynamodb';
import { Key as DKey, Attr, TypeSerializer, TypeDeserializer, DynamoNumber, ConditionExpressionBuilder } from 'botojs/dynamodb';
import * as testingNs from 'botojs/testing';
import { Stubber as TStubber, ANY } from 'botojs/testing';

const require = createRequire(import.meta.url);
for (const [specifier, ns] of [['botojs', botojs], ['botojs/dynamodb', dynamodbNs], ['botojs/testing', testingNs]]) {
  const cjsNames = Object.keys(require(specifier));
  const missing = cjsNames.filter((name) => !(name in ns));
  assert.deepEqual(missing, [], `${specifier}: names require() sees but import does not`);
  assert.ok(cjsNames.length > 0, specifier);
}
assert.equal(botojsDefault.Session, Session);
assert.equal(DKey, Key);
assert.equal(TStubber, Stubber);
assert.equal(typeof Paginator, 'function');
assert.equal(typeof help, 'function');
assert.ok(new TransferConfig() instanceof TransferConfig);
assert.ok(new Config({ retries: { maxAttempts: 2 } }) instanceof Config);

// A stubbed call: the testing entry point works end to end.
const s3 = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' }).client('s3');
const stubber = new TStubber(s3);
stubber.addResponse('listBuckets', { Buckets: [{ Name: 'x' }] });
stubber.addClientError('headBucket', { serviceErrorCode: 'NotFound', httpStatusCode: 404, expectedParams: { Bucket: ANY } });
stubber.activate();
assert.equal((await s3.listBuckets()).Buckets[0].Name, 'x');
await assert.rejects(s3.headBucket({ Bucket: 'y' }), (e) => e instanceof ClientError && e.code === 'NotFound');
stubber.assertNoPendingResponses();

const built = new ConditionExpressionBuilder().buildExpression(Key('pk').eq('a').and(Attr('n').between(1, 5)));
assert.equal(built.conditionExpression, '(#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2)');
const serialized = new TypeSerializer().serialize(new Set([new DynamoNumber('1.50')]));
assert.deepEqual(serialized, { NS: ['1.50'] });
assert.deepEqual(new TypeDeserializer().deserialize({ L: [{ S: 'a' }, { BOOL: true }] }), ['a', true]);

console.log(`esm ok on node ${process.version}: ${Object.keys(botojs).length} names from botojs`);
