import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeedbackStatus, decodeFeedback, type SignalFeedback } from '@signaalhub/contracts';
import { loadReferenceData } from '@signaalhub/reference';
import { generateSignals } from '../apps/connectors/src/index.js';
import { HubWorld } from './support/hub-harness.js';

// A fixed signal date, so the same options give the same bytes also across midnight.
const FIRST_SIGNALS = { count: 30, municipalities: ['GM0518'], seed: 21, signalDate: '2026-06-01' };

describe('feedback to creditors through the transactional outbox', () => {
  const world = new HubWorld('feedback', { seedCreditors: true });
  const received: Array<{ key: string; feedback: SignalFeedback }> = [];

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-creditor`, topics: [world.topics.feedback] });
    await reader.start(async (batch) => {
      for (const m of batch.messages) received.push({ key: m.key!.toString(), feedback: decodeFeedback(m.value!) });
    });
  });

  afterAll(() => world.close());

  const distinctIds = () => new Set(received.map((r) => r.feedback.feedbackId)).size;

  it('publishes feedback committed before a crash once the hub is back, each feedback id once', async () => {
    const signals = generateSignals(loadReferenceData(), FIRST_SIGNALS);
    // A hub whose relay never runs: it commits signals and their feedback, then "crashes".
    const crashing = await world.startHub({ OUTBOX_RELAY_ENABLED: 'false' });
    const producer = await world.bus.createProducer();
    await producer.send(world.topics.signals, world.records(signals));
    await world.eventually(
      () => world.count('SELECT count(*) FROM signal'),
      (n) => n >= 30,
    );
    expect(await world.count('SELECT count(*) FROM feedback_outbox WHERE published_at IS NULL')).toBe(30);
    await world.stopHub(crashing);
    expect(received).toHaveLength(0);

    const hub = await world.startHub();
    await world.eventually(
      async () => distinctIds(),
      (n) => n >= 30,
    );
    expect(distinctIds()).toBe(30);
    // Each id once: no feedback was published twice.
    expect(received).toHaveLength(30);
    expect(await world.count('SELECT count(*) FROM feedback_outbox WHERE published_at IS NULL')).toBe(0);
    for (const { key, feedback } of received) {
      expect(feedback.status).toBe(FeedbackStatus.ACCEPTED);
      expect(key).toBe(feedback.creditorId);
      expect(feedback.reasonCode).toBeUndefined();
    }
    const refs = new Set(received.map((r) => `${r.feedback.creditorId}:${r.feedback.creditorSignalRef}`));
    expect(refs).toEqual(new Set(signals.map((s) => `${s.creditorId}:${s.signal.creditorSignalRef}`)));
    await world.stopHub(hub);
  });

  it('publishes again with the same feedback id when a send was not recorded, so creditors can deduplicate', async () => {
    const before = received.length;
    // As after a crash between the send and the published_at update.
    await world.db.query(
      `UPDATE feedback_outbox SET published_at = NULL WHERE id IN (SELECT id FROM feedback_outbox ORDER BY id LIMIT 5)`,
    );
    const hub = await world.startHub();
    await world.eventually(
      async () => received.length,
      (n) => n >= before + 5,
    );
    expect(received.length).toBe(before + 5);
    expect(distinctIds()).toBe(30);
    await world.stopHub(hub);
  });

  it('does not queue feedback twice when the same signal is delivered again', async () => {
    // The very first signal of the first test, byte for byte.
    const [signal] = generateSignals(loadReferenceData(), FIRST_SIGNALS);
    const hub = await world.startHub();
    const producer = await world.bus.createProducer();
    const offsetsBefore = await world.count('SELECT count(*) FROM feedback_outbox');
    await producer.send(world.topics.signals, world.records([signal]));
    await world.eventually(
      () => world.bus.consumerLag(`${world.id}-hub`, world.topics.signals),
      (lag) => lag === 0,
    );
    expect(await world.count('SELECT count(*) FROM feedback_outbox')).toBe(offsetsBefore);
    await world.stopHub(hub);
  });
});
