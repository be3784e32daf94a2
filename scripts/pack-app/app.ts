/**
 * A TypeScript user of the installed tarball, type-checked (never run) with --strict under the
 * node10, node16 and bundler module resolutions: the types of `botojs` and of its subpaths
 * resolve in each. The @ts-expect-error lines prove the names are typed, not `any`.
 */
import { Session, Config, ClientError, Stubber, type Client } from 'botojs';
import { Key, Attr, TypeSerializer, TypeDeserializer, DynamoNumber, type AttributeValue, type NativeAttributeValue, type BatchWriter, type BuiltConditionExpression } from 'botojs/dynamodb';
import { Stubber as TestingStubber, ANY, type ClientErrorStub } from 'botojs/testing';

const session = new Session({ regionName: 'us-east-1', profileName: 'default' });
const s3: Client = session.client('s3', { config: new Config({ retries: { maxAttempts: 3 } }) });
const stub: Stubber = new TestingStubber(s3);
const errorStub: ClientErrorStub = { serviceErrorCode: 'NoSuchKey', expectedParams: { Key: ANY } };
stub.addClientError('getObject', errorStub);

const serialized: AttributeValue = new TypeSerializer().serialize({ n: new DynamoNumber('1.5') });
const native: NativeAttributeValue = new TypeDeserializer().deserialize(serialized);
const condition = Key('pk').eq('a').and(Attr('n').gt(2));
declare const writer: BatchWriter;
declare const built: BuiltConditionExpression;
const expression: string = built.conditionExpression;

async function main(): Promise<void> {
  try {
    await s3.getObject({ Bucket: 'b', Key: 'k' });
  } catch (e) {
    if (e instanceof ClientError) console.log(e.code, e.statusCode);
  }
  await writer.close();
}

// @ts-expect-error Key takes an attribute name
Key(3);
// @ts-expect-error maxAttempts is a number
new Config({ retries: { maxAttempts: 'three' } });
// @ts-expect-error the serializer returns an AttributeValue, not a string
const wrong: string = new TypeSerializer().serialize('x');

export { main, native, condition, expression, wrong };
