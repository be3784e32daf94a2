/**
 * Errors of the resource layer (boto3's ResourceLoadException and ResourceNotExistsError).
 */
import { BotojsError } from '../errors';

/** A resource could not load its attributes (it has no `load`, or was not loaded). */
export class ResourceLoadError extends BotojsError {}

/** `session.resource(name)` for a service without a resources-1.json model. */
export class ResourceNotExistsError extends BotojsError {
  constructor(
    readonly serviceName: string,
    readonly availableResources: string[],
    readonly hasLowLevelClient: boolean,
  ) {
    const client = hasLowLevelClient ? ` Consider using session.client('${serviceName}') instead.` : '';
    super(
      `The '${serviceName}' resource does not exist. The available resources are: ${availableResources.join(', ')}.${client}`,
    );
  }
}
