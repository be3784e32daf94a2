/** HTTP transport: node:http/node:https over a keep-alive pool; see http-transport.ts. */
export { HttpTransport } from './http-transport';
export type { HttpTransportOptions, SendOptions, TransportRequest } from './http-transport';
export { bypassesProxy, maskProxyUrl, parseProxyUrl, proxiesFromEnvironment } from './proxies';
export type { ProxyMap, ResolvedProxy } from './proxies';
