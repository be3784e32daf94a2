/**
 * EC2 RunInstances' and Auto Scaling CreateLaunchConfiguration's UserData is base64-encoded for
 * the caller (botocore's base64_encode_user_data, registered for those two operations only).
 * Expected UserData fields are boto3 1.43.11's form bodies for the same calls, captured by a
 * loopback server (the ClientToken differs per call and is not compared).
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('UserData encoding', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'text/xml' }, body: '<R/>' };
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  /** The form body as sent, without the random ClientToken. */
  function body(): string {
    return server.requests[0].body.toString('utf8').replace(/&ClientToken=[^&]*/, '');
  }

  const ec2 = (): ReturnType<Session['client']> => session.client('ec2', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });

  it.each([
    ['a string, as UTF-8', '#!/bin/sh\necho héllo', 'UserData=IyEvYmluL3NoCmVjaG8gaMOpbGxv'],
    ['a Buffer', Buffer.from('bytes!'), 'UserData=Ynl0ZXMh'],
    ['a Uint8Array view', new Uint8Array(Buffer.from('xxbytes!')).subarray(2), 'UserData=Ynl0ZXMh'],
    ['an empty string', '', 'UserData='],
  ])('RunInstances encodes %s', async (_what, userData, field) => {
    await ec2().runInstances({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, UserData: userData });
    expect(body()).toBe(`Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MinCount=1&MaxCount=1&${field}`);
  });

  it('CreateLaunchConfiguration encodes it', async () => {
    const autoscaling = session.client('autoscaling', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
    await autoscaling.createLaunchConfiguration({ LaunchConfigurationName: 'l', UserData: 'hello' });
    expect(body()).toBe('Action=CreateLaunchConfiguration&Version=2011-01-01&LaunchConfigurationName=l&UserData=aGVsbG8%3D');
  });

  it('leaves nested UserData alone (RunScheduledInstances, RequestSpotInstances)', async () => {
    await ec2().runScheduledInstances({ ScheduledInstanceId: 's', LaunchSpecification: { ImageId: 'ami', UserData: 'hello' } });
    expect(body()).toBe('Action=RunScheduledInstances&Version=2016-11-15&ScheduledInstanceId=s&LaunchSpecification.ImageId=ami&LaunchSpecification.UserData=hello');
    server.requests.splice(0);
    await ec2().requestSpotInstances({ LaunchSpecification: { ImageId: 'ami', UserData: 'hello' } });
    expect(body()).toBe('Action=RequestSpotInstances&Version=2016-11-15&LaunchSpecification.ImageId=ami&LaunchSpecification.UserData=hello');
  });
});
