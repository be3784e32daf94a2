/**
 * `botojs/testing`: what a test suite needs to run code against canned responses
 * (botocore.stub) — the Stubber, its `ANY` matcher and the errors it raises. The same objects as
 * the top-level `botojs` exports.
 */
export { Stubber, ANY } from './client/stubber';
export type { ClientErrorStub } from './client/stubber';
export { StubAssertionError, StubResponseError, UnStubbedResponseError } from './errors';
