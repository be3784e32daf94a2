/**
 * The lazy protocol registry: every supported name maps to its serializer and parser, a model
 * listing several protocols gets botocore's choice (its preference order, not the model's), a
 * Config protocol is honoured when the model lists it and refused (with close matches) when
 * not, and anything else is refused with the list of what botojs speaks.
 */
import { UnsupportedServiceProtocolsError } from '../../../src/errors';
import { getProtocol, responseParsers, serializers, SUPPORTED_PROTOCOLS } from '../../../src/protocols';
import type { ServiceMetadata } from '../../../src/models/service-model';

const meta = (protocol: string, protocols?: string[]) => ({ protocol, protocols, serviceId: 'Fake' }) as unknown as ServiceMetadata;

describe('protocol registry', () => {
  it.each(['query', 'ec2', 'json', 'rest-json', 'rest-xml', 'smithy-rpc-v2-cbor'])('%s maps to its serializer and parser', (name) => {
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

  it("takes the first protocol the model lists that botojs speaks (botocore 1.43 prefers json over cbor instead)", () => {
    // CloudWatch's model lists cbor first: botojs speaks it (boto3 speaks json: Config protocol 'json').
    expect(getProtocol(meta('smithy-rpc-v2-cbor', ['smithy-rpc-v2-cbor', 'json', 'query'])).name).toBe('smithy-rpc-v2-cbor');
    expect(getProtocol(meta('json', ['json', 'smithy-rpc-v2-cbor'])).name).toBe('json');
    expect(getProtocol(meta('json', ['smithy-rpc-v2-cbor', 'query'])).name).toBe('smithy-rpc-v2-cbor');
    expect(getProtocol(meta('smithy-rpc-v2-cbor', ['smithy-rpc-v2-cbor'])).name).toBe('smithy-rpc-v2-cbor');
    expect(getProtocol(meta('query', ['query', 'ec2'])).name).toBe('query');
    // A protocol botojs does not speak is passed over for the next one listed.
    expect(getProtocol(meta('json', ['some-future-protocol', 'json'])).name).toBe('json');
    // No `protocols`: the legacy `protocol`.
    expect(getProtocol(meta('rest-xml')).name).toBe('rest-xml');
  });

  it('speaks the Config protocol when the model lists it', () => {
    const cloudwatch = meta('smithy-rpc-v2-cbor', ['smithy-rpc-v2-cbor', 'json', 'query']);
    expect(getProtocol(cloudwatch, 'smithy-rpc-v2-cbor').name).toBe('smithy-rpc-v2-cbor');
    expect(getProtocol(cloudwatch, 'query').name).toBe('query');
    expect(getProtocol(cloudwatch, 'json').name).toBe('json');
    expect(getProtocol(meta('json'), 'json').name).toBe('json');
  });

  it('refuses a Config protocol the model does not list, naming those it lists and the close ones', () => {
    const cloudwatch = meta('smithy-rpc-v2-cbor', ['smithy-rpc-v2-cbor', 'json', 'query']);
    expect(() => getProtocol(cloudwatch, 'cbor')).toThrow(
      new UnsupportedServiceProtocolsError("Config protocol 'cbor' is not a protocol of Fake: its model lists smithy-rpc-v2-cbor, json, query. Did you mean: smithy-rpc-v2-cbor?", []),
    );
    expect(() => getProtocol(cloudwatch, 'rest-json')).toThrow(/Config protocol 'rest-json' is not a protocol of Fake: its model lists smithy-rpc-v2-cbor, json, query\. Did you mean: json\?/);
    expect(() => getProtocol(meta('rest-xml'), 'smithy-rpc-v2-cbor')).toThrow(/its model lists rest-xml\.$/);
    expect(() => getProtocol(meta('json'), 'constructor')).toThrow(UnsupportedServiceProtocolsError);
  });

  it('refuses a model botojs cannot speak, naming what it speaks', () => {
    expect(() => getProtocol(meta('soap'))).toThrow(new UnsupportedServiceProtocolsError('botojs speaks json, rest-json, rest-xml, smithy-rpc-v2-cbor, query, ec2, but Fake only speaks soap', []));
    expect(() => getProtocol(meta('constructor'))).toThrow(UnsupportedServiceProtocolsError);
    expect(() => getProtocol(meta('json', ['soap', 'corba']))).toThrow(/but Fake only speaks soap, corba/);
  });
});
