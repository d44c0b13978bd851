import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { FileDeliveryJournal } from './delivery-journal.js';
import type { ParkedDelivery, WebhookFeedback } from './webhook-dispatcher.js';

const feedback = (id: string): WebhookFeedback => ({
  feedbackId: id,
  creditorId: 'cred-a',
  creditorSignalRef: `ref-${id}`,
  status: 'ACCEPTED',
  cursor: '0-1',
});
const parked = (id: string): ParkedDelivery => ({
  feedbackId: id,
  creditorSignalRef: `ref-${id}`,
  status: 'ACCEPTED',
  attempts: 3,
  lastError: 'HTTP 503',
  parkedAt: '2026-12-01T08:00:00.000Z',
});

describe('the webhook delivery journal', () => {
  it('gives a new process what the previous one delivered and parked; a delivery ends a parking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const first = new FileDeliveryJournal(dir, { delivered: 100, parked: 100 });
    expect(first.load('cred-a')).toEqual({ delivered: [], parked: [] });
    first.delivered('cred-a', 'f1');
    first.parked('cred-a', feedback('f2'), parked('f2'));
    first.parked('cred-a', feedback('f3'), parked('f3'));
    first.delivered('cred-a', 'f3');
    first.close();
    // A crash in mid-append leaves a torn last line: skipped, the rest stands.
    appendFileSync(join(dir, 'cred-a.jsonl'), '{"t":"delivered","id":"f4"');

    const second = new FileDeliveryJournal(dir, { delivered: 100, parked: 100 });
    expect(second.load('cred-a')).toEqual({
      delivered: ['f1', 'f3'],
      parked: [{ feedback: feedback('f2'), parked: parked('f2') }],
    });
    expect(second.load('cred-b')).toEqual({ delivered: [], parked: [] });
    second.close();
    // Nothing is recorded after closing (a delivery finishing during shutdown is made again later).
    second.delivered('cred-a', 'f2');
    expect(new FileDeliveryJournal(dir, { delivered: 100, parked: 100 }).load('cred-a').parked).toHaveLength(1);
  });

  it('keeps the newest within its limits and rewrites itself to what is live', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const journal = new FileDeliveryJournal(dir, { delivered: 3, parked: 1 });
    journal.load('cred-a');
    for (const id of ['f1', 'f2', 'f3', 'f4', 'f5']) journal.delivered('cred-a', id);
    journal.parked('cred-a', feedback('p1'), parked('p1'));
    journal.parked('cred-a', feedback('p2'), parked('p2'));
    journal.close();
    const reopened = new FileDeliveryJournal(dir, { delivered: 3, parked: 1 });
    expect(reopened.load('cred-a')).toEqual({
      delivered: ['f3', 'f4', 'f5'],
      parked: [{ feedback: feedback('p2'), parked: parked('p2') }],
    });
    reopened.close();
    // Loading compacted the file to the live state: one line per delivered id and parked delivery.
    expect(readFileSync(join(dir, 'cred-a.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
  });
});
