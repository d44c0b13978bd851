import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeDurably } from '../state/durable-file.js';
import type { ParkedDelivery, WebhookFeedback } from './webhook-dispatcher.js';

/** What a creditor's webhook deliveries left behind: the ids delivered, and the deliveries parked. */
export interface DeliveryState {
  /** Oldest first. */
  delivered: string[];
  /** Oldest first. */
  parked: Array<{ feedback: WebhookFeedback; parked: ParkedDelivery }>;
}

/** Where the dispatcher records what must survive a restart. */
export interface DeliveryJournal {
  load(creditorId: string): DeliveryState;
  delivered(creditorId: string, feedbackId: string): void;
  parked(creditorId: string, feedback: WebhookFeedback, parked: ParkedDelivery): void;
  close(): void;
}

type Entry = { t: 'delivered'; id: string } | { t: 'parked'; feedback: WebhookFeedback; parked: ParkedDelivery };

/**
 * An append-only journal per creditor, `<dir>/<creditorId>.jsonl`, one JSON line per event, each
 * flushed to disk before the dispatcher goes on. A delivered line also ends a parking (a redelivered
 * delivery stays parked on disk until it succeeds, so a crash during redelivery loses nothing). At
 * start and whenever the journal holds twice what is still live, it is rewritten to just the live
 * state (durably: temporary file, flush, rename). A torn last line, from a crash in mid-append, is
 * skipped. The lines hold ids, references and statuses, never personal data.
 */
export class FileDeliveryJournal implements DeliveryJournal {
  private readonly files = new Map<string, { fd: number; lines: number; state: DeliveryState }>();
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly limits: { delivered: number; parked: number },
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  load(creditorId: string): DeliveryState {
    const open = this.files.get(creditorId);
    if (open) return copy(open.state);
    const file = this.path(creditorId);
    const delivered = new Set<string>();
    const parked = new Map<string, { feedback: WebhookFeedback; parked: ParkedDelivery }>();
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const entry = parse(line);
        if (entry?.t === 'delivered') {
          delivered.delete(entry.id);
          delivered.add(entry.id);
          parked.delete(entry.id);
        } else if (entry?.t === 'parked') {
          parked.delete(entry.feedback.feedbackId);
          parked.set(entry.feedback.feedbackId, { feedback: entry.feedback, parked: entry.parked });
        }
      }
    }
    const state: DeliveryState = {
      delivered: [...delivered].slice(-this.limits.delivered),
      parked: [...parked.values()].slice(-this.limits.parked),
    };
    this.rewrite(creditorId, state);
    return copy(state);
  }

  delivered(creditorId: string, feedbackId: string): void {
    if (this.closed) return;
    const open = this.opened(creditorId);
    open.state.delivered.push(feedbackId);
    if (open.state.delivered.length > this.limits.delivered) open.state.delivered.shift();
    open.state.parked = open.state.parked.filter((p) => p.feedback.feedbackId !== feedbackId);
    this.append(creditorId, { t: 'delivered', id: feedbackId });
  }

  parked(creditorId: string, feedback: WebhookFeedback, parked: ParkedDelivery): void {
    if (this.closed) return;
    const open = this.opened(creditorId);
    open.state.parked = open.state.parked.filter((p) => p.feedback.feedbackId !== feedback.feedbackId);
    open.state.parked.push({ feedback, parked });
    if (open.state.parked.length > this.limits.parked) open.state.parked.shift();
    this.append(creditorId, { t: 'parked', feedback, parked });
  }

  /** After closing, events are no longer recorded: a delivery finishing during shutdown is made again after the restart. */
  close(): void {
    this.closed = true;
    for (const { fd } of this.files.values()) closeSync(fd);
    this.files.clear();
  }

  private opened(creditorId: string) {
    if (!this.files.has(creditorId)) this.load(creditorId);
    return this.files.get(creditorId)!;
  }

  private append(creditorId: string, entry: Entry): void {
    const open = this.opened(creditorId);
    writeSync(open.fd, `${JSON.stringify(entry)}\n`);
    fdatasyncSync(open.fd);
    open.lines += 1;
    if (open.lines > 2 * (open.state.delivered.length + open.state.parked.length) + 1000) {
      this.rewrite(creditorId, open.state);
    }
  }

  private rewrite(creditorId: string, state: DeliveryState): void {
    const previous = this.files.get(creditorId);
    if (previous) closeSync(previous.fd);
    const lines = [
      ...state.delivered.map((id): Entry => ({ t: 'delivered', id })),
      ...state.parked.map((p): Entry => ({ t: 'parked', ...p })),
    ];
    writeDurably(this.path(creditorId), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const fd = openSync(this.path(creditorId), 'a', 0o600);
    this.files.set(creditorId, { fd, lines: lines.length, state });
  }

  private path(creditorId: string): string {
    // Creditor ids are checked against the webhooks file's pattern before they get here.
    return join(this.dir, `${creditorId}.jsonl`);
  }
}

function parse(line: string): Entry | null {
  if (line.trim() === '') return null;
  try {
    const entry = JSON.parse(line) as Entry;
    if (entry.t === 'delivered' && typeof entry.id === 'string') return entry;
    if (entry.t === 'parked' && typeof entry.feedback?.feedbackId === 'string' && entry.parked) return entry;
    return null;
  } catch {
    return null;
  }
}

function copy(state: DeliveryState): DeliveryState {
  return { delivered: [...state.delivered], parked: state.parked.map((p) => ({ ...p })) };
}
