/**
 * Millisecond timestamp precision (botocore's TIMESTAMP_PRECISION_MILLISECOND) in every place a
 * timestamp is serialized: JSON bodies (json, rest-json), URI query strings, headers, XML text
 * and form fields. Expected values are botocore 1.43.11's, from
 * create_serializer(protocol, timestamp_precision='millisecond').serialize_to_request(...) on the
 * same models and params (JSON bodies with Python's `", "` separators removed: botojs writes none).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ServiceModel } from '../../../../src/models/service-model';
import { getProtocol, serializers, withSerializerOptions } from '../../../../src/protocols';
import { encodeQuery, formatTimestamp } from '../../../../src/protocols/serialize';
import type { HttpRequestSpec } from '../../../../src/protocols/types';

const MODELS = path.resolve(__dirname, '../../../../service-models');
const T1 = '2024-01-02T03:04:05.678901Z';
const T0 = '2024-01-02T03:04:05Z';

function serialize(svc: string, op: string, params: Record<string, unknown>, precision?: 'default' | 'millisecond'): HttpRequestSpec {
  const dir = path.join(MODELS, svc);
  const version = fs.readdirSync(dir).sort().pop() as string;
  const service = new ServiceModel(JSON.parse(fs.readFileSync(path.join(dir, version, 'service-2.json'), 'utf8')), svc);
  return serializers[service.metadata.protocol](service.operation(op), params, { service, timestampPrecision: precision });
}

describe('millisecond timestamp precision', () => {
  it('json body: epoch seconds as Python floats', () => {
    expect(serialize('kinesis', 'ListShards', { StreamCreationTimestamp: T1 }, 'millisecond').body).toBe('{"StreamCreationTimestamp": 1704164645.678}');
    expect(serialize('kinesis', 'ListShards', { StreamCreationTimestamp: T0 }, 'millisecond').body).toBe('{"StreamCreationTimestamp": 1704164645.0}');
  });

  it('rest-json query: iso8601 with milliseconds, epoch seconds as float text', () => {
    const iso = serialize('application-signals', 'GetService', { StartTime: T1, EndTime: T0, KeyAttributes: { a: 'b' } }, 'millisecond');
    expect(encodeQuery(iso.query)).toBe('StartTime=2024-01-02T03%3A04%3A05.678Z&EndTime=2024-01-02T03%3A04%3A05.000Z');
    const unix = serialize('groundstation', 'ListGroundStationReservations', { groundStationId: 'g', startTime: T1, endTime: T0 }, 'millisecond');
    expect(encodeQuery(unix.query)).toBe('startTime=1704164645.678&endTime=1704164645.0');
  });

  it('headers: whole seconds, still written at millisecond precision (.000Z); rfc822 unchanged', () => {
    const spec = serialize('s3', 'CopyObject', { Bucket: 'b', Key: 'k', CopySource: 's/k', ObjectLockRetainUntilDate: T1, CopySourceIfModifiedSince: T1 }, 'millisecond');
    expect(spec.headers['x-amz-object-lock-retain-until-date']).toBe('2024-01-02T03:04:05.000Z');
    expect(spec.headers['x-amz-copy-source-if-modified-since']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(serialize('connect', 'CreateTestCase', { InstanceId: 'i', Name: 'n', Content: 'c', LastModifiedTime: T1 }, 'millisecond').headers['x-amz-last-modified-time']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('XML text and form fields: iso8601 with milliseconds', () => {
    const xml = serialize('s3', 'PutObjectRetention', { Bucket: 'b', Key: 'k', Retention: { Mode: 'GOVERNANCE', RetainUntilDate: T1 } }, 'millisecond');
    expect(xml.body).toBe('<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode><RetainUntilDate>2024-01-02T03:04:05.678Z</RetainUntilDate></Retention>');
    const form = serialize('autoscaling', 'PutScheduledUpdateGroupAction', { AutoScalingGroupName: 'g', ScheduledActionName: 's', StartTime: T1, EndTime: T0 }, 'millisecond');
    expect(form.body).toBe('Action=PutScheduledUpdateGroupAction&Version=2011-01-01&AutoScalingGroupName=g&ScheduledActionName=s&StartTime=2024-01-02T03%3A04%3A05.678Z&EndTime=2024-01-02T03%3A04%3A05.000Z');
  });

  it('default precision is unchanged (microseconds in iso8601, whole epoch seconds)', () => {
    expect(serialize('kinesis', 'ListShards', { StreamCreationTimestamp: T1 }).body).toBe('{"StreamCreationTimestamp": 1704164645}');
    expect(String(formatTimestamp(T1, 'iso8601'))).toBe('2024-01-02T03:04:05.678901Z');
    expect(String(formatTimestamp(T1, 'iso8601', 'millisecond'))).toBe('2024-01-02T03:04:05.678Z');
    // Before the epoch: floor seconds plus positive milliseconds, as Python's datetime splits it.
    expect(String(formatTimestamp(-0.25, 'unixTimestamp', 'millisecond'))).toBe('-0.25');
  });

  it('is bound per client; an unknown precision is refused when the client is built, as botocore does', () => {
    const json = getProtocol({ protocol: 'json' } as never);
    expect(withSerializerOptions(json, { timestampPrecision: 'default' })).toBe(json);
    expect(() => withSerializerOptions(json, { timestampPrecision: 'second' as never })).toThrow('Invalid timestamp precision found while creating serializer: second');
  });
});
