import { describe, expect, it } from '@jest/globals';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ContractDecodeError,
  decodeEnvelope,
  decodeFeedback,
  decodeSignal,
  encodeEnvelope,
  encodeFeedback,
  encodeSignal,
  FeedbackStatus,
  feedbackKey,
  parseSignalKey,
  Sector,
  SignalKind,
  signalKey,
  TOPIC_FEEDBACK,
  TOPIC_SIGNALS,
  TOPIC_SIGNALS_DLQ,
  type SignalInit,
} from './index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const buf = join(repoRoot, 'node_modules/.bin/buf');
const genDir = join(repoRoot, 'libs/contracts/src/gen');

// Every field set to a non-default value, so a dropped or renumbered field shows up in the round trip.
const fullSignal = {
  creditorSignalRef: 'HUUR-2026-000123',
  kind: SignalKind.END_OF_SUPPLY,
  sector: Sector.ENERGIE,
  signalDate: '2026-03-02',
  sentAt: timestampFromDate(new Date('2026-03-02T09:15:00.123Z')),
  initials: 'J.P.',
  firstNames: 'Jan Pieter',
  surnamePrefix: 'van der',
  surname: 'Berg',
  birthDate: '1980-07-14',
  phone: '+31612345678',
  email: 'jp@example.nl',
  bsn: '999999990',
  postcode: '1011AB',
  houseNumber: 12,
  houseLetter: 'A',
  houseNumberAddition: 'bis',
  street: 'Damrak',
  place: 'Amsterdam',
  amountCents: 123_456n,
  arrearsSince: '2026-01-01',
  customerNumber: 'C-42',
  supplyEndDate: '2026-04-15',
  personalContactAttempted: true,
  referredToDebtHelp: true,
  reminderSentOn: '2026-02-01',
  objectionOffered: true,
  objectionReceived: true,
  crisis: true,
  warmHandover: true,
} satisfies SignalInit;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('codec', () => {
  it('round-trips a full Signal inside a SignalEnvelope', () => {
    const payload = encodeSignal(fullSignal);
    const signature = new Uint8Array(64).fill(7);
    const wire = encodeEnvelope({ creditorId: 'woonstad', keyId: 'k-2026', payload, signature });

    const envelope = decodeEnvelope(wire);
    expect(envelope.creditorId).toBe('woonstad');
    expect(envelope.keyId).toBe('k-2026');
    expect(envelope.signature).toEqual(signature);
    // The signature is over these exact bytes, so they must survive the envelope unchanged.
    expect(envelope.payload).toEqual(payload);

    const { $typeName, ...signal } = decodeSignal(envelope.payload);
    expect($typeName).toBe('signaalhub.v1.Signal');
    expect(signal).toEqual(fullSignal);
  });

  it('keeps an absent BSN absent rather than turning it into an empty string', () => {
    const { bsn: _bsn, ...withoutBsn } = fullSignal;
    expect(decodeSignal(encodeSignal(withoutBsn)).bsn).toBeUndefined();
  });

  it('round-trips SignalFeedback, including the optional reason code', () => {
    const feedback = {
      creditorId: 'woonstad',
      creditorSignalRef: 'HUUR-2026-000123',
      status: FeedbackStatus.REJECTED,
      reasonCode: 'OUTSIDE_WINDOW',
      occurredAt: timestampFromDate(new Date('2026-03-02T10:00:00Z')),
      feedbackId: '01JNB6Y7Q3W2V8X9Z0A1B2C3D4',
    };
    const { $typeName: _t, ...decoded } = decodeFeedback(encodeFeedback(feedback));
    expect(decoded).toEqual(feedback);
    expect(decodeFeedback(encodeFeedback({ ...feedback, reasonCode: undefined })).reasonCode).toBeUndefined();
  });

  it.each([
    ['truncated varint', [0xff, 0xff, 0xff]],
    ['length-delimited field longer than the buffer', [0x0a, 0x05, 0x61]],
    ['invalid wire type', [0x0f]],
  ])('throws ContractDecodeError on garbage bytes (%s)', (_name, bytes) => {
    const garbage = Buffer.from(bytes);
    expect(() => decodeEnvelope(garbage)).toThrow(ContractDecodeError);
    expect(() => decodeSignal(garbage)).toThrow(ContractDecodeError);
    expect(() => decodeFeedback(garbage)).toThrow(ContractDecodeError);
  });

  describe('strictly', () => {
    const payload = encodeSignal(fullSignal);
    const envelopeBytes = encodeEnvelope({
      creditorId: 'woonstad',
      keyId: 'k-2026',
      payload,
      signature: new Uint8Array(64).fill(7),
    });
    const sameEnvelope = (bytes: Uint8Array) => {
      const e = decodeEnvelope(bytes);
      const o = decodeEnvelope(envelopeBytes);
      return (
        e.creditorId === o.creditorId &&
        e.keyId === o.keyId &&
        Buffer.from(e.payload).equals(Buffer.from(o.payload)) &&
        Buffer.from(e.signature).equals(Buffer.from(o.signature))
      );
    };

    it.each([
      // creditor_id (1) is a string: length-delimited, never a varint or fixed64.
      ['a string field with the varint wire type', [0x08, 0x01]],
      ['a string field with the fixed64 wire type', [0x09, 1, 2, 3, 4, 5, 6, 7, 8]],
      ['a field number the schema does not have', [0xa2, 0x06, 0x01, 0x61]],
      ['a field given twice', [0x0a, 0x01, 0x61, 0x0a, 0x01, 0x62]],
      ['a group', [0x0b, 0x0c]],
      ['invalid UTF-8 in a string', [0x0a, 0x02, 0xc3, 0x28]],
      ['an overlong varint', [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
      // batch (5) is a SignalBatchProof, read as strictly as the envelope itself.
      ['an unknown field inside the batch proof', [0x2a, 0x02, 0x48, 0x01]],
      ['a batch proof given twice', [0x2a, 0x00, 0x2a, 0x00]],
      ['a batch proof with the varint wire type', [0x28, 0x01]],
      ['a leaf index with the length-delimited wire type', [0x2a, 0x03, 0x1a, 0x01, 0x00]],
      ['a leaf count beyond 32 bits', [0x2a, 0x06, 0x20, 0x80, 0x80, 0x80, 0x80, 0x10]],
      ['a sibling with the varint wire type', [0x2a, 0x02, 0x28, 0x01]],
      ['a sibling longer than the batch proof', [0x2a, 0x03, 0x2a, 0x20, 0x00]],
    ])('refuses an envelope with %s', (_name, bytes) => {
      expect(() => decodeEnvelope(Buffer.from(bytes))).toThrow(ContractDecodeError);
    });

    it.each([
      // kind (2) is an enum: a varint that fits int32.
      ['an enum beyond int32', [0x10, 0x80, 0x80, 0x80, 0x80, 0x10]],
      // house_number (21) is a uint32.
      ['a uint32 beyond 32 bits', [0xa8, 0x01, 0x80, 0x80, 0x80, 0x80, 0x10]],
      // crisis (50) is a bool.
      ['a bool of 2', [0x90, 0x03, 0x02]],
      // sent_at (5) is a Timestamp, whose fields are checked as strictly: field 9 is not one of them.
      ['an unknown field inside the sent_at timestamp', [0x2a, 0x02, 0x48, 0x01]],
      ['a Timestamp longer than its message', [0x2a, 0x05, 0x08, 0x01]],
    ])('refuses a signal with %s', (_name, bytes) => {
      expect(() => decodeSignal(Buffer.from(bytes))).toThrow(ContractDecodeError);
    });

    it('refuses a payload with invalid UTF-8 in a name, instead of replacing the bytes', () => {
      const bytes = Buffer.from(encodeSignal({ ...fullSignal, surname: 'QQQQ' }));
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]).copy(bytes, bytes.indexOf('QQQQ'));
      expect(() => decodeSignal(bytes)).toThrow(ContractDecodeError);
    });

    it('accepts a negative int32 as protobuf writes it: sign-extended to ten bytes', () => {
      // kind = -1 (an unknown enum value the hub's validation refuses by its own reason).
      const bytes = [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
      expect(decodeSignal(Buffer.from(bytes)).kind).toBe(-1);
    });

    it('never decodes a bit-flipped envelope to the same creditor, key, payload and signature', () => {
      // A flip in a tag used to leave the values unchanged (the wire type was not read), so a
      // damaged message passed as authentic. Every single flip must now be refused or change a value.
      const unchanged: string[] = [];
      for (let at = 0; at < envelopeBytes.length; at++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = Buffer.from(envelopeBytes);
          flipped[at] ^= 1 << bit;
          try {
            if (sameEnvelope(flipped)) unchanged.push(`byte ${at} bit ${bit}`);
          } catch (error) {
            expect(error).toBeInstanceOf(ContractDecodeError);
          }
        }
      }
      expect(unchanged).toEqual([]);
    });

    it('never decodes a bit-flipped batch-mode envelope to the same values', () => {
      const batchEnvelope = encodeEnvelope({
        creditorId: 'woonstad',
        keyId: 'k-2026',
        payload,
        batch: {
          root: new Uint8Array(32).fill(1),
          rootSignature: new Uint8Array(64).fill(2),
          leafIndex: 5,
          leafCount: 6,
          siblings: [new Uint8Array(32).fill(3), new Uint8Array(32).fill(4), new Uint8Array(32).fill(5)],
        },
      });
      expect(decodeEnvelope(batchEnvelope).batch?.siblings).toHaveLength(3);
      const unchanged: string[] = [];
      for (let at = 0; at < batchEnvelope.length; at++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = Buffer.from(batchEnvelope);
          flipped[at] ^= 1 << bit;
          try {
            // The encoder writes one canonical form, so equal values re-encode to the same bytes.
            if (Buffer.from(encodeEnvelope(decodeEnvelope(flipped))).equals(batchEnvelope)) {
              unchanged.push(`byte ${at} bit ${bit}`);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ContractDecodeError);
          }
        }
      }
      expect(unchanged).toEqual([]);
    });

    it('throws nothing but ContractDecodeError on random bytes', () => {
      let seed = 42;
      const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
      for (let n = 0; n < 2_000; n++) {
        const bytes = Buffer.alloc(1 + (next() % 200), 0).map(() => next() >>> 24);
        for (const decode of [decodeEnvelope, decodeSignal, decodeFeedback]) {
          try {
            decode(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(ContractDecodeError);
          }
        }
      }
    });
  });

  it('names the message type that failed to decode', () => {
    try {
      decodeEnvelope(Buffer.from([0xff, 0xff, 0xff]));
      throw new Error('expected decodeEnvelope to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ContractDecodeError);
      expect((error as ContractDecodeError).typeName).toBe('signaalhub.v1.SignalEnvelope');
      expect((error as ContractDecodeError).cause).toBeInstanceOf(Error);
    }
  });
});

describe('topics and keys', () => {
  it('uses the contract topic names', () => {
    expect([TOPIC_SIGNALS, TOPIC_SIGNALS_DLQ, TOPIC_FEEDBACK]).toEqual([
      'vroegsignalering.signals.v1',
      'vroegsignalering.signals.dlq.v1',
      'vroegsignalering.feedback.v1',
    ]);
  });

  it('builds and parses signal keys as <creditorId>:<creditorSignalRef>', () => {
    expect(signalKey('woonstad', 'HUUR-1')).toBe('woonstad:HUUR-1');
    // The creditor's reference may itself contain the separator; the split is on the first one.
    expect(signalKey('woonstad', 'a:b')).toBe('woonstad:a:b');
    expect(parseSignalKey('woonstad:a:b')).toEqual({
      creditorId: 'woonstad',
      creditorSignalRef: 'a:b',
    });
    expect(feedbackKey('woonstad')).toBe('woonstad');
  });

  it('refuses keys that could not be parsed back unambiguously', () => {
    expect(() => signalKey('woon:stad', 'HUUR-1')).toThrow(RangeError);
    expect(() => signalKey('', 'HUUR-1')).toThrow(RangeError);
    expect(() => signalKey('woonstad', '')).toThrow(RangeError);
    expect(() => feedbackKey('')).toThrow(RangeError);
    for (const bad of ['', 'woonstad', ':HUUR-1', 'woonstad:']) {
      expect(parseSignalKey(bad)).toBeUndefined();
    }
  });
});

describe('proto schemas', () => {
  it('pass buf lint', () => {
    // execFileSync throws (failing the test with buf's output) on a non-zero exit.
    expect(() => execFileSync(buf, ['lint'], { cwd: repoRoot, stdio: 'pipe' })).not.toThrow();
  }, 60_000);

  it('match the committed generated code (run `npm run proto:generate` if this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'signaalhub-gen-'));
    try {
      // -o prepends the directory to the template's `out`, so the template itself stays the one source.
      execFileSync(buf, ['generate', '-o', out], { cwd: repoRoot, stdio: 'pipe' });
      const freshDir = join(out, relative(repoRoot, genDir));
      const committed = listFiles(genDir);
      expect(listFiles(freshDir)).toEqual(committed);
      for (const file of committed) {
        expect({ file, text: readFileSync(join(genDir, file), 'utf8') }).toEqual({
          file,
          text: readFileSync(join(freshDir, file), 'utf8'),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
