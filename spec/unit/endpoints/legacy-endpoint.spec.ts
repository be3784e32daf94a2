/**
 * The signing name when the rule set gives no authSchemes comes from endpoints.json's
 * credentialScope, as botocore's ClientEndpointBridge: Import/Export with its own endpoint_url
 * signs as IngestionService (botojs signed `importexport`, the endpoint prefix). Expected
 * requests: boto3 1.43.11 with `endpoint_url='http://importexport.example.test'` (regions
 * us-east-1, eu-west-1) and with no endpoint_url in cn-north-1 (whose rule set names no scheme
 * and whose partition has no Import/Export entry), captured as spec/helpers/wire-capture.ts says.
 */
import * as path from 'path';
import * as fs from 'fs';
import * as os from 'os';
import { clientSigningName, legacyEndpoint, legacySigningName, legacySigningRegion, regionalEndpointNames, scopedSigningNamePrefixes } from '../../../src/endpoints';
import { ModelLoader } from '../../../src/models/loader';
import { useWireCapture, wireClient } from '../../helpers/wire-capture';

const LIST_JOBS = '<ListJobsResponse><ListJobsResult></ListJobsResult></ListJobsResponse>';

describe('signing name without authSchemes', () => {
  const capture = useWireCapture();
  const server = capture.server;

  it.each([
    [
      'us-east-1',
      'http://importexport.example.test',
      'http://importexport.example.test/',
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/IngestionService/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=64559940ecfd6d9805a173efa9564366d78115d2ede6ba64a4589a70d65c6ca6',
    ],
    [
      'eu-west-1',
      'http://importexport.example.test',
      'http://importexport.example.test/',
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/eu-west-1/IngestionService/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=f268f60541476eaa30c807dd50bb5a689e72271daf8344b380f7725d1d867489',
    ],
    [
      'cn-north-1',
      undefined,
      'http://importexport.cn-north-1.amazonaws.com.cn/',
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/cn-north-1/importexport/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=7349aa9b51fc65b48b9986d4814be984652cdc0d9562875b8f0389171c33e20f',
    ],
  ])('Import/Export in %s (endpoint_url %s) signs as boto3 does', async (region, endpointUrl, url, authorization) => {
    server.reply({ status: 200, headers: { 'content-type': 'text/xml' }, body: LIST_JOBS });
    await wireClient(capture.proxy, 'importexport', { region, endpointUrl }).listJobs();
    expect(server.requests[0].url).toBe(url);
    expect(server.requests[0].headers.authorization).toBe(authorization);
  });

  it('follows botocore EndpointResolver.construct_endpoint (credentialScope, partition endpoints, the forced aws partition)', () => {
    const data = new ModelLoader({ searchPaths: [path.resolve(__dirname, '../../../service-models')] }).loadData('endpoints');
    // botocore: ClientCreator(...).create_client(...)._request_signer.signing_name for the same inputs.
    expect(legacySigningName(data, 'importexport', 'us-east-1', undefined)).toBe('IngestionService');
    expect(legacySigningName(data, 'importexport', 'ap-southeast-2', undefined)).toBe('IngestionService');
    expect(legacySigningName(data, 'importexport', 'cn-north-1', undefined)).toBe('importexport');
    expect(legacySigningName(data, 'importexport', 'mars-east-1', undefined)).toBe('IngestionService');
    expect(legacySigningName(data, 'streams.dynamodb', 'us-east-1', 'dynamodb')).toBe('dynamodb');
    expect(legacySigningName(data, 'email', 'us-east-1', 'ses')).toBe('ses');
    expect(legacySigningName({}, 'x', 'us-east-1', undefined)).toBe('x');
  });

  it('the shipped endpoints-signing-names.json lists exactly the prefixes endpoints.json scopes', () => {
    const loader = new ModelLoader({ searchPaths: [path.resolve(__dirname, '../../../service-models')] });
    expect(loader.loadData('endpoints-signing-names')).toEqual({ prefixes: scopedSigningNamePrefixes(loader.loadData('endpoints')) });
    expect((loader.loadData('endpoints-signing-names') as { prefixes: string[] }).prefixes).toContain('importexport');
  });

  it('clientSigningName reads endpoints.json only for listed prefixes, and always when the list is not beside it', () => {
    const shipped = path.resolve(__dirname, '../../../service-models');
    const loader = new ModelLoader({ searchPaths: [shipped] });
    const spy = jest.spyOn(loader, 'loadData');
    expect(clientSigningName(loader, 'sqs', 'us-east-1', undefined)).toBe('sqs');
    expect(spy.mock.calls.map((c) => c[0])).toEqual(['endpoints-signing-names']);
    expect(clientSigningName(loader, 'importexport', 'us-east-1', undefined)).toBe('IngestionService');
    expect(spy.mock.calls.map((c) => c[0])).toContain('endpoints');
    // An endpoints.json of the user's own (AWS_DATA_PATH) without a list beside it is always read.
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-endpoints-'));
    fs.writeFileSync(path.join(own, 'endpoints.json'), JSON.stringify({ partitions: [{ partition: 'aws', regionRegex: '^us-', services: { sqs: { endpoints: { 'us-east-1': { credentialScope: { service: 'queues' } } } } } }] }));
    try {
      expect(clientSigningName(new ModelLoader({ searchPaths: [own, shipped] }), 'sqs', 'us-east-1', undefined)).toBe('queues');
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('gives the signing region, partition and signature versions botocore reads', () => {
    const data = new ModelLoader({ searchPaths: [path.resolve(__dirname, '../../../service-models')] }).loadData('endpoints');
    // botocore: create_client(...)._request_signer._region_name, meta.partition, construct_endpoint(...)['signatureVersions'].
    expect(legacySigningRegion(data, 'iam', 'aws-global', false)).toBe('us-east-1');
    expect(legacySigningRegion(data, 'iam', 'aws-global', true)).toBe('aws-global');
    expect(legacySigningRegion(data, 's3', 'eu-central-1', false)).toBe('eu-central-1');
    expect(legacyEndpoint(data, 's3', 'us-west-2')).toMatchObject({ partition: 'aws', endpointName: 'us-west-2', signatureVersions: ['s3', 's3v4'] });
    expect(legacyEndpoint(data, 's3', 'eu-central-1')).toMatchObject({ partition: 'aws', signatureVersions: ['s3v4'] });
    expect(legacyEndpoint(data, 's3', 'cn-north-1')?.partition).toBe('aws-cn');
    expect(regionalEndpointNames(data, 's3', 'aws')).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-central-1']));
    expect(regionalEndpointNames(data, 's3', 'aws')).not.toContain('aws-global');
  });
});
