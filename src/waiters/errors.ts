/**
 * Waiter failures. WaiterError ends a wait that reached a failure state, ran out of attempts, or
 * got a service error no acceptor expected; WaiterConfigError is a waiters-2.json or WaiterConfig
 * that cannot be run.
 */
import { BotojsError } from '../errors';

export class WaiterError extends BotojsError {
  /**
   * @param waiterName the model's waiter name (`ObjectExists`)
   * @param reason why the wait ended (`Max attempts exceeded`, the failure acceptor, the error)
   * @param lastResponse the last response (an error response carries `Error` and
   *   `ResponseMetadata`), or undefined when nothing was received
   */
  constructor(
    readonly waiterName: string,
    readonly reason: string,
    readonly lastResponse: Record<string, unknown> | undefined,
    options?: { cause?: unknown },
  ) {
    super(`Waiter ${waiterName} failed: ${reason}`, options);
  }
}

export class WaiterConfigError extends BotojsError {}
