/**
 * createClient: resolves everything a client needs once (model, protocol, region, config,
 * credentials, endpoint settings, transport, retries) and wraps it in the Proxy client.
 * Nothing here touches the network; the rule set and credentials load on the first call.
 */
import type { ChooseServiceNameEvent, CreatingClientClassEvent, CreatingSerializerEvent } from '../client/client-events';
import os = require('os');
import type { Credentials } from '../credentials/credentials';
import { StaticProvider } from '../credentials/providers';
import { bearerTokenFromEnvironment } from '../credentials/env-bearer-token';
import { clientSigningName, globalEndpointName, legacySigningRegion, resolveConfiguredEndpointUrl } from '../endpoints';
import { getProtocol, withSerializerOptions } from '../protocols';
import type { SerializerOptions } from '../protocols';
import { ClockSkew } from '../retries/clock-skew';
import { createRetryStrategy } from '../retries/create-retry-strategy';
import { Config, ConfigInput } from '../config/config';
import { resolveConfig } from '../config/config-resolver';
import type { ResolvedConfig } from '../config/config-resolver';
import type { Session } from './session';
import type { HierarchicalEmitter } from '../events/emitter';
import { HttpTransport } from '../transport';
import type { ClientContext } from '../pipeline/context';
import { NoRegionError } from '../errors';
import { endpointBuiltIns } from '../endpoints/builtins';
import { checkOptionNames } from '../config/option-names';
import { errorFor } from '../client/exceptions';
import { invalidEndpointError } from '../pipeline/url';
import { EndpointCache } from '../pipeline/endpoint-cache';
import { endpointUrlProblem } from '../util/hostnames';
import { buildClientProxy, Client } from '../client/proxy';
import { emptyClientMethods } from '../client/method-overrides';
import type { ClientBuild } from '../client/client-build';
import { clientDefaults } from './client-defaults';

const CLIENT_OPTION_NAMES = ['regionName', 'endpointUrl', 'useSsl', 'verify', 'awsAccessKeyId', 'awsSecretAccessKey', 'awsSessionToken', 'config', 'apiVersion'] as const;

export interface ClientOptions {
  regionName?: string;
  endpointUrl?: string;
  useSsl?: boolean;
  /** false disables TLS verification; a string is a CA bundle path. */
  verify?: boolean | string;
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  config?: Config | ConfigInput;
  apiVersion?: string;
}

const VERSION: string = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

export const BOTOJS_VERSION = VERSION;

function userAgent(service: string, apiVersion: string, config: ResolvedConfig): string {
  const { userAgent: custom, userAgentAppId: appId, userAgentExtra: extra } = config;
  const parts = custom ? [custom] : [`botojs/${VERSION}`, 'ua/2.1', `os/${os.platform()}#${os.release()}`, `lang/js`, `md/nodejs#${process.versions.node}`, `api/${service}#${apiVersion}`];
  if (appId) parts.push(`app/${appId}`);
  if (extra) parts.push(extra);
  return parts.join(' ');
}

/** The service id as botocore's event names spell it: lower-case, spaces to hyphens. */
export function hyphenize(serviceId: string): string {
  return serviceId.replace(/\s+/g, '-').toLowerCase();
}

/**
 * @param baseEvents the emitter the client's events are copied from: the session's, except for
 *   the credential providers' own STS/SSO clients, which must not show tokens to user handlers
 */
export function createClient(session: Session, serviceName: string, options: ClientOptions = {}, baseEvents: HierarchicalEmitter = session.events): Client {
  checkOptionNames('client', options, CLIENT_OPTION_NAMES);
  serviceName = chooseServiceName(baseEvents, serviceName);
  const service = session.loader.loadServiceModelObject(serviceName, options.apiVersion);
  const events = baseEvents.copy();
  const eventServiceId = hyphenize(service.serviceId);
  const configObj = options.config instanceof Config ? options.config : new Config(options.config ?? {});
  const profile = session.profile;
  const requestedRegion = options.regionName ?? configObj.regionName ?? session.regionName;
  const defaults = clientDefaults(session, configObj, requestedRegion);
  const config = resolveConfig(configObj, session.env, profile, defaults.values, defaults.mode);

  // Customizations (S3's default region and model patch) and users adjust the build through
  // this event; its handlers run synchronously, so every change lands before it is read.
  const build: ClientBuild = { service, serviceName, region: requestedRegion, config, loader: session.loader, methods: emptyClientMethods(), presign: {}, endpointBuiltIns: [], retryChecks: {}, environmentBearerSigningNames: [] };
  const creatingClass: CreatingClientClassEvent = { build };
  events.emitSync(`creating-client-class.${eventServiceId}`, creatingClass);
  const region = build.region ?? globalRegion(session, service.metadata.endpointPrefix);
  if (region === undefined) throw new NoRegionError();

  // botocore's creating-serializer: handlers choose serializer options for this client
  // (bedrock-agentcore asks for millisecond timestamps).
  const serializerKwargs: SerializerOptions = { timestampPrecision: 'default' };
  const protocol = getProtocol(service.metadata, config.protocol);
  const creatingSerializer: CreatingSerializerEvent = { protocolName: protocol.name, serviceModel: service, serializerKwargs };
  events.emitSync(`creating-serializer.${eventServiceId}`, creatingSerializer);

  let endpointUrl = options.endpointUrl;
  if (endpointUrl !== undefined && options.useSsl === false) endpointUrl = endpointUrl.replace(/^https:/, 'http:');
  const configuredUrl = resolveConfiguredEndpointUrl({
    serviceId: service.serviceId,
    environ: session.env,
    profile,
    servicesSections: session.configFiles.services,
    clientEndpointUrl: endpointUrl,
    ignoreConfiguredEndpointUrls: config.ignoreConfiguredEndpointUrls,
  });
  // botocore's EndpointCreator refuses a host that is not DNS labels (or an IPv6 literal) here,
  // when the client is made, before any call could try to connect to it.
  const urlProblem = configuredUrl === undefined ? undefined : endpointUrlProblem(configuredUrl);
  if (urlProblem) throw invalidEndpointError(configuredUrl as string, urlProblem);

  const explicitKeys = options.awsAccessKeyId || options.awsSecretAccessKey || options.awsSessionToken;
  let credentials: () => Promise<Credentials | null>;
  if (explicitKeys) {
    const provider = new StaticProvider({ accessKey: options.awsAccessKeyId, secretKey: options.awsSecretAccessKey, token: options.awsSessionToken });
    let cached: Promise<Credentials | null> | undefined;
    credentials = () => (cached ??= provider.load());
  } else {
    credentials = () => session.getCredentials();
  }

  const builtIns = endpointBuiltIns({ config, region, configuredUrl }, build.endpointBuiltIns);

  const transport = new HttpTransport({
    maxPoolConnections: config.maxPoolConnections,
    connectTimeout: config.connectTimeout,
    readTimeout: config.readTimeout,
    proxies: config.proxies,
    verify: options.verify ?? config.caBundle ?? true,
  });
  const settle = defaults.settle;

  const ctx: ClientContext = {
    serviceName,
    eventServiceId,
    service,
    loader: session.loader,
    protocol: withSerializerOptions(protocol, serializerKwargs),
    region,
    config,
    events,
    credentials,
    endpoint: {
      configuredUrl,
      ruleSet: memo(() => session.loader.loadServiceModel(serviceName, 'endpoint-rule-set-1', service.apiVersion)),
      partitions: memo(() => session.loader.loadData('partitions')),
      signingName: memo(() => clientSigningName(session.loader, service.metadata.endpointPrefix, region, service.metadata.signingName)),
      signingRegion: memo(() => legacySigningRegion(session.loader.loadData('endpoints'), service.metadata.endpointPrefix, region, configuredUrl !== undefined)),
      cache: new EndpointCache(),
      useSsl: options.useSsl !== false,
      builtIns,
      clientContextParams: config.clientContextParams,
    },
    transport,
    codePath: `client ${serviceName} ${protocol.name}`,
    // defaults_mode `auto` waiting on IMDS: the mode and the connect timeout it brings are
    // settled once, before the first request is sent (src/session/client-defaults.ts).
    // Cleared once settled, so later calls do not await it.
    settleDefaults: settle
      ? memo(async () => {
          const settled = await settle();
          config.defaultsMode = settled.mode;
          if (settled.values.connectTimeout !== undefined) {
            config.connectTimeout = settled.values.connectTimeout;
            transport.setConnectTimeout(settled.values.connectTimeout);
          }
          ctx.settleDefaults = undefined;
        })
      : undefined,
    retry: createRetryStrategy({
      mode: config.retryMode,
      totalMaxAttempts: config.totalMaxAttempts,
      serviceName: service.metadata.endpointPrefix,
      checks: build.retryChecks,
      // _retry.json drives legacy mode only; the other modes never read it.
      retryData: config.retryMode === 'legacy' ? session.loader.loadData('_retry') : undefined,
    }),
    clockSkew: new ClockSkew(),
    userAgent: userAgent(eventServiceId, service.apiVersion, config),
    signatureVersion: build.signatureVersion,
    presign: build.presign,
    signingIdentity: build.signingIdentity,
    hasEnvironmentBearerToken: (signingName) => build.environmentBearerSigningNames.includes(signingName) && bearerTokenFromEnvironment(session.env, signingName) !== undefined,
    errorFor: (parsed, operationName, shapeName) => errorFor(service, parsed, operationName, shapeName),
  };
  return buildClientProxy(ctx, { endpointUrl: configuredUrl, methods: build.methods });
}

/** botocore's `choose-service-name`: the first handler's answer replaces an old service name. */
function chooseServiceName(events: HierarchicalEmitter, serviceName: string): string {
  for (const handler of events.handlersFor('choose-service-name')) {
    const payload: ChooseServiceNameEvent & { eventName: string } = { serviceName, eventName: 'choose-service-name' };
    const chosen = handler(payload);
    if (typeof chosen === 'string') return chosen;
  }
  return serviceName;
}

/** A function computed once, on first call (per client: model data looked up on first use). */
function memo<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

/**
 * A global service (IAM, STS, Route 53, ...) works without a region, as in botocore: its
 * endpoints.json entry names a partition endpoint (`aws-global`), used as the region.
 */
function globalRegion(session: Session, endpointPrefix: string): string | undefined {
  return globalEndpointName(session.loader.loadData('endpoints'), endpointPrefix);
}
