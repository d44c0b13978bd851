import { describe, expect, it } from '@jest/globals';
import type { TopicSpec } from './bus.js';
import { ensureTopicsOn, partitionsWithoutLeader, type TopicAdmin } from './topic-setup.js';

const DAY = 24 * 60 * 60 * 1000;
const specs: TopicSpec[] = [
  { topic: 'signals', partitions: 2, retentionMs: 14 * DAY },
  { topic: 'feedback', partitions: 2, retentionMs: 7 * DAY },
];

/**
 * A cluster as an admin client sees it during the race: `created` topics exist, and their
 * partitions get leaders only after `leaderlessPolls` metadata requests.
 */
function cluster(options: {
  existing?: Record<string, string>;
  leaderlessPolls?: number;
  createFails?: unknown[];
  serveFails?: unknown[];
}) {
  const topics = new Map<string, { partitions: number; config: Record<string, string> }>(
    Object.entries(options.existing ?? {}).map(([topic, retention]) => [
      topic,
      { partitions: 2, config: { 'retention.ms': retention } },
    ]),
  );
  const calls = {
    created: [] as Array<{ topic: string; partitions: number; config: Record<string, string> }>,
    polls: 0,
    served: 0,
  };
  const serveFails = [...(options.serveFails ?? [])];
  let leaderless = options.leaderlessPolls ?? 0;
  const createFails = [...(options.createFails ?? [])];
  const admin: TopicAdmin = {
    listTopics: async () => [...topics.keys()],
    createTopics: async (list) => {
      const failure = createFails.shift();
      if (failure) throw failure;
      for (const t of list) {
        calls.created.push(t);
        topics.set(t.topic, { partitions: t.partitions, config: t.config });
      }
    },
    partitionLeaders: async (names) => {
      calls.polls++;
      const noLeader = leaderless-- > 0;
      return names.flatMap((topic) =>
        Array.from({ length: topics.get(topic)?.partitions ?? 0 }, (_, partition) => ({
          topic,
          partition,
          leader: noLeader ? -1 : 1,
        })),
      );
    },
    leadersServe: async () => {
      calls.served++;
      const failure = serveFails.shift();
      if (failure) throw failure;
    },
    topicConfig: async (topic) => topics.get(topic)?.config ?? {},
  };
  return { admin, calls };
}

const fast = { hooks: { sleep: async () => undefined }, pollMs: 0 };

describe('ensureTopicsOn', () => {
  it('creates missing topics with their partitions and explicit retention', async () => {
    const { admin, calls } = cluster({});
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.created).toEqual([
      { topic: 'signals', partitions: 2, config: { 'retention.ms': String(14 * DAY) } },
      { topic: 'feedback', partitions: 2, config: { 'retention.ms': String(7 * DAY) } },
    ]);
  });

  it('creates a topic with the largest message size its spec asks for', async () => {
    const { admin, calls } = cluster({});
    await ensureTopicsOn(admin, [{ topic: 'dlq', partitions: 2, retentionMs: DAY, maxMessageBytes: 2_000_000 }], fast);
    expect(calls.created).toEqual([
      { topic: 'dlq', partitions: 2, config: { 'retention.ms': String(DAY), 'max.message.bytes': '2000000' } },
    ]);
  });

  it('warns about an existing topic that takes smaller messages than its spec asks for', async () => {
    const { admin } = cluster({ existing: { dlq: String(DAY) } });
    const warnings: string[] = [];
    await ensureTopicsOn(admin, [{ topic: 'dlq', partitions: 2, retentionMs: DAY, maxMessageBytes: 2_000_000 }], {
      ...fast,
      warn: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([expect.stringContaining('dlq exists with max.message.bytes=unset, configured 2000000')]);
  });

  it('waits for leaders of topics another client has just created, instead of returning at once', async () => {
    const { admin, calls } = cluster({
      existing: { signals: String(14 * DAY), feedback: String(7 * DAY) },
      leaderlessPolls: 3,
    });
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.created).toEqual([]);
    expect(calls.polls).toBe(4);
  });

  it('waits for leaders after creating, too', async () => {
    const { admin, calls } = cluster({ leaderlessPolls: 2 });
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.polls).toBe(3);
  });

  it('waits until the named leaders actually serve their partitions', async () => {
    const notLeader = Object.assign(new Error('not the leader'), { type: 'NOT_LEADER_FOR_PARTITION', retriable: true });
    const { admin, calls } = cluster({ serveFails: [notLeader, notLeader] });
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.served).toBe(3);
    expect(calls.polls).toBe(3);
  });

  it('gives up after the leader timeout, naming the partitions without a leader', async () => {
    const { admin } = cluster({ leaderlessPolls: Number.POSITIVE_INFINITY });
    let clock = 0;
    await expect(
      ensureTopicsOn(admin, specs, { ...fast, leaderTimeoutMs: 1_000, now: () => (clock += 100) }),
    ).rejects.toThrow(/without a leader after 1000 ms: signals\/0, signals\/1, feedback\/0/);
  });

  it('keeps polling through metadata errors of a topic still unknown to the broker asked', async () => {
    const { admin, calls } = cluster({});
    const real = admin.partitionLeaders;
    let failures = 2;
    admin.partitionLeaders = async (names) => {
      if (failures-- > 0) throw Object.assign(new Error('not hosted'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });
      return real(names);
    };
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.polls).toBe(1);
  });

  it('stops waiting at once on an error that will not pass', async () => {
    const { admin } = cluster({});
    let calls = 0;
    const denied = Object.assign(new Error('denied'), { type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false });
    admin.partitionLeaders = async () => {
      calls++;
      throw denied;
    };
    await expect(ensureTopicsOn(admin, specs, fast)).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('retries a creation refused by a transient error', async () => {
    const notController = Object.assign(new Error('not controller'), { type: 'NOT_CONTROLLER', retriable: true });
    const { admin, calls } = cluster({ createFails: [notController] });
    await ensureTopicsOn(admin, specs, fast);
    expect(calls.created.map((t) => t.topic)).toEqual(['signals', 'feedback']);
  });

  it('leaves an existing topic alone but warns when its retention differs', async () => {
    const { admin, calls } = cluster({ existing: { signals: String(3 * DAY), feedback: String(7 * DAY) } });
    const warnings: string[] = [];
    await ensureTopicsOn(admin, specs, { ...fast, warn: (m) => warnings.push(m) });
    expect(calls.created).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`signals exists with retention.ms=${3 * DAY}, configured ${14 * DAY}`);
  });

  it('refuses a spec without a positive retention before touching the cluster', async () => {
    const { admin, calls } = cluster({});
    for (const retentionMs of [0, -1, 1.5, Number.NaN]) {
      await expect(ensureTopicsOn(admin, [{ topic: 'x', retentionMs }], fast)).rejects.toThrow(/retentionMs of x/);
    }
    expect(calls.created).toEqual([]);
    expect(calls.polls).toBe(0);
  });
});

describe('partitionsWithoutLeader', () => {
  it('lists leaderless partitions and topics missing from the metadata', () => {
    expect(
      partitionsWithoutLeader(
        ['a', 'b'],
        [
          { topic: 'a', partition: 0, leader: 1 },
          { topic: 'a', partition: 1, leader: null },
        ],
      ),
    ).toEqual(['a/1', 'b/*']);
  });
});
