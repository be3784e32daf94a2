/**
 * amz-sdk-invocation-id and amz-sdk-request (botocore's add_retry_headers). The expected
 * requests are boto3 1.43.11's for the same call, captured as spec/helpers/wire-capture.ts
 * describes, with `retries={'mode': 'standard', 'total_max_attempts': 4}, read_timeout=45` and
 * the same four answers: 500 with `Date: Mon, 06 May 2024 07:08:09 GMT`, a dropped connection,
 * 503 without a Date, 200.
 */
import { parseResponseDate } from '../../../src/retries/sdk-request-headers';
import { useWireCapture, sentHeaders, wireClient } from '../../helpers/wire-capture';

const JSON_TYPE = { 'content-type': 'application/x-amz-json-1.0' };
const ERR = '{"__type":"InternalError","message":"x"}';

// boto3's four requests, headers in wire order (Host, Accept-Encoding, User-Agent and
// Content-Length left out: the HTTP clients add those).
const SIGNED = [
  ['X-Amz-Target', 'AmazonSQS.ListQueues'],
  ['Content-Type', 'application/x-amz-json-1.0'],
  ['x-amzn-query-mode', 'true'],
  ['X-Amz-Date', '20240506T070809Z'],
  [
    'Authorization',
    'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode, Signature=6e2e1275eff182cbd229500ba905c8f28cd2606a91ec61e80b98e3d3cbd4b6e0',
  ],
  ['amz-sdk-invocation-id', '00000000-0000-0000-0000-000000000001'],
];
const BOTO3_SDK_REQUEST = ['attempt=1', 'ttl=20240506T070854Z; attempt=2; max=4', 'ttl=20240506T070854Z; attempt=3; max=4', 'ttl=20240506T070854Z; attempt=4; max=4'];

describe('amz-sdk-invocation-id / amz-sdk-request', () => {
  const capture = useWireCapture();
  const server = capture.server;

  it('go on every attempt after signing: one invocation id, the attempt, max once judged, ttl from the last Date', async () => {
    server.reply(
      { status: 500, headers: { ...JSON_TYPE, date: 'Mon, 06 May 2024 07:08:09 GMT' }, body: ERR },
      { reset: true },
      { status: 503, headers: JSON_TYPE, body: ERR, omitDate: true },
      { status: 200, headers: JSON_TYPE, body: '{}', omitDate: true },
    );
    jest.spyOn(Math, 'random').mockReturnValue(0); // no backoff sleeps
    const sqs = wireClient(capture.proxy, 'sqs', { config: { retries: { mode: 'standard', totalMaxAttempts: 4 }, readTimeout: 45 } });
    const result = await sqs.listQueues();
    expect(result.ResponseMetadata.RetryAttempts).toBe(3);
    expect(server.requests.map((r) => sentHeaders(r))).toEqual(BOTO3_SDK_REQUEST.map((value) => [...SIGNED, ['amz-sdk-request', value]]));
  });

  it('parses the Date header as botocore strptime("%a, %d %b %Y %H:%M:%S %Z") does', () => {
    // Python 3.11: each string either parsed to 2024-05-06 07:08:09 or raised ValueError.
    expect(parseResponseDate('Mon, 06 May 2024 07:08:09 GMT')).toBe(Date.UTC(2024, 4, 6, 7, 8, 9));
    expect(parseResponseDate('mon, 6 may 2024 7:8:9 utc')).toBe(Date.UTC(2024, 4, 6, 7, 8, 9));
    expect(parseResponseDate('Mon,  06 May 2024 07:08:09 GMT')).toBe(Date.UTC(2024, 4, 6, 7, 8, 9));
    for (const bad of ['Mon, 06 May 2024 07:08:09 +0000', 'Mon, 31 Apr 2024 07:08:09 GMT', 'Tue, 06 May 2024 07:08:60 GMT', 'Monday, 06 May 2024 07:08:09 GMT', 'Mon, 06 May 2024 07:08:09 EST', 'Mon, 06 May 2024 07:08:09 GMT ']) {
      expect(parseResponseDate(bad)).toBeUndefined();
    }
  });
});
