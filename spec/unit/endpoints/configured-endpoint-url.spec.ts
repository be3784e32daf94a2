/** resolveConfiguredEndpointUrl beyond the shared vectors: service id spelling, errors, ignore flags. */
import { ConfigParseError } from '../../../src/errors';
import { resolveConfiguredEndpointUrl, serviceEndpointEnvVar } from '../../../src/endpoints';

const base = { environ: {}, profile: {}, servicesSections: {} };

describe('resolveConfiguredEndpointUrl', () => {
  it('derives env var and config keys from the serviceId', () => {
    expect(serviceEndpointEnvVar('Elastic Beanstalk')).toBe('AWS_ENDPOINT_URL_ELASTIC_BEANSTALK');
    expect(serviceEndpointEnvVar('CloudHSM V2')).toBe('AWS_ENDPOINT_URL_CLOUDHSM_V2');
    expect(
      resolveConfiguredEndpointUrl({
        ...base,
        serviceId: 'Elastic Beanstalk',
        profile: { services: 'dev' },
        servicesSections: { dev: { elastic_beanstalk: { endpoint_url: 'http://eb' } } },
      }),
    ).toBe('http://eb');
  });

  it('returns undefined when nothing is configured, and ignores empty values', () => {
    expect(resolveConfiguredEndpointUrl({ ...base, serviceId: 'S3' })).toBeUndefined();
    expect(resolveConfiguredEndpointUrl({ ...base, serviceId: 'S3', environ: { AWS_ENDPOINT_URL_S3: '', AWS_ENDPOINT_URL: 'http://g' } })).toBe(
      'http://g',
    );
  });

  it('raises when the profile names a services section that does not exist', () => {
    expect(() => resolveConfiguredEndpointUrl({ ...base, serviceId: 'S3', profile: { services: 'missing' } })).toThrow(ConfigParseError);
  });

  it('lets the client flag override the environment and profile ignore settings', () => {
    const args = { ...base, serviceId: 'S3', profile: { endpoint_url: 'http://p', ignore_configured_endpoint_urls: 'true' } };
    expect(resolveConfiguredEndpointUrl(args)).toBeUndefined();
    expect(resolveConfiguredEndpointUrl({ ...args, ignoreConfiguredEndpointUrls: false })).toBe('http://p');
    expect(resolveConfiguredEndpointUrl({ ...args, environ: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'FALSE' } })).toBe('http://p');
  });

  it('always returns an explicit client endpoint URL', () => {
    expect(resolveConfiguredEndpointUrl({ ...base, serviceId: 'S3', clientEndpointUrl: 'http://c', ignoreConfiguredEndpointUrls: true })).toBe(
      'http://c',
    );
  });
});
