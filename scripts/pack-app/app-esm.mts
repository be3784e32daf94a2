/** The same packages seen from an ES module under node16 resolution (checked, never run). */
import { Session, Paginator } from 'botojs';
import { Key, TypeSerializer } from 'botojs/dynamodb';
import { Stubber, ANY } from 'botojs/testing';

const s3 = new Session({ regionName: 'us-east-1' }).client('s3');
new Stubber(s3).addResponse('listBuckets', { Buckets: [] }, { ANY_PARAM: ANY });
const serialized = new TypeSerializer().serialize(Key('pk').name);
// @ts-expect-error Paginator is a class, not a string
const notAString: string = Paginator;

export { serialized, notAString };
