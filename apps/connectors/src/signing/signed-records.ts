// The one signing path of the edge: REST ingress, CSV inbox and the simulator all turn a produced
// batch into Kafka records here, through the one signing function of libs/contracts.
import type { KeyObject } from 'node:crypto';
import { encodeEnvelope, encodeSignal, signalKey, signEnvelopes, type SignalInit } from '@signaalhub/contracts';

/** A creditor's key id as registered at the hub, and its Ed25519 private key. */
export interface BatchSigner {
  keyId: string;
  privateKey: KeyObject;
}

/** One Kafka record on the signals topic: key `<creditorId>:<creditorSignalRef>`, a SignalEnvelope. */
export interface SignedRecord {
  key: string;
  value: Buffer;
}

/**
 * The records of one creditor's produced batch, in order, signed in batch mode: one Ed25519 signature
 * over a Merkle root for the whole batch, each envelope with its own inclusion proof. The hub then
 * verifies one signature per batch instead of one per signal, and each envelope still verifies alone.
 */
export function signedBatchRecords(
  creditorId: string,
  signer: BatchSigner,
  signals: readonly SignalInit[],
): SignedRecord[] {
  const { keyId } = signer;
  const payloads = signals.map((signal) => encodeSignal(signal));
  const signatures = signEnvelopes(
    signer.privateKey,
    payloads.map((payload) => ({ creditorId, keyId, payload })),
    { mode: 'batch' },
  );
  return signals.map((signal, i) => ({
    key: signalKey(creditorId, signal.creditorSignalRef as string),
    value: Buffer.from(encodeEnvelope({ creditorId, keyId, payload: payloads[i]!, ...signatures[i]! })),
  }));
}

/**
 * {@link signedBatchRecords} for a batch that mixes creditors (the simulator's streams): one signed
 * batch per creditor, the records back in the order of `signals`.
 */
export function signedMixedBatchRecords(
  signers: (creditorId: string) => BatchSigner,
  signals: ReadonlyArray<{ creditorId: string; signal: SignalInit }>,
): SignedRecord[] {
  const byCreditor = new Map<string, number[]>();
  signals.forEach(({ creditorId }, i) => {
    const positions = byCreditor.get(creditorId);
    if (positions) positions.push(i);
    else byCreditor.set(creditorId, [i]);
  });
  const records: SignedRecord[] = new Array<SignedRecord>(signals.length);
  for (const [creditorId, positions] of byCreditor) {
    const signed = signedBatchRecords(
      creditorId,
      signers(creditorId),
      positions.map((i) => signals[i]!.signal),
    );
    positions.forEach((position, j) => (records[position] = signed[j]!));
  }
  return records;
}
