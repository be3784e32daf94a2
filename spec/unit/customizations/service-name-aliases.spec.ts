/**
 * `session.client('runtime.sagemaker')` builds a SageMaker Runtime client, as boto3 1.43.11's
 * does (botocore's SERVICE_NAME_ALIASES, {'runtime.sagemaker': 'sagemaker-runtime'}: boto3's
 * client.meta.service_model.service_name is 'sagemaker-runtime').
 */
import { Session } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('choose-service-name aliases', () => {
  it('maps runtime.sagemaker to sagemaker-runtime', () => {
    const client = session.client('runtime.sagemaker');
    expect(client.meta.serviceName).toBe('sagemaker-runtime');
    expect(client.meta.serviceModel.serviceId).toBe('SageMaker Runtime');
    expect(typeof client.invokeEndpoint).toBe('function');
  });

  it('leaves other names alone', () => {
    expect(session.client('sagemaker-runtime').meta.serviceName).toBe('sagemaker-runtime');
    expect(() => session.client('runtime.nothing')).toThrow(/Unknown service: 'runtime.nothing'/);
  });
});
