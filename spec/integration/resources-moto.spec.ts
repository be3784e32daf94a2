/**
 * EC2, SQS, SNS and IAM resource flows, and S3 object versions (s3rver has no
 * ListObjectVersions), against moto (`python3 -m moto.server`, started by jest's global setup).
 * Skipped with a printed notice when moto is not available.
 */
import { inspect } from 'util';
import { Config } from '../../src';
import type { Resource, ServiceResource } from '../../src';
import { isolatedSession, uniqueName } from '../helpers/local';
import { recordCalls, renamed, runBoto3, toArray } from './resources-support';

const endpoint = process.env.BOTOJS_TEST_MOTO_ENDPOINT;
if (!endpoint) console.log('[botojs] BOTOJS_TEST_MOTO_ENDPOINT is not set (moto not available): skipping EC2/SQS/SNS/IAM resource tests');
const maybe = endpoint ? describe : describe.skip;

function motoResource(service: string): ServiceResource {
  return isolatedSession().resource(service, { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
}

maybe('resources on moto', () => {
  it('EC2: createInstances returns Instance resources; waitUntilRunning, stop, start, terminate', async () => {
    const ec2 = motoResource('ec2');
    const images = await ec2.meta.client.describeImages();
    const imageId = images.Images[0].ImageId as string;
    const instances = (await ec2.createInstances({ ImageId: imageId, MinCount: 1, MaxCount: 1, InstanceType: 't2.micro' })) as Resource[];
    expect(instances).toHaveLength(1);
    const [inst] = instances;
    expect(inspect(inst)).toMatch(/^ec2\.Instance\(id='i-[0-9a-f]+'\)$/);
    expect(inst.instanceId).toBe(inst.id); // an attribute aliasing the identifier
    expect(inst.instanceType).toBe('t2.micro'); // data from the response: no load
    const vpc = inst.vpc as Resource; // a reference, from data
    expect(vpc.meta.className).toBe('ec2.Vpc');
    expect(vpc.id).toMatch(/^vpc-/);
    expect((inst.subnet as Resource).id).toMatch(/^subnet-/);

    // boto3's EC2 customizations: createTags returns Tag resources, instance.deleteTags.
    const tags = (await ec2.createTags({ Resources: [inst.id], Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'dev' }] })) as Resource[];
    expect(tags.map((t) => inspect(t))).toEqual([`ec2.Tag(resourceId='${inst.id}', key='team', value='a')`, `ec2.Tag(resourceId='${inst.id}', key='env', value='dev')`]);
    await inst.deleteTags({ Tags: [{ Key: 'env' }] });
    const described = await ec2.meta.client.describeTags({ Filters: [{ Name: 'resource-id', Values: [inst.id] }] });
    expect(described.Tags.map((t: { Key: string }) => t.Key)).toEqual(['team']);

    const calls = recordCalls(ec2.meta.client);
    await inst.waitUntilRunning({ WaiterConfig: { Delay: 1, MaxAttempts: 20 } });
    expect(calls[0]).toEqual(['DescribeInstances', { InstanceIds: [inst.id] }]); // the waiter's params, from the identifier
    await inst.load();
    expect((inst.state as { Name: string }).Name).toBe('running');
    expect(inst.launchTime).toBeInstanceOf(Date);
    const stopped = (await inst.stop()) as { StoppingInstances: unknown[] };
    expect(stopped.StoppingInstances).toHaveLength(1);
    expect(inst.meta.data).toBeNull(); // actions forget loaded data
    await inst.waitUntilStopped({ WaiterConfig: { Delay: 1, MaxAttempts: 20 } });
    await inst.start();
    await inst.terminate();
    await inst.waitUntilTerminated({ WaiterConfig: { Delay: 1, MaxAttempts: 20 } });
    expect(((await inst.state) as { Name: string }).Name).toBe('terminated'); // unloaded: a Promise that loads
    expect(calls.map((c) => c[0])).toEqual(
      expect.arrayContaining(['DescribeInstances', 'StopInstances', 'StartInstances', 'TerminateInstances']),
    );
    expect(calls.find((c) => c[0] === 'StopInstances')?.[1]).toEqual({ InstanceIds: [inst.id] });

    const listed = await toArray(ec2.instances.filter({ InstanceIds: [inst.id] }) as AsyncIterable<Resource>);
    expect(listed.map((i) => i.id)).toEqual([inst.id]);
  }, 60000);

  it('SQS: sendMessage, receiveMessages returning Message resources, message.delete()', async () => {
    const sqs = motoResource('sqs');
    const queue = (await sqs.createQueue({ QueueName: uniqueName('q') })) as Resource;
    expect(queue.meta.className).toBe('sqs.Queue');
    expect(queue.url).toMatch(/^http/);
    await queue.sendMessage({ MessageBody: 'hello' });
    await queue.sendMessage({ MessageBody: 'world' });
    const calls = recordCalls(sqs.meta.client);
    const messages = (await queue.receiveMessages({ MaxNumberOfMessages: 10 })) as Resource[];
    expect(messages.map((m) => m.body).sort()).toEqual(['hello', 'world']);
    expect(messages[0].meta.className).toBe('sqs.Message');
    expect(messages[0].queueUrl).toBe(queue.url);
    for (const m of messages) await m.delete();
    expect(calls).toEqual([
      ['ReceiveMessage', { QueueUrl: queue.url, MaxNumberOfMessages: 10 }],
      ...messages.map((m) => ['DeleteMessage', { QueueUrl: queue.url, ReceiptHandle: m.receiptHandle }]),
    ]);
    expect(((await queue.attributes) as Record<string, string>).ApproximateNumberOfMessages).toBe('0');
    const urls = (await toArray(sqs.queues.all() as AsyncIterable<Resource>)).map((q) => q.url);
    expect(urls).toContain(queue.url);
  });

  it('SNS: topic.subscribe returns a Subscription; topic.subscriptions lists it', async () => {
    const sns = motoResource('sns');
    const sqs = motoResource('sqs');
    const topic = (await sns.createTopic({ Name: uniqueName('t') })) as Resource;
    expect(topic.arn).toMatch(/^arn:aws:sns:/);
    const queue = (await sqs.createQueue({ QueueName: uniqueName('sub') })) as Resource;
    const queueArn = ((await queue.attributes) as Record<string, string>).QueueArn;
    const sub = (await topic.subscribe({ Protocol: 'sqs', Endpoint: queueArn })) as Resource;
    expect(sub.meta.className).toBe('sns.Subscription');
    expect(sub.arn).toMatch(/^arn:aws:sns:/);
    const subs = (await toArray(topic.subscriptions.all() as AsyncIterable<Resource>)).map((s) => s.arn);
    expect(subs).toEqual([sub.arn]);
    await topic.publish({ Message: 'ping' });
    await topic.delete();
  });

  it('IAM: user lifecycle (iam.User(name), load(), createDate is a Date), as boto3 sends it', async () => {
    const iam = motoResource('iam');
    const name = uniqueName('user');
    const calls = recordCalls(iam.meta.client);
    const created = (await iam.createUser({ UserName: name })) as Resource;
    expect(inspect(created)).toBe(`iam.User(name='${name}')`);
    const user = iam.User(name);
    await user.load();
    expect(user.createDate).toBeInstanceOf(Date);
    expect(user.userName).toBe(name); // shape member aliasing the identifier
    expect(user.arn).toMatch(/^arn:aws:iam::/);
    await user.createAccessKeyPair();
    const keys = await toArray(user.accessKeys.all() as AsyncIterable<Resource>);
    expect(keys).toHaveLength(1);
    for (const k of keys) await k.delete();
    await user.delete();
    const py = await runBoto3(
      `iam = resource('iam')
calls.clear()
created = iam.create_user(UserName='${name}-py')
user = iam.User('${name}-py')
user.load()
assert user.create_date is not None
user.create_access_key_pair()
for k in list(user.access_keys.all()): k.delete()
user.delete()`,
      endpoint as string,
    );
    if (py) {
      const norm = (c: typeof calls) => c.map(([op, p]) => [op, { ...p, AccessKeyId: p.AccessKeyId ? '<id>' : undefined }]);
      expect(norm(calls)).toEqual(norm(renamed(py, `${name}-py`, name)));
    }
  });

  it('S3 on moto: objectVersions lists every version; objectVersions.delete() removes them in one DeleteObjects', async () => {
    const s3 = motoResource('s3');
    const bucket = s3.Bucket(uniqueName('ver'));
    await bucket.create();
    await bucket.Versioning().enable();
    await bucket.putObject({ Key: 'a.txt', Body: 'one' });
    await bucket.putObject({ Key: 'a.txt', Body: 'two' });
    await bucket.putObject({ Key: 'b.txt', Body: 'three' });
    await bucket.Object('b.txt').delete(); // leaves a delete marker
    const versions = await toArray(bucket.objectVersions.all() as AsyncIterable<Resource>);
    expect(versions.map((v) => v.meta.className)).toEqual(Array(4).fill('s3.ObjectVersion'));
    expect(versions.map((v) => v.objectKey).sort()).toEqual(['a.txt', 'a.txt', 'b.txt', 'b.txt']);
    expect(versions.every((v) => typeof v.id === 'string' && v.id.length > 0)).toBe(true);
    const calls = recordCalls(s3.meta.client);
    const responses = (await bucket.objectVersions.delete()) as unknown[];
    expect(responses).toHaveLength(1);
    expect(calls[1][0]).toBe('DeleteObjects');
    const objects = (calls[1][1] as { Delete: { Objects: Array<{ Key: string; VersionId: string }> } }).Delete.Objects;
    expect(objects.map((o) => o.Key).sort()).toEqual(['a.txt', 'a.txt', 'b.txt', 'b.txt']);
    expect(objects.every((o) => typeof o.VersionId === 'string')).toBe(true);
    expect(await toArray(bucket.objectVersions.all() as AsyncIterable<Resource>)).toEqual([]);
    await bucket.delete();
    const py = await runBoto3(
      `s3 = resource('s3')
b = s3.Bucket('${bucket.name}-py')
b.create()
b.Versioning().enable()
b.put_object(Key='a.txt', Body=b'one')
calls.clear()
list(b.object_versions.all())
b.object_versions.delete()
list(b.object_versions.all())`,
      endpoint as string,
    );
    if (py) {
      expect(py.map((c) => c[0])).toEqual(['ListObjectVersions', 'ListObjectVersions', 'DeleteObjects', 'ListObjectVersions']);
      expect(calls.map((c) => c[0])).toEqual(['ListObjectVersions', 'DeleteObjects', 'ListObjectVersions', 'DeleteBucket']);
      expect(calls[0]).toEqual(renamed([py[0]], `${bucket.name}-py`, bucket.name)[0]);
    }
  });
});
