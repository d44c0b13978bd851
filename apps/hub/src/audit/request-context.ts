import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type NestMiddleware } from '@nestjs/common';

interface RequestLike {
  /** Set by pino-http (libs/platform logger options): the x-request-id the response carries too. */
  id?: unknown;
}

const storage = new AsyncLocalStorage<RequestLike>();

/**
 * Keeps the HTTP request reachable from anything its handling awaits, so an audit entry written deep in
 * a service still names the request (the trace id of Logboek Dataverwerkingen) without every call
 * passing it along.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: RequestLike, _res: unknown, next: () => void): void {
    storage.run(req, next);
  }
}

/** The id of the request being handled; null outside a request (Kafka ingest, schedulers, CLIs). */
export function currentRequestId(): string | null {
  return requestIdOf(storage.getStore());
}

export function requestIdOf(req: RequestLike | undefined): string | null {
  const id = req?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}
