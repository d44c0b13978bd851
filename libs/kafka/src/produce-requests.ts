// What both adapters do alike around a produce request: its size, and each message's position.
import type { MessagePosition, OutgoingMessage } from './bus.js';

/**
 * Each message's position from a produce response: the broker answers one base offset per
 * partition, and a partition's messages of one request are stored in the order they were given.
 * A position the response does not give is null: the messages are stored all the same, so a send
 * never fails over it.
 */
export function messagePositions(
  messages: readonly object[],
  metadata: ReadonlyArray<{ partition: number; baseOffset?: string }>,
  partitionOf: (message: object) => number | undefined,
): Array<MessagePosition | null> {
  const next = new Map<number, bigint>();
  for (const { partition, baseOffset } of metadata) {
    if (baseOffset !== undefined) next.set(partition, BigInt(baseOffset));
  }
  return messages.map((message) => {
    const partition = partitionOf(message);
    const offset = partition === undefined ? undefined : next.get(partition);
    if (partition === undefined || offset === undefined) return null;
    next.set(partition, offset + 1n);
    return { partition, offset: offset.toString() };
  });
}

/**
 * The broker refuses a produce request over `message.max.bytes` (1 MiB by default) as a whole and
 * without retry; a large batch (say, a DLQ batch of a whole rejected partition fetch) goes in parts.
 */
const MAX_REQUEST_BYTES = 512 * 1024;

export function* requestSized(messages: OutgoingMessage[]): Generator<OutgoingMessage[]> {
  let chunk: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message);
    if (chunk.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(message);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function sizeOf(message: OutgoingMessage): number {
  let size = 64 + (message.value?.length ?? 0) + (message.key ? Buffer.byteLength(message.key) : 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + Buffer.byteLength(value);
  return size;
}
