/**
 * BatchWriter (boto3.dynamodb.table.BatchWriter): buffers put and delete requests for one
 * table and sends them with BatchWriteItem, `flushAmount` (25, the API's limit) at a time;
 * whatever comes back in UnprocessedItems goes to the end of the buffer and is sent with a
 * later batch. `close()` sends until the buffer is empty, as boto3's `with` block does on exit.
 *
 * Items stay native JS values: the writer sends through the DynamoDB resource's client, whose
 * transformation serializes them (and deserializes UnprocessedItems back).
 *
 * Sends happen one at a time, in call order. `putItem`/`deleteItem` resolve once the batch
 * they filled (if any) has been sent, so `for (...) await batch.putItem(...)` never holds more
 * than one batch in memory; a failed BatchWriteItem rejects the call that triggered it.
 */
import type { Client } from '../../client/proxy';
import { TypeSerializer } from './types';
import { isRecord } from '../../util/objects';

/** Options of `table.batchWriter()`. */
export interface BatchWriterOptions {
  /**
   * Key attribute names (`['pk', 'sk']`): a new request replaces any buffered one for the same
   * key, so one batch never names an item twice (DynamoDB refuses such a batch).
   */
  overwriteByPkeys?: string[];
  /** Requests per BatchWriteItem, 1 to 25 (default 25). */
  flushAmount?: number;
}

type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

const MAX_BATCH = 25;
const isObject = (v: unknown): v is Item => isRecord(v);

export class BatchWriter {
  private buffer: WriteRequest[] = [];
  // The tail of the send queue; never rejects, so one failed send does not stop later ones.
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly flushAmount: number;
  private readonly overwriteByPkeys?: string[];
  private serializer?: TypeSerializer;

  /**
   * @param client a DynamoDB *resource* client (`table.meta.client`): a low-level client would
   *   send the native items unserialized
   */
  constructor(
    readonly tableName: string,
    private readonly client: Client,
    options: BatchWriterOptions = {},
  ) {
    const { flushAmount = MAX_BATCH, overwriteByPkeys } = options;
    if (!Number.isInteger(flushAmount) || flushAmount < 1 || flushAmount > MAX_BATCH) {
      throw new RangeError(`batchWriter flushAmount must be an integer from 1 to ${MAX_BATCH}, got ${String(flushAmount)}`);
    }
    if (overwriteByPkeys !== undefined && (!Array.isArray(overwriteByPkeys) || overwriteByPkeys.some((k) => typeof k !== 'string'))) {
      throw new TypeError('batchWriter overwriteByPkeys must be an array of attribute names');
    }
    this.flushAmount = flushAmount;
    this.overwriteByPkeys = overwriteByPkeys?.length ? overwriteByPkeys : undefined;
  }

  /** Requests buffered and not yet sent. */
  get pendingCount(): number {
    return this.buffer.length;
  }

  /** Buffers a PutRequest; sends a batch when the buffer is full. */
  putItem(params: { Item: Item }): Promise<void> {
    const item = params?.Item;
    if (!isObject(item)) throw new TypeError(`BatchWriter.putItem takes { Item: { ... } }, got ${describe(params)}`);
    return this.add({ PutRequest: { Item: item } });
  }

  /** Buffers a DeleteRequest; sends a batch when the buffer is full. */
  deleteItem(params: { Key: Item }): Promise<void> {
    const key = params?.Key;
    if (!isObject(key)) throw new TypeError(`BatchWriter.deleteItem takes { Key: { ... } }, got ${describe(params)}`);
    return this.add({ DeleteRequest: { Key: key } });
  }

  /** Sends everything buffered (re-sending unprocessed items) until the buffer is empty. */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      while (this.buffer.length) await this.sendBatch();
    });
  }

  /** Flushes and refuses further requests (boto3's exit of the `with` block). */
  close(): Promise<void> {
    this.closed = true;
    return this.flush();
  }

  /** `await using batch = table.batchWriter()` closes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private add(request: WriteRequest): Promise<void> {
    if (this.closed) throw new Error(`This BatchWriter for table '${this.tableName}' is closed`);
    if (this.overwriteByPkeys) {
      const key = this.keyOf(request);
      this.buffer = this.buffer.filter((r) => this.keyOf(r) !== key);
    }
    this.buffer.push(request);
    return this.enqueue(async () => {
      if (this.buffer.length >= this.flushAmount) await this.sendBatch();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendBatch(): Promise<void> {
    const items = this.buffer.splice(0, this.flushAmount);
    const response = (await this.client.batchWriteItem({ RequestItems: { [this.tableName]: items } })) as {
      UnprocessedItems?: Record<string, WriteRequest[]>;
    };
    // Unprocessed requests join the next batch, as boto3 does (no extra delay).
    const unprocessed = response.UnprocessedItems?.[this.tableName] ?? [];
    this.buffer.push(...unprocessed);
  }

  /** The primary key of a request, comparable as a string (1 and 1n are the same key). */
  private keyOf(request: WriteRequest): string {
    const attrs = 'PutRequest' in request ? request.PutRequest.Item : request.DeleteRequest.Key;
    const names = this.overwriteByPkeys as string[];
    const serializer = (this.serializer ??= new TypeSerializer());
    return JSON.stringify(
      names.map((name) => {
        if (!Object.prototype.hasOwnProperty.call(attrs, name)) throw new TypeError(`overwriteByPkeys names '${name}', which this ${'PutRequest' in request ? 'item' : 'key'} does not have`);
        return serializer.serialize(attrs[name], name);
      }),
    );
  }
}

function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  return `an object with ${Object.keys(v).map((k) => `'${k}'`).join(', ') || 'no keys'}`;
}

/**
 * `table.batchWriter(fn, options?)`: runs `fn` with a new writer and closes it afterwards (also
 * when `fn` throws, like boto3's `with` block); resolves to what `fn` returned.
 */
export async function withBatchWriter<T>(writer: BatchWriter, fn: (writer: BatchWriter) => Promise<T> | T): Promise<T> {
  try {
    return await fn(writer);
  } finally {
    await writer.close();
  }
}
