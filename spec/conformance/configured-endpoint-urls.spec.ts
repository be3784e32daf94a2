/**
 * spec/conformance/vectors/config/configured-endpoint-urls.json: every endpointUrlTests case picks
 * a profile, a client config and an environment; resolveConfiguredEndpointUrl chooses the
 * configured URL and the service's rule set (with `SDK::Endpoint` bound to it, if any) must
 * resolve to the expected endpointUrl. CASE=<substring> selects cases by name.
 */
import { resolveConfiguredEndpointUrl, resolveEndpoint } from '../../src/endpoints';
import { readConformanceJson } from '../helpers/shared';
import { knownFailures } from '../helpers/known-failures';

interface Suite {
  profiles: Record<string, Record<string, unknown>>;
  services: Record<string, Record<string, Record<string, unknown>>>;
  client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>;
  environments: Record<string, Record<string, string>>;
  endpointUrlTests: Array<{
    name: string;
    profile: string;
    client_config: string;
    environment: string;
    service: string;
    output: { endpointUrl: string };
  }>;
}

const suites: Suite[] = readConformanceJson<{ testSuites: Suite[] }>('config', 'configured-endpoint-urls.json').testSuites;
const SELECTOR = process.env.CASE;
const KNOWN = knownFailures('configured-endpoint-urls');

describe('configured endpoint URLs', () => {
  const partitions = readConformanceJson('endpoint-rules', 'partitions.json');

  suites.forEach((suite, s) => {
    const cases = suite.endpointUrlTests.filter((t) => !SELECTOR || t.name.includes(SELECTOR));
    for (const t of cases) KNOWN.test(`${s}#${t.name}`, `suite ${s}: ${t.name}`, () => {
      const profile = suite.profiles[t.profile];
      const client = suite.client_configs[t.client_config];
      const configured = resolveConfiguredEndpointUrl({
        serviceId: t.service,
        environ: suite.environments[t.environment],
        profile,
        servicesSections: suite.services,
        clientEndpointUrl: client.endpoint_url,
        ignoreConfiguredEndpointUrls: client.ignore_configured_endpoint_urls,
      });
      const ruleSet = readConformanceJson('endpoint-rules', t.service, 'endpoint-rule-set-1.json');
      const params: Record<string, unknown> = { Region: profile.region };
      if (configured !== undefined) params.Endpoint = configured;
      expect(resolveEndpoint(ruleSet, params, partitions).url).toBe(t.output.endpointUrl);
    });
  });

  KNOWN.checkEntries(() => suites.flatMap((suite, s) => suite.endpointUrlTests.map((t) => `${s}#${t.name}`)));
});
