import { describe, expect, it } from '@jest/globals';
import {
  decodeEnvelope,
  decodeSignal,
  generateSigningKeyPair,
  publicKeyFromPem,
  VerifiedRootCache,
  verifyEnvelope,
} from '@signaalhub/contracts';
import { signedBatchRecords, signedMixedBatchRecords, type BatchSigner } from './signed-records.js';

const a = generateSigningKeyPair();
const b = generateSigningKeyPair();
const signers = new Map<string, BatchSigner>([
  ['creditor-a', { keyId: 'a-1', privateKey: a.privateKey }],
  ['creditor-b', { keyId: 'b-1', privateKey: b.privateKey }],
]);
const publicKeys = new Map([
  ['creditor-a', publicKeyFromPem(a.publicKeyPem)],
  ['creditor-b', publicKeyFromPem(b.publicKeyPem)],
]);
const signal = (ref: string) => ({ creditorSignalRef: ref, surname: 'Jansen', amountCents: 1_000n });

describe('signed records of a produced batch', () => {
  it('signs one creditor’s batch once: one root, each envelope verifying on its own', () => {
    const records = signedBatchRecords('creditor-a', signers.get('creditor-a')!, ['R1', 'R2', 'R3'].map(signal));
    expect(records.map((r) => r.key)).toEqual(['creditor-a:R1', 'creditor-a:R2', 'creditor-a:R3']);
    const envelopes = records.map((r) => decodeEnvelope(r.value));
    expect(new Set(envelopes.map((e) => Buffer.from(e.batch!.root).toString('hex'))).size).toBe(1);
    for (const envelope of envelopes) {
      expect(envelope.signature).toHaveLength(0);
      expect(verifyEnvelope(publicKeys.get('creditor-a')!, envelope, { roots: new VerifiedRootCache(1) })).toBe(true);
      expect(verifyEnvelope(publicKeys.get('creditor-b')!, envelope, { roots: new VerifiedRootCache(1) })).toBe(false);
    }
  });

  it('signs a mixed batch per creditor and keeps the records in the order given', () => {
    const input = [
      { creditorId: 'creditor-a', signal: signal('A1') },
      { creditorId: 'creditor-b', signal: signal('B1') },
      { creditorId: 'creditor-a', signal: signal('A2') },
      { creditorId: 'creditor-b', signal: signal('B2') },
      { creditorId: 'creditor-a', signal: signal('A3') },
    ];
    const records = signedMixedBatchRecords((id) => signers.get(id)!, input);
    expect(records.map((r) => r.key)).toEqual(input.map((i) => `${i.creditorId}:${i.signal.creditorSignalRef}`));
    const envelopes = records.map((r) => decodeEnvelope(r.value));
    expect(envelopes.map((e) => decodeSignal(e.payload).creditorSignalRef)).toEqual(['A1', 'B1', 'A2', 'B2', 'A3']);
    expect(envelopes.map((e) => [e.batch!.leafIndex, e.batch!.leafCount])).toEqual([
      [0, 3],
      [0, 2],
      [1, 3],
      [1, 2],
      [2, 3],
    ]);
    for (const envelope of envelopes) {
      expect(verifyEnvelope(publicKeys.get(envelope.creditorId)!, envelope)).toBe(true);
    }
  });
});
