/**
 * DynamoDB's customizations, registered on each session's events:
 *
 * - every client's standard and adaptive retries check the body's `x-amz-crc32` (botocore's
 *   special.RetryDDBChecksumError): a mismatch is retried, then raised as ChecksumError;
 *
 * - the resource's client (and only it: `session.client('dynamodb')` stays raw, as in boto3)
 *   takes and returns native JS values and condition objects (transform.ts);
 * - `table.batchWriter()` (batch-writer.ts).
 *
 * boto3 registers the transformation from the resource classes' `__init__` (a base class added
 * at `creating-resource-class.dynamodb`); botojs does the same through the event's
 * `initializers`, run on every new DynamoDB resource, the service resource included, so
 * `session.resource('dynamodb').meta.client` is transformed from the start, as in boto3.
 *
 * This module loads with every session, so it only registers; the implementations load with
 * the first DynamoDB resource call.
 */
import type { Client } from '../../client/proxy';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClassMember, CreatingResourceClassEvent, Resource } from '../../resources';
import { documentMethod } from '../../util/method-docs';
import type { ServiceRetryChecks } from '../../retries';
import type { ClientBuild } from '../../client/client-build';
import type { AfterCallEvent } from '../../pipeline/call-events';
import { eventsOf } from '../../pipeline/operation-events';
import type * as BatchWriterModule from './batch-writer';
import type * as TransformModule from './transform';

const transformModule = () => require('./transform') as typeof TransformModule;
const batchWriterModule = () => require('./batch-writer') as typeof BatchWriterModule;

let injector: TransformModule.TransformationInjector | undefined;
const getInjector = () => (injector ??= new (transformModule().TransformationInjector)());

/** The resource's result conversion (boto3's after-call transform), one function for every client. */
function convertOutput(p: AfterCallEvent): void {
  getInjector().injectOutput(p.parsed, p.operation, p.context);
}

/**
 * Registers the native-value transformation on a DynamoDB resource's client; the unique ids make
 * a second registration on the same client (every resource instance asks) a no-op.
 */
export function installTransformation(client: Client): void {
  const events = client.meta.events;
  events.register(
    'before-parameter-build.dynamodb',
    (p) => getInjector().injectInput(p.params, p.operation),
    { uniqueId: 'dynamodb-high-level-input' },
  );
  // Results are read to native values in one pass (wire-reader.ts), but only where the after-call
  // conversion is the first after-call handler of the operation: a handler that runs before it
  // (registered on the operation's own name, or `first`), or a needs-retry handler, sees the
  // AttributeValues boto3 shows it, and unregistering the conversion turns the reading off too.
  events.register(
    'before-parse.dynamodb',
    (p) => {
      const names = eventsOf('dynamodb', p.operation);
      // A needs-retry handler sees the parsed response before after-call: it gets AttributeValues too.
      if (events.handlersFor(names.afterCall)[0] === convertOutput && !events.hasHandlers(names.needsRetry)) {
        p.context.shapeReaders = getInjector().outputReaders;
      }
    },
    { uniqueId: 'dynamodb-high-level-read' },
  );
  events.register('after-call.dynamodb', convertOutput, { uniqueId: 'dynamodb-high-level-output' });
}

type BatchWriterOptions = BatchWriterModule.BatchWriterOptions;
type BatchWriter = BatchWriterModule.BatchWriter;

/**
 * `table.batchWriter(options?)` -> a BatchWriter to `await close()`;
 * `table.batchWriter(async (batch) => { ... }, options?)` -> closes it for you.
 */
function batchWriter(this: Resource, optionsOrFn?: BatchWriterOptions | ((w: BatchWriter) => unknown), options?: BatchWriterOptions): BatchWriter | Promise<unknown> {
  const m = batchWriterModule();
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : undefined;
  const writer = new m.BatchWriter(this.meta.identifiers.name as string, this.meta.client, fn ? options : (optionsOrFn as BatchWriterOptions | undefined));
  return fn ? m.withBatchWriter(writer, fn) : writer;
}

documentMethod(batchWriter, () =>
  [
    'table.batchWriter(options?) -> BatchWriter   or   table.batchWriter(async (batch) => { ... }, options?)',
    '  Buffers putItem({ Item }) / deleteItem({ Key }) into BatchWriteItem requests of up to 25, resending',
    '  unprocessed items. Call await batch.close() to flush, or pass a function and it is closed for you.',
    '  options: { overwriteByPkeys?: [...key names], flushAmount?: 1..25 }',
  ].join('\n'),
);

const batchWriterMember: ClassMember = { kind: 'custom', modelName: 'batch_writer', descriptor: { value: batchWriter, writable: false } };

/** The CRC32 header DynamoDB's standard and adaptive retries check. */
export const DYNAMODB_RETRY_CHECKS: ServiceRetryChecks = { crc32Header: 'x-amz-crc32' };

/** Registers the DynamoDB customizations on a session's events. */
export function installDynamoDb(events: HierarchicalEmitter): void {
  events.register('creating-client-class.dynamodb', (p) => {
    (p.build as ClientBuild).retryChecks = DYNAMODB_RETRY_CHECKS;
  });
  events.register('creating-resource-class.dynamodb.Table', (payload) => {
    (payload as unknown as CreatingResourceClassEvent).classAttributes.batchWriter = batchWriterMember;
  });
  events.register('creating-resource-class.dynamodb', (payload) => {
    (payload as unknown as CreatingResourceClassEvent).initializers.push((resource) => installTransformation(resource.meta.client));
  });
}
