/**
 * The payloads of the events fired while a client is built (src/session/create-client.ts),
 * one interface per event name; docs/events.md lists them with the per-call ones.
 */
import type { EventPayload } from '../events/emitter';
import type { ServiceModel } from '../models/service-model';
import type { SerializerOptions } from '../protocols';
import type { ClientBuild } from './client-build';

/** `choose-service-name`: return another service name to build that service's client instead. */
export interface ChooseServiceNameEvent extends EventPayload {
  serviceName: string;
}

/** `creating-client-class` (synchronous): adjust `build` (model patches, region, members, rules). */
export interface CreatingClientClassEvent extends EventPayload {
  build: ClientBuild;
}

/** `creating-serializer` (synchronous): change `serializerKwargs` for this client. */
export interface CreatingSerializerEvent extends EventPayload {
  protocolName: string;
  serviceModel: ServiceModel;
  serializerKwargs: SerializerOptions;
}

declare module '../events/emitter' {
  interface EventPayloads {
    'choose-service-name': ChooseServiceNameEvent;
    'creating-client-class': CreatingClientClassEvent;
    'creating-serializer': CreatingSerializerEvent;
  }
}
