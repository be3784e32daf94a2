/**
 * Glacier's request customizations (botocore inject_account_id, add_glacier_version,
 * add_glacier_checksums). Expected requests: boto3 1.43.11, captured as
 * spec/helpers/wire-capture.ts says; tree hashes: botocore.utils.calculate_tree_hash on the same
 * bytes. botojs sent no version header and no checksums, and refused a missing accountId.
 */
import { sha256TreeHash } from '../../../src/customizations/glacier/tree-hash';
import { useWireCapture, sentHeaders, wireClient } from '../../helpers/wire-capture';

const JSON_TYPE = { 'content-type': 'application/json' };
const OMIT = ['host', 'connection', 'user-agent', 'content-length', 'amz-sdk-invocation-id', 'amz-sdk-request'];

/** i % 256 for i < 256 * (4096 * 2 + 10): 2 MiB and 2560 bytes, three tree-hash chunks. */
function bigBody(): Buffer {
  const body = Buffer.alloc(256 * (4096 * 2 + 10));
  for (let i = 0; i < body.length; i++) body[i] = i % 256;
  return body;
}

describe('Glacier', () => {
  const capture = useWireCapture();
  const server = capture.server;

  it('defaults accountId to "-" and sends x-amz-glacier-version', async () => {
    server.reply({ status: 200, headers: JSON_TYPE, body: '{"VaultList":[]}' });
    await wireClient(capture.proxy, 'glacier').listVaults();
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('GET http://glacier.us-east-1.amazonaws.com/-/vaults');
    expect(sentHeaders(sent, OMIT)).toEqual([
      ['x-amz-glacier-version', '2012-06-01'],
      ['X-Amz-Date', '20240506T070809Z'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/glacier/aws4_request, SignedHeaders=host;x-amz-date;x-amz-glacier-version, Signature=4d6d8282cc975ac471a5f478a7b09300b0308ebefdb8987d2530c94301206fb2',
      ],
    ]);
  });

  it('UploadArchive carries x-amz-content-sha256 and x-amz-sha256-tree-hash over 1 MiB chunks', async () => {
    server.reply({ status: 201, headers: { ...JSON_TYPE, 'x-amz-archive-id': 'a' } });
    await wireClient(capture.proxy, 'glacier').uploadArchive({ vaultName: 'v', body: bigBody() });
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('POST http://glacier.us-east-1.amazonaws.com/-/vaults/v/archives');
    expect(sentHeaders(sent, OMIT)).toEqual([
      ['x-amz-content-sha256', 'd4d32f03370c3d6c6c87098bd145399ce87289068491154e2cba84d94895bdff'],
      ['x-amz-sha256-tree-hash', '18bcf99b20e74ebcd46b999b05597bb1a832360fb323ab2917b9e2699e7729b7'],
      ['x-amz-glacier-version', '2012-06-01'],
      ['X-Amz-Date', '20240506T070809Z'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/glacier/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-glacier-version;x-amz-sha256-tree-hash, Signature=eda3fa8e99970bd9330b46d7a0fd61327c48d59f137b0a4eda89433c1546f0fd',
      ],
    ]);
    expect(sent.body.equals(bigBody())).toBe(true);
  });

  it('UploadMultipartPart with an accountId, and an empty UploadArchive', async () => {
    server.reply({ status: 204, headers: JSON_TYPE }, { status: 201, headers: { ...JSON_TYPE, 'x-amz-archive-id': 'a' } });
    const glacier = wireClient(capture.proxy, 'glacier');
    await glacier.uploadMultipartPart({ accountId: '123', vaultName: 'v', uploadId: 'u', range: 'bytes 0-9/*', body: Buffer.from('0123456789') });
    await glacier.uploadArchive({ vaultName: 'v', body: Buffer.alloc(0) });
    const [part, empty] = server.requests;
    expect(`${part.method} ${part.url}`).toBe('PUT http://glacier.us-east-1.amazonaws.com/123/vaults/v/multipart-uploads/u');
    expect(sentHeaders(part, OMIT)).toEqual([
      ['Content-Range', 'bytes 0-9/*'],
      ['x-amz-content-sha256', '84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882'],
      ['x-amz-sha256-tree-hash', '84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882'],
      ['x-amz-glacier-version', '2012-06-01'],
      ['X-Amz-Date', '20240506T070809Z'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/glacier/aws4_request, SignedHeaders=content-range;host;x-amz-content-sha256;x-amz-date;x-amz-glacier-version;x-amz-sha256-tree-hash, Signature=04955fd00bbbfdf1301966ff50684710594f4360b0debee3fd6d3d79dbf7cc40',
      ],
    ]);
    expect(empty.headers['x-amz-sha256-tree-hash']).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(empty.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/glacier/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-glacier-version;x-amz-sha256-tree-hash, Signature=a86f2e7495a61e66640f001e2c110d808d0cb67b22795025c278df36f92632f8',
    );
  });

  it('a presigned URL gets the default accountId but no version header', async () => {
    // boto3: https://glacier.us-east-1.amazonaws.com/-/vaults?...&X-Amz-SignedHeaders=host&X-Amz-Signature=e3602724...
    const url = await wireClient(capture.proxy, 'glacier').generatePresignedUrl('list_vaults', { ExpiresIn: 60 });
    expect(url).toBe(
      'http://glacier.us-east-1.amazonaws.com/-/vaults?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240506%2Fus-east-1%2Fglacier%2Faws4_request' +
        '&X-Amz-Date=20240506T070809Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=e3602724bac3ad931e5c6f576861ed173598dd05cb4ed18c094608ef4935ee45',
    );
  });

  it.each([
    [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [1, '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'],
    [1048575, '8b55c6a2d3444092a316985030e00c1e6f8608eaf912c896dee7c374d440ed11'],
    [1048576, '631b84027d6b9e52b539c4e8373622d23032dfadc64d60af87339c9037e4f769'],
    [1048577, 'a9c574ce937d2371daf87cdd0e75396b096d7f74a66c764e4c656bd12b2e7bf9'],
    [3145733, 'c9e0c11a00161b193e0a1b3692ec553d4033a887f2086a7cadd4cd722d87f09f'],
    [4194304, 'c7d749cd55cefa8ed8fbc208202e18d019b7701f29886f7c5d662d77b3903833'],
  ])('tree hash of %i bytes (i %% 251) is calculate_tree_hash\'s', (n, expected) => {
    const body = Buffer.alloc(n);
    for (let i = 0; i < n; i++) body[i] = i % 251;
    expect(sha256TreeHash(body)).toBe(expected);
  });
});
