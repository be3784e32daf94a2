/**
 * applyRequestChecksum against what botocore 1.43 sends for the same S3-shaped operations
 * (headers and aws-chunked bodies captured from boto3 at before-send).
 */
import { Readable } from 'stream';
import { applyRequestChecksum, ChecksumRequest, encodeAwsChunked } from '../../../src/checksums';
import { ServiceModel, RawServiceModel } from '../../../src/models/service-model';
import { ChecksumError } from '../../../src/errors';
import { SignableRequest, signRequest } from '../../../src/signing';

const MODEL: RawServiceModel = {
  metadata: { apiVersion: '2006-03-01', endpointPrefix: 's3', protocol: 'rest-xml', serviceId: 'S3' },
  operations: {
    PutObject: {
      name: 'PutObject',
      http: { method: 'PUT', requestUri: '/{Bucket}/{Key+}' },
      input: { shape: 'PutObjectRequest' },
      httpChecksum: { requestAlgorithmMember: 'ChecksumAlgorithm', requestChecksumRequired: false },
    },
    DeleteObjects: {
      name: 'DeleteObjects',
      http: { method: 'POST', requestUri: '/{Bucket}?delete' },
      input: { shape: 'DeleteObjectsRequest' },
      httpChecksum: { requestAlgorithmMember: 'ChecksumAlgorithm', requestChecksumRequired: true },
    },
    PutBucketTagging: {
      name: 'PutBucketTagging',
      http: { method: 'PUT', requestUri: '/{Bucket}?tagging' },
      input: { shape: 'PlainRequest' },
      httpChecksumRequired: true,
    },
    ListBuckets: { name: 'ListBuckets', http: { method: 'GET', requestUri: '/' } },
  },
  shapes: {
    PutObjectRequest: {
      type: 'structure',
      members: {
        Body: { shape: 'StreamingBlob' },
        ChecksumAlgorithm: { shape: 'Alg', location: 'header', locationName: 'x-amz-sdk-checksum-algorithm' },
      },
      payload: 'Body',
    },
    DeleteObjectsRequest: {
      type: 'structure',
      members: {
        Delete: { shape: 'Str' },
        ChecksumAlgorithm: { shape: 'Alg', location: 'header', locationName: 'x-amz-sdk-checksum-algorithm' },
      },
      payload: 'Delete',
    },
    PlainRequest: { type: 'structure', members: { Bucket: { shape: 'Str' } } },
    StreamingBlob: { type: 'blob', streaming: true },
    Alg: { type: 'string' },
    Str: { type: 'string' },
  },
};
const s3 = new ServiceModel(MODEL, 's3');
const HTTPS = 'https://s3.amazonaws.com/b/k';
const HTTP = 'http://127.0.0.1:4568/b/k';

function req(body: ChecksumRequest['body'], url = HTTPS, headers: Record<string, string> = {}): ChecksumRequest {
  return { headers, body, url };
}

async function drain(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts).toString('latin1');
}

describe('applyRequestChecksum', () => {
  it('PutObject over https: CRC32 trailer, as botocore', () => {
    const r = req(Buffer.from('hello world'), HTTPS, { 'Content-Length': '11' });
    const applied = applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    expect(applied).toEqual({ algorithm: 'crc32', location: 'trailer', name: 'x-amz-checksum-crc32' });
    expect(r.headers).toEqual({
      'Content-Encoding': 'aws-chunked',
      'X-Amz-Trailer': 'x-amz-checksum-crc32',
      'X-Amz-Decoded-Content-Length': '11',
      'x-amz-sdk-checksum-algorithm': 'CRC32',
    });
    expect((r.body as Buffer).toString('latin1')).toBe('b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
  });

  it('PutObject with no body over https: an empty trailer body', () => {
    const r = req(undefined);
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    expect(r.headers['X-Amz-Decoded-Content-Length']).toBe('0');
    expect((r.body as Buffer).toString('latin1')).toBe('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');
  });

  it('PutObject over http: CRC32 header', () => {
    const r = req('hello world', HTTP);
    const applied = applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    expect(applied?.location).toBe('header');
    expect(r.headers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==', 'x-amz-sdk-checksum-algorithm': 'CRC32' });
    expect(r.body).toBe('hello world');
  });

  it('an explicit ChecksumAlgorithm is used and not re-announced', () => {
    const r = req(Buffer.from('hello world'), HTTPS, { 'x-amz-sdk-checksum-algorithm': 'SHA256' });
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: { ChecksumAlgorithm: 'SHA256' }, request: r });
    expect(r.headers['X-Amz-Trailer']).toBe('x-amz-checksum-sha256');
    expect((r.body as Buffer).toString('latin1')).toBe(
      'b\r\nhello world\r\n0\r\nx-amz-checksum-sha256:uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=\r\n\r\n',
    );
  });

  it('required checksums: DeleteObjects and legacy httpChecksumRequired get a CRC32 header', () => {
    const body = '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object></Delete>';
    const r = req(body);
    applyRequestChecksum({ operation: s3.operation('DeleteObjects'), params: {}, request: r, calculation: 'when_required' });
    expect(r.headers).toEqual({ 'x-amz-checksum-crc32': 'CEaAGw==', 'x-amz-sdk-checksum-algorithm': 'CRC32' });
    const legacy = req(undefined);
    applyRequestChecksum({ operation: s3.operation('PutBucketTagging'), params: {}, request: legacy });
    expect(legacy.headers).toEqual({ 'x-amz-checksum-crc32': 'AAAAAA==' });
  });

  it('does nothing when not required and calculation is when_required, or for other operations', () => {
    const r = req('x');
    expect(applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r, calculation: 'when_required' })).toBeUndefined();
    expect(applyRequestChecksum({ operation: s3.operation('ListBuckets'), params: {}, request: r })).toBeUndefined();
    expect(r.headers).toEqual({});
  });

  it('keeps a caller-supplied checksum header', () => {
    const r = req('x', HTTPS, { 'X-Amz-Checksum-Crc32': 'given' });
    expect(applyRequestChecksum({ operation: s3.operation('DeleteObjects'), params: {}, request: r })).toBeUndefined();
    expect(r.headers).toEqual({ 'X-Amz-Checksum-Crc32': 'given' });
  });

  it('presigned requests get no default checksum', () => {
    const r = req('x');
    expect(applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r, isPresign: true })).toBeUndefined();
  });

  it('rejects algorithms it cannot compute', () => {
    const r = req('x');
    expect(() =>
      applyRequestChecksum({ operation: s3.operation('PutObject'), params: { ChecksumAlgorithm: 'XXHASH3' }, request: r }),
    ).toThrow(ChecksumError);
  });

  it('streams over https are aws-chunked on the fly, with the declared length', async () => {
    const source = Readable.from([Buffer.from('hello '), Buffer.from('world')]);
    const r = req(source, HTTPS, { 'content-length': '11', 'Content-Encoding': 'gzip' });
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r, chunkSize: 4 });
    expect(r.headers).toEqual({
      'Content-Encoding': 'gzip,aws-chunked',
      'X-Amz-Trailer': 'x-amz-checksum-crc32',
      'X-Amz-Decoded-Content-Length': '11',
      'Transfer-Encoding': 'chunked',
      'x-amz-sdk-checksum-algorithm': 'CRC32',
    });
    expect(await drain(r.body as Readable)).toBe('6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n');
  });

  it('a stream of unknown length omits X-Amz-Decoded-Content-Length', () => {
    const r = req(Readable.from([Buffer.from('x')]));
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    expect(r.headers['X-Amz-Decoded-Content-Length']).toBeUndefined();
  });

  it('a stream over http: default checksum skipped, explicit one sent as a trailer', () => {
    const skipped = req(Readable.from([Buffer.from('x')]), HTTP);
    expect(applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: skipped })).toBeUndefined();
    expect(skipped.headers).toEqual({});
    const explicit = req(Readable.from([Buffer.from('x')]), HTTP);
    const applied = applyRequestChecksum({ operation: s3.operation('PutObject'), params: { ChecksumAlgorithm: 'crc32c' }, request: explicit });
    expect(applied).toEqual({ algorithm: 'crc32c', location: 'trailer', name: 'x-amz-checksum-crc32c' });
  });

  it('a failing source stream fails the encoded body', async () => {
    const source = new Readable({ read() { this.destroy(new Error('disk gone')); } });
    const r = req(source);
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    await expect(drain(r.body as Readable)).rejects.toThrow('disk gone');
  });

  it('encodeAwsChunked cuts buffers into chunk-size frames', () => {
    expect(encodeAwsChunked(Buffer.from('abcdefghij'), 'crc32', 'x-amz-checksum-crc32', 4).toString('latin1')).toBe(
      '4\r\nabcd\r\n4\r\nefgh\r\n2\r\nij\r\n0\r\nx-amz-checksum-crc32:OYFwOg==\r\n\r\n',
    );
  });

  it('then signs like botocore: STREAMING-UNSIGNED-PAYLOAD-TRAILER, chunking headers left unsigned', () => {
    const r: SignableRequest & ChecksumRequest = {
      method: 'PUT',
      url: 'https://b.s3.us-east-1.amazonaws.com/k',
      headers: { Expect: '100-continue', 'Content-Length': '11' },
      body: Readable.from([Buffer.from('hello world')]),
    };
    applyRequestChecksum({ operation: s3.operation('PutObject'), params: {}, request: r });
    signRequest(r, { accessKeyId: 'AKID', secretAccessKey: 'SECRET' }, {
      signingName: 's3',
      region: 'us-east-1',
      s3: true,
      date: new Date(Date.UTC(2024, 4, 6, 7, 8, 9)),
    });
    expect(r.headers['X-Amz-Content-SHA256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(r.headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-sdk-checksum-algorithm;x-amz-trailer, ' +
        'Signature=9873864ac80d137d693e326b75864e3a96c53f57e939906d3a3c18ca3cd41ab7',
    );
    (r.body as Readable).destroy();
  });
});
