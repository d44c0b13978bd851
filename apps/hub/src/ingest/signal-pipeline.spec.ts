import { describe, expect, it } from '@jest/globals';
import { encodeEnvelope } from '@signaalhub/contracts';
import type { ConsumedMessage } from '@signaalhub/kafka';
import type { RegistrySnapshot } from '../creditors/registry-snapshot.js';
import { guarded, SignalPipeline } from './signal-pipeline.js';

const message = (value: Buffer | null): ConsumedMessage => ({
  topic: 'signals',
  partition: 0,
  offset: '7',
  key: Buffer.from('woonstad:R-1'),
  value,
  headers: {},
  timestamp: 0,
});

describe('guarded', () => {
  it('refuses the one message whose step threw as PROCESSING_FAILED, naming the error class only', () => {
    const refused = guarded(message(null), () => {
      throw new RangeError('Invalid time value for Jansen, 1971-03-04');
    });
    expect(refused).toMatchObject({ ok: false, reason: 'PROCESSING_FAILED', creditorId: null, security: false });
    const detail = (refused as { detail: string }).detail;
    expect(detail).toContain('RangeError');
    expect(detail).not.toMatch(/Jansen|1971/);
  });

  it('passes a step’s own outcome through', () => {
    expect(guarded(message(null), () => ({ ok: true, value: 1 }))).toEqual({ ok: true, value: 1 });
  });
});

describe('SignalPipeline', () => {
  it('refuses a message that makes a check throw, instead of failing its whole batch', async () => {
    // A registry that throws on this message's creditor: the batch's other messages are judged on.
    const registry = {
      creditor: (id: string) => {
        if (id === 'explodes') throw new TypeError('boom');
        return undefined;
      },
    } as unknown as RegistrySnapshot;
    const envelope = (creditorId: string) =>
      Buffer.from(encodeEnvelope({ creditorId, keyId: 'k', payload: new Uint8Array(), signature: new Uint8Array() }));
    const pipeline = new SignalPipeline({} as never);
    const outcomes = await pipeline.checkBatch([message(envelope('explodes')), message(envelope('nobody'))], registry);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['PROCESSING_FAILED', 'UNKNOWN_CREDITOR']);
    expect(pipeline.check(message(envelope('explodes')), registry)).toMatchObject({ reason: 'PROCESSING_FAILED' });
  });
});
