/**
 * The lazy protocol registry: every supported name maps to its serializer and parser, the
 * `protocols` list is searched in order, cbor-only models fall back to json, and anything else
 * is refused with the list of what botojs speaks.
 */
import { getProtocol, responseParsers, serializers, SUPPORTED_PROTOCOLS } from '../../../src/protocols';
import type { ServiceMetadata } from '../../../src/models/service-model';

const meta = (protocol: string, protocols?: string[]) => ({ protocol, protocols, serviceId: 'Fake' }) as unknown as ServiceMetadata;

describe('protocol registry', () => {
  it.each(['query', 'ec2', 'json', 'rest-json', 'rest-xml'])('%s maps to its serializer and parser', (name) => {
    expect(SUPPORTED_PROTOCOLS).toContain(name);
    const p = getProtocol(meta(name));
    expect(p.name).toBe(name);
    // Stand-ins until the first call loads the modules (client creation requires nothing).
    expect(p.serialize).not.toBe(serializers[name]);
    // The real serializer refuses this fake operation; the stand-in has loaded it first.
    expect(() => p.serialize(undefined as never, {}, {} as never)).toThrow(TypeError);
    expect(p.serialize).toBe(serializers[name]);
    expect(p.parse).toBe(responseParsers[name]);
    expect(getProtocol(meta(name))).toBe(p); // built once
  });

  it('takes the first supported entry of protocols, and json for cbor-only models', () => {
    expect(getProtocol(meta('json', ['smithy-rpc-v2-cbor', 'query'])).name).toBe('query');
    expect(getProtocol(meta('smithy-rpc-v2-cbor', ['smithy-rpc-v2-cbor'])).name).toBe('json');
  });

  it('refuses an unknown protocol, naming the supported ones', () => {
    expect(() => getProtocol(meta('soap'))).toThrow(/Unsupported protocol\(s\) soap for Fake; botojs speaks query, ec2, json, rest-json, rest-xml/);
    expect(() => getProtocol(meta('constructor'))).toThrow(/Unsupported protocol/);
  });
});
