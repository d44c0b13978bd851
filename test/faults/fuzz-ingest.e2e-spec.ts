import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  decodeSignal,
  DLQ_HEADER_REJECT_DETAIL,
  DLQ_HEADER_REJECT_REASON,
  encodeEnvelope,
  encodeSignal,
  signEnvelope,
  type SignalInit,
} from '@signaalhub/contracts';
import type { ConsumedMessage, OutgoingMessage, Producer } from '@signaalhub/kafka';
import { loadReferenceData } from '@signaalhub/reference';
import request from 'supertest';
import { generateSignals, type SyntheticSignal } from '../../apps/connectors/src/index.js';
import { HubWorld } from '../support/hub-harness.js';

// Fuzzed messages mixed into a valid stream on the signals topic. FUZZ_COUNT changes how many bad
// messages are made (10,000 unless set); a fifth as many valid signals go in between them. Every
// message is made from one seeded generator, so a failure reproduces with the same stream.
const FUZZ_COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const VALID_COUNT = Math.max(100, Math.round(FUZZ_COUNT / 5));
const SEED = 20_231_230;
const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;
/**
 * Close to the broker's default `message.max.bytes` (1 MiB + 12 bytes with the batch overhead); the
 * last one as large as the signals topic accepts with its key, so its dead letter (sealed, with
 * headers) is larger than the original.
 */
const NEAR_BROKER_LIMIT = [1_000_000, 1_040_000, 1_048_450];
/** In every refused signal's name: a hit in a dead letter's readable parts or a log line is a leak. */
const MARKER = 'Fuzzgeheimsma';
const MUNICIPALITIES = ['GM0363', 'GM0599', 'GM0344'];

const AUTHENTICITY = ['UNKNOWN_CREDITOR', 'UNKNOWN_KEY', 'BAD_SIGNATURE', 'CREDITOR_MISMATCH'];
const VALIDATION = [
  'MALFORMED',
  'MISSING_FIELD',
  'INVALID_POSTCODE',
  'INVALID_HOUSE_NUMBER',
  'INVALID_DATE',
  'INVALID_BSN',
  'NEGATIVE_AMOUNT',
  'UNKNOWN_SECTOR',
  'UNKNOWN_KIND',
  'AMOUNT_OUT_OF_RANGE',
  'FIELD_TOO_LONG',
  'SECTOR_NOT_ALLOWED',
];

/** mulberry32: small, seedable, the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    bytes: (length: number) => {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i++) out[i] = int(256);
      return out;
    },
  };
}

type Random = ReturnType<typeof prng>;

interface BadMessage extends OutgoingMessage {
  kind: string;
  /** The reject reasons this kind of message may get; one of them, exactly once. */
  reasons: readonly string[];
}

interface ValidMessage extends OutgoingMessage {
  /** `creditorId:creditorSignalRef`, as stored. */
  id: string;
  /** The surname the hub must store exactly as sent. */
  surname?: string;
}

/** The identity of a message on either topic: its key and its (original) value. */
const fingerprint = (key: Buffer | string | null, value: Buffer | null) =>
  createHash('sha256')
    .update(key === null ? '' : Buffer.from(key))
    .update('\0')
    .update(value ?? Buffer.alloc(0))
    .digest('hex');

describe('fuzzed messages in a valid stream (real Kafka, real PostgreSQL)', () => {
  const world = new HubWorld('fuzz', { seedCreditors: true });
  const logs: string[] = [];
  const dead: ConsumedMessage[] = [];
  const valid: ValidMessage[] = [];
  const bad: BadMessage[] = [];
  let hub: INestApplication;
  let producer: Producer;
  let settled = { lag: -1, stored: 0, dead: 0 };

  /** The envelope a creditor's connector would produce for `payload`, with its parts as given. */
  function envelope(
    creditorId: string,
    payload: Uint8Array,
    options: { keyId?: string; signAs?: string } = {},
  ): Buffer {
    // The key id names the creditor's own key, whoever signs.
    const keyId = options.keyId ?? world.signer(creditorId).keyId;
    const signer = world.signer(options.signAs ?? creditorId);
    const signature = signEnvelope(signer.privateKey, { creditorId, keyId, payload });
    return Buffer.from(encodeEnvelope({ creditorId, keyId, payload, signature }));
  }

  /** The messages of one run, in produce order. */
  function buildStream(): OutgoingMessage[] {
    const random = prng(SEED);
    const reference = loadReferenceData();
    const signals = generateSignals(reference, { count: VALID_COUNT, municipalities: MUNICIPALITIES, seed: SEED });
    world.records(signals).forEach((record, i) => {
      const { creditorId, signal } = signals[i];
      valid.push({ ...record, id: `${creditorId}:${signal.creditorSignalRef}` });
    });
    // Templates for the variants: real creditors, real addresses, signed as their connector would.
    const templates = generateSignals(reference, { count: 50, municipalities: MUNICIPALITIES, seed: SEED + 1 });
    let serial = 0;
    const variant = (change: Partial<SignalInit> = {}): { base: SyntheticSignal; signal: SignalInit; ref: string } => {
      const base = random.pick(templates);
      const ref = `FUZZ-${serial++}`;
      return { base, ref, signal: { ...(base.signal as SignalInit), creditorSignalRef: ref, ...change } as SignalInit };
    };
    const keyOf = (creditorId: string, ref: string) => `${creditorId}:${ref}`;

    // Valid, if unusual: SQL and HTML in names are names to the hub, stored exactly as sent.
    const oddNames = [
      "O'Brien'); DROP TABLE signal; --",
      "x' OR '1'='1",
      'Robert"); DELETE FROM household WHERE (""="',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '${jndi:ldap://127.0.0.1/a}',
      '{{7*7}}',
      '\\x00\\u0000',
    ];
    for (let i = 0; i < Math.max(8, Math.round(VALID_COUNT / 50)); i++) {
      const surname = oddNames[i % oddNames.length];
      const { base, signal, ref } = variant({ surname });
      const value = envelope(base.creditorId, encodeSignal(signal));
      valid.push({ key: keyOf(base.creditorId, ref), value, id: keyOf(base.creditorId, ref), surname });
    }
    // Valid, with headers full of garbage: headers are no part of a signal.
    for (let i = 0; i < Math.max(10, Math.round(VALID_COUNT / 40)); i++) {
      const { base, signal, ref } = variant();
      const headers = garbageHeaders(random);
      const value = envelope(base.creditorId, encodeSignal(signal));
      valid.push({ key: keyOf(base.creditorId, ref), value, headers, id: keyOf(base.creditorId, ref) });
    }

    // Bad ones. Each kind says which reasons it may be refused for.
    const marked = (change: Partial<SignalInit> = {}) => variant({ surname: `${MARKER}${serial}`, ...change });
    const signedBad = (kind: string, reasons: string[], change: Partial<SignalInit>) => {
      const { base, signal, ref } = marked(change);
      return {
        kind,
        reasons,
        key: keyOf(base.creditorId, ref),
        value: envelope(base.creditorId, encodeSignal(signal)),
      };
    };
    const makers: Array<() => Omit<BadMessage, 'headers'>> = [
      () => ({
        kind: 'random bytes',
        reasons: ['MALFORMED', 'MISSING_FIELD', 'UNKNOWN_CREDITOR'],
        key: `${random.pick(templates).creditorId}:FUZZ-${serial++}`,
        value: random.bytes(1 + random.int(2048)),
      }),
      () => {
        const { base, signal, ref } = marked();
        const whole = envelope(base.creditorId, encodeSignal(signal));
        return {
          kind: 'truncated envelope',
          reasons: ['MALFORMED', 'MISSING_FIELD', 'UNKNOWN_KEY', 'BAD_SIGNATURE'],
          key: keyOf(base.creditorId, ref),
          value: whole.subarray(0, 1 + random.int(whole.length - 1)),
        };
      },
      () => {
        const { base, signal, ref } = marked();
        const value = Buffer.from(envelope(base.creditorId, encodeSignal(signal)));
        for (let flips = 1 + random.int(3); flips > 0; flips--) value[random.int(value.length)] ^= 1 << random.int(8);
        return {
          kind: 'bit-flipped envelope',
          reasons: ['MALFORMED', 'MISSING_FIELD', ...AUTHENTICITY],
          key: keyOf(base.creditorId, ref),
          value,
        };
      },
      () => {
        // A payload made unreadable by bit flips, then signed: authentic garbage.
        const { base, signal, ref } = marked();
        const payload = Buffer.from(encodeSignal(signal));
        do payload[random.int(payload.length)] ^= 1 << random.int(8);
        while (decodes(payload));
        return {
          kind: 'signed bit-flipped payload',
          reasons: ['MALFORMED'],
          key: keyOf(base.creditorId, ref),
          value: envelope(base.creditorId, payload),
        };
      },
      () => {
        const base = random.pick(templates);
        return {
          kind: 'signed random payload',
          reasons: VALIDATION,
          key: keyOf(base.creditorId, `FUZZ-${serial++}`),
          value: envelope(base.creditorId, random.bytes(1 + random.int(512))),
        };
      },
      () => {
        const field = random.pick(['surname', 'firstNames', 'street', 'place', 'customerNumber', 'email'] as const);
        return signedBad('oversized field', ['FIELD_TOO_LONG'], { [field]: 'x'.repeat(1_000 + random.int(20_000)) });
      },
      () => {
        const { base, signal, ref } = marked({ surname: `${MARKER}QQQQQQ` });
        // Replaces the placeholder's bytes with ones no UTF-8 decoder may accept.
        const payload = Buffer.from(encodeSignal(signal));
        const at = payload.indexOf('QQQQQQ');
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xa0, 0x80]).copy(payload, at);
        return {
          kind: 'invalid UTF-8',
          reasons: ['MALFORMED'],
          key: keyOf(base.creditorId, ref),
          value: envelope(base.creditorId, payload),
        };
      },
      () => {
        // U+0000 above all: PostgreSQL's text cannot hold it, not even in a refused signal's feedback.
        const field = random.pick(['creditorSignalRef', 'surname', 'street', 'customerNumber'] as const);
        const control = random.pick(['\u0000', '\u0000', '\u0007', '\u001b', '\u007f']);
        return signedBad('control character', ['MALFORMED'], { [field]: `Fuzz${control}waarde` });
      },
      () => {
        const field = random.pick(['signalDate', 'arrearsSince', 'birthDate'] as const);
        const date = random.pick(['2023-02-30', '2023-02-29', '2024-13-01', '2024-04-31', '0000-00-00', '2024-1-5']);
        return signedBad('impossible date', ['INVALID_DATE'], { [field]: date });
      },
      () => {
        const amount = random.pick([INT64_MAX, INT64_MAX - 1n, INT64_MIN, INT64_MIN + 1n, -1n]);
        return signedBad('amount at the int64 limits', [amount > 0n ? 'AMOUNT_OUT_OF_RANGE' : 'NEGATIVE_AMOUNT'], {
          amountCents: amount,
        });
      },
      () => {
        const field = random.pick(['surname', 'postcode', 'creditorSignalRef', 'signalDate'] as const);
        return signedBad('missing field', ['MISSING_FIELD'], { [field]: '' });
      },
      () => {
        const { base, signal, ref } = marked();
        return {
          kind: 'unknown key id',
          reasons: ['UNKNOWN_KEY'],
          key: keyOf(base.creditorId, ref),
          value: envelope(base.creditorId, encodeSignal(signal), { keyId: `key-${random.int(1e9)}` }),
        };
      },
      () => {
        // Signed by one registered creditor in the name of another.
        const { base, signal, ref } = marked();
        const other = templates.find((t) => t.creditorId !== base.creditorId) as SyntheticSignal;
        return {
          kind: 'signed by another creditor',
          reasons: ['BAD_SIGNATURE'],
          key: keyOf(base.creditorId, ref),
          value: envelope(base.creditorId, encodeSignal(signal), { signAs: other.creditorId }),
        };
      },
      () => {
        const { base, signal, ref } = marked();
        const key = random.pick([null, '', ':', `nobody:${ref}`, random.bytes(1 + random.int(64)).toString('latin1')]);
        return {
          kind: 'key naming no or another creditor',
          reasons: ['CREDITOR_MISMATCH'],
          key,
          value: envelope(base.creditorId, encodeSignal(signal)),
        };
      },
      () => ({
        kind: 'unknown creditor',
        reasons: ['UNKNOWN_CREDITOR'],
        key: `nobody-${serial}:FUZZ-${serial}`,
        value: Buffer.from(
          encodeEnvelope({
            creditorId: `nobody-${serial++}`,
            keyId: 'k1',
            payload: encodeSignal(marked().signal),
            signature: random.bytes(64),
          }),
        ),
      }),
      () => ({
        kind: 'empty value',
        reasons: ['MALFORMED'],
        key: random.pick([null, '', `${random.pick(templates).creditorId}:FUZZ-${serial++}`]),
        value: random.pick([null, Buffer.alloc(0)]),
      }),
    ];
    for (let i = 0; bad.length < FUZZ_COUNT - NEAR_BROKER_LIMIT.length; i++) {
      const message = makers[i % makers.length]();
      bad.push(random.next() < 0.1 ? { ...message, headers: garbageHeaders(random) } : message);
    }
    for (const size of NEAR_BROKER_LIMIT) {
      bad.push({
        kind: 'near the broker limit',
        reasons: ['MALFORMED'],
        key: `fuzz:${size}`,
        value: random.bytes(size),
      });
    }

    // One stream, bad and valid mixed at random.
    const stream: OutgoingMessage[] = [...valid, ...bad].map(({ key, value, headers }) => ({
      key,
      value,
      ...(headers ? { headers } : {}),
    }));
    for (let i = stream.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [stream[i], stream[j]] = [stream[j], stream[i]];
    }
    return stream;
  }

  beforeAll(async () => {
    await world.databaseUrl;
    await world.ensureTopics();
    const reader = world.bus.createConsumer({ groupId: `${world.id}-dlq`, topics: [world.topics.deadLetter] });
    await reader.start(async (batch) => {
      dead.push(...batch.messages);
    });
    hub = await world.startHub(
      {},
      { logCapture: { level: 'debug', stream: { write: (line: string) => void logs.push(line) } } },
    );
    producer = await world.bus.createProducer();
    const stream = buildStream();
    for (let i = 0; i < stream.length; i += 500) await producer.send(world.topics.signals, stream.slice(i, i + 500));
    settled = await world.eventually(
      async () => ({
        lag: await world.bus.consumerLag(`${world.id}-hub`, world.topics.signals),
        stored: await world.count(`SELECT count(*) FROM signal`),
        dead: dead.length,
      }),
      // Every message accounted for, one way or the other; the tests below say whether rightly.
      (s) => s.lag === 0 && s.stored + s.dead >= valid.length + bad.length,
      150_000,
    );
  }, 240_000);

  afterAll(async () => {
    if (process.env.FUZZ_LOG_DUMP) (await import('node:fs')).writeFileSync(process.env.FUZZ_LOG_DUMP, logs.join(''));
    await world.close();
  });

  it('consumes every message and stays ready', async () => {
    expect(settled).toEqual({ lag: 0, stored: valid.length, dead: bad.length });
    expect((await request(hub.getHttpServer()).get('/health/ready')).status).toBe(200);
  });

  it('stores every valid message exactly once, and nothing else', async () => {
    const { rows } = await world.db.query(`SELECT creditor_id || ':' || creditor_signal_ref AS id FROM signal`);
    const stored = rows.map((r) => r.id as string);
    const expected = new Set(valid.map((v) => v.id));
    // A wrongly stored message, by the kinds of bad message that carried its Kafka key.
    const wronglyStored = stored
      .filter((id) => !expected.has(id))
      .map((id) => `${id} (${bad.filter((b) => String(b.key) === id).map((b) => b.kind)})`);
    expect(wronglyStored).toEqual([]);
    expect(stored.length).toBe(valid.length);
    expect(new Set(stored)).toEqual(expected);
  });

  it('stores names with SQL and HTML in them exactly as sent', async () => {
    const odd = valid.filter((v) => v.surname !== undefined);
    const { rows } = await world.db.query(
      `SELECT creditor_id || ':' || creditor_signal_ref AS id, surname FROM signal WHERE creditor_signal_ref LIKE 'FUZZ-%'`,
    );
    const surnames = new Map(rows.map((r) => [r.id as string, r.surname as string]));
    expect(odd.map((v) => surnames.get(v.id))).toEqual(odd.map((v) => v.surname));
  });

  it('dead-letters every bad message exactly once, with a reason its kind allows', async () => {
    const ends = await world.bus.topicEndOffsets(world.topics.deadLetter);
    expect([...ends.values()].reduce((sum, n) => sum + Number(n), 0)).toBe(bad.length);
    expect(dead.length).toBe(bad.length);

    const expected = new Map<string, BadMessage[]>();
    for (const message of bad) {
      const print = fingerprint(message.key, message.value);
      expected.set(print, [...(expected.get(print) ?? []), message]);
    }
    const unexpected: string[] = [];
    const wrongReason: string[] = [];
    for (const letter of dead) {
      const print = fingerprint(letter.key, world.openDeadLetter(letter));
      const candidates = expected.get(print) ?? [];
      const reason = letter.headers[DLQ_HEADER_REJECT_REASON]?.toString() ?? '';
      const match = candidates.findIndex((c) => c.reasons.includes(reason));
      if (candidates.length === 0) unexpected.push(reason);
      else if (match < 0) wrongReason.push(`${candidates[0].kind}: ${reason}`);
      else candidates.splice(match, 1);
    }
    const missing = [...expected.values()].flat().map((m) => m.kind);
    expect({ unexpected, wrongReason, missing }).toEqual({ unexpected: [], wrongReason: [], missing: [] });
  });

  it('keeps personal data out of the dead letters and the logs', async () => {
    const readable = dead.map((m) =>
      [m.key, m.value, ...Object.values(m.headers)].map((part) => part?.toString('latin1') ?? '').join('\n'),
    );
    expect(readable.filter((text) => text.includes(MARKER))).toEqual([]);
    expect(dead.every((m) => (m.headers[DLQ_HEADER_REJECT_DETAIL]?.length ?? 0) > 0)).toBe(true);
    const surnames = valid.flatMap((v) => (v.surname ? [v.surname] : []));
    expect(logs.filter((line) => line.includes(MARKER) || surnames.some((s) => line.includes(s)))).toEqual([]);
  });
});

/** True when the bytes still decode as a Signal. */
function decodes(payload: Uint8Array): boolean {
  try {
    decodeSignal(payload);
    return true;
  } catch {
    return false;
  }
}

function garbageHeaders(random: Random): Record<string, Buffer> {
  const headers: Record<string, Buffer> = {};
  for (let n = 1 + random.int(4); n > 0; n--) {
    const name = random.pick(['x-reject-reason', 'traceparent', 'content-type', '', random.bytes(8).toString('hex')]);
    headers[name] = random.bytes(random.int(300));
  }
  return headers;
}
