/** Waiters interpreted from waiters-2.json; see docs/paginators-and-waiters.md. */
export { Waiter } from './waiter';
export type { WaiterSpec, WaiterConfig, WaitParams } from './waiter';
export { Acceptor } from './acceptor';
export type { AcceptorSpec, AcceptorState, AcceptorMatcher } from './acceptor';
export { WaiterModel } from './waiter-model';
export { WaiterError, WaiterConfigError } from './errors';
