/**
 * botocore's handle_service_name_alias on `choose-service-name`: an old service name a client
 * may still be created with maps to the name the models use today. botocore 1.43.11's
 * SERVICE_NAME_ALIASES has one entry.
 */
import type { HierarchicalEmitter } from '../events/emitter';

const SERVICE_NAME_ALIASES: Record<string, string> = { 'runtime.sagemaker': 'sagemaker-runtime' };

export function installServiceNameAliases(events: HierarchicalEmitter): void {
  events.register('choose-service-name', (p) => {
    const name = p.serviceName as string;
    return Object.prototype.hasOwnProperty.call(SERVICE_NAME_ALIASES, name) ? SERVICE_NAME_ALIASES[name] : undefined;
  });
}
