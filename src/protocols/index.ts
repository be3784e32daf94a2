/**
 * The protocol registry: botocore's protocol names to `{ serialize, parse }`. A model that lists
 * several `protocols` gets the first one botojs speaks, as botocore chooses; this is the only
 * place that branches on a protocol name.
 */
import type { ServiceMetadata } from '../models/service-model';
import { responseParsers, ResponseParser } from './parse';
import { serializers } from './serialize';
import type { Protocol } from './types';

const registry = new Map<string, Protocol>();
for (const name of Object.keys(serializers)) {
  const parse = responseParsers[name] as ResponseParser | undefined;
  if (parse) registry.set(name, { name, serialize: serializers[name], parse });
}

/** Protocol names botojs supports, in no particular order. */
export const SUPPORTED_PROTOCOLS: readonly string[] = [...registry.keys()];

/** The protocol for a service: the first supported entry of `protocols`, else `protocol`. */
export function getProtocol(metadata: ServiceMetadata): Protocol {
  const candidates = metadata.protocols?.length ? metadata.protocols : [metadata.protocol];
  for (const c of candidates) {
    const p = registry.get(c);
    if (p) return p;
  }
  // smithy-rpc-v2-cbor-only services are not spoken yet; their models also accept json.
  const fallback = registry.get(metadata.protocol) ?? (candidates.includes('smithy-rpc-v2-cbor') ? registry.get('json') : undefined);
  if (fallback) return fallback;
  throw new Error(`Unsupported protocol(s) ${candidates.join(', ')} for ${metadata.serviceId}; botojs speaks ${SUPPORTED_PROTOCOLS.join(', ')}`);
}
