/**
 * Which endpoint URL the user configured outside code, as botocore's ConfiguredEndpointProvider
 * and ClientArgsCreator._compute_configured_endpoint_url decide it:
 *   explicit client `endpointUrl` > (unless ignored) AWS_ENDPOINT_URL_<SERVICE> >
 *   AWS_ENDPOINT_URL > `[services <name>]` section's `<service>.endpoint_url` >
 *   the profile's `endpoint_url`.
 * "Ignored" is the client's `ignoreConfiguredEndpointUrls` if given, else
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the profile's `ignore_configured_endpoint_urls`.
 */
import { ConfigParseError } from '../errors';
import { ensureBoolean } from './auth-scheme';
import { isRecord } from './standard-library';

export interface ConfiguredEndpointUrlArgs {
  /** The model's serviceId (`S3`, `DynamoDB`, `Elastic Beanstalk`); a client name works too. */
  serviceId: string;
  environ: Record<string, string | undefined>;
  /** The resolved profile, nested sections as objects. */
  profile: Record<string, unknown>;
  /** The config file's `[services <name>]` sections, by name. */
  servicesSections: Record<string, Record<string, unknown>>;
  clientEndpointUrl?: string;
  ignoreConfiguredEndpointUrls?: boolean;
}

/**
 * `S3` -> `s3`, `Elastic Beanstalk` -> `elastic_beanstalk`, `cloudhsm-v2` -> `cloudhsm_v2`: the
 * hyphenized service id with `_`, which botocore uses for both the env var and config keys.
 */
export function serviceIdSnakeCase(serviceId: string): string {
  return serviceId.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The service-specific environment variable name, e.g. `AWS_ENDPOINT_URL_ELASTIC_BEANSTALK`. */
export function serviceEndpointEnvVar(serviceId: string): string {
  return `AWS_ENDPOINT_URL_${serviceIdSnakeCase(serviceId).toUpperCase()}`;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function shouldIgnore(args: ConfiguredEndpointUrlArgs): boolean {
  if (args.ignoreConfiguredEndpointUrls !== undefined && args.ignoreConfiguredEndpointUrls !== null) {
    return args.ignoreConfiguredEndpointUrls;
  }
  const env = args.environ.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (env !== undefined) return ensureBoolean(env);
  return ensureBoolean(args.profile.ignore_configured_endpoint_urls);
}

function fromServicesSection(args: ConfiguredEndpointUrlArgs, key: string): string | undefined {
  const sectionName = args.profile.services;
  if (sectionName === undefined || sectionName === null) return undefined;
  const section = args.servicesSections[String(sectionName)];
  if (!section || Object.keys(section).length === 0) {
    throw new ConfigParseError(
      `The profile is configured to use the services section but the "${String(sectionName)}" services configuration does not exist.`,
    );
  }
  const entry = section[key];
  return isRecord(entry) ? nonEmpty(entry.endpoint_url) : undefined;
}

/**
 * The endpoint URL to use instead of rule-set resolution's default, or undefined when none is
 * configured (then `SDK::Endpoint` stays unset).
 *
 * @example
 * resolveConfiguredEndpointUrl({ serviceId: 'S3', environ: { AWS_ENDPOINT_URL_S3: 'http://localhost:4566' },
 *   profile: {}, servicesSections: {} }) // 'http://localhost:4566'
 */
export function resolveConfiguredEndpointUrl(args: ConfiguredEndpointUrlArgs): string | undefined {
  if (args.clientEndpointUrl !== undefined && args.clientEndpointUrl !== null) return args.clientEndpointUrl;
  if (shouldIgnore(args)) return undefined;
  const key = serviceIdSnakeCase(args.serviceId);
  return (
    nonEmpty(args.environ[serviceEndpointEnvVar(args.serviceId)]) ??
    nonEmpty(args.environ.AWS_ENDPOINT_URL) ??
    fromServicesSection(args, key) ??
    nonEmpty(args.profile.endpoint_url)
  );
}
