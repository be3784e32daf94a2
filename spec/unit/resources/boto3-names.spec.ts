/**
 * Member names match boto3's, member for member: for every class of every shipped resource
 * model, boto3's public names (python3 + boto3, skipped with a notice when absent) camelized
 * equal Object.keys() of the botojs resource, except what boto3 adds by customization (S3
 * transfers, Bucket/ObjectSummary load, EC2 tags) and the property form
 * of sub-resources that need no identifiers (`obj.bucket`).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { Session } from '../../../src';
import { classOf, resourceFactoryFor } from '../../../src/resources';
import { camelize, lookupKey } from '../../../src/models/naming';

function boto3Names(): Record<string, Record<string, string[]>> | null {
  try {
    const out = execFileSync('python3', [path.join(__dirname, 'fixtures', 'boto3-member-names.py')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return JSON.parse(out) as Record<string, Record<string, string[]>>;
  } catch {
    return null;
  }
}

const expected = boto3Names();
if (!expected) console.log('[botojs] python3/boto3 not available: skipping the boto3 member-name parity test');
const maybe = expected ? describe : describe.skip;

// Added by boto3 customizations (boto3/s3/inject.py, boto3/ec2/*). DynamoDB's batch_writer is
// built (src/customizations/dynamodb), so it is compared like any other member.
const CUSTOMIZED = new Set(['uploadFile', 'downloadFile', 'copy', 'uploadFileobj', 'downloadFileobj', 'createTags', 'deleteTags']);

// What boto3 adds through base classes (boto3/dynamodb/table.py's TableResource): the fixture
// lists each class's own __dict__, which leaves them out, yet they are boto3 names all the same.
const FROM_BASE_CLASSES: Record<string, string[]> = { 'dynamodb.Table': ['batchWriter'] };

maybe('member names match boto3', () => {
  const session = new Session({ awsAccessKeyId: 'k', awsSecretAccessKey: 's', regionName: 'us-east-1', env: {} });
  it.each(Object.keys(expected ?? {}))('%s', (serviceName) => {
    const service = session.resource(serviceName, { endpointUrl: 'http://127.0.0.1:1' });
    const client = service.meta.client;
    const factory = resourceFactoryFor(session, serviceName, client.meta.serviceModel.apiVersion, client);
    const mismatches: string[] = [];
    for (const [name, names] of Object.entries((expected ?? {})[serviceName])) {
      const cls = name === 'ServiceResource' ? classOf(service) : factory.classFor(name);
      const theirs = new Set([...names.map((n) => (/^[A-Z]/.test(n) ? n : camelize(n))), ...(FROM_BASE_CLASSES[`${serviceName}.${name}`] ?? [])]);
      const ours = new Set(cls.keys);
      const subKeys = new Set(cls.model.subresources.map((s) => lookupKey(s.name)));
      for (const n of theirs) {
        if (ours.has(n) || CUSTOMIZED.has(n)) continue;
        if (n === 'load' || n === 'reload') continue; // boto3 injects load into Bucket/ObjectSummary
        mismatches.push(`${serviceName}.${name}: boto3 has ${n}`);
      }
      for (const n of ours) {
        if (theirs.has(n)) continue;
        if (cls.kinds.get(n) === 'reference' && subKeys.has(lookupKey(n))) continue;
        mismatches.push(`${serviceName}.${name}: botojs has ${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
