import { describe, expect, it } from '@jest/globals';
import { pass, reject, runSteps, type Step } from './pipeline.js';
import type { RejectReason } from './reject-reason.js';
import { validateSignal, type NormalisedSignal, type SignalInput } from './validation.js';

const parseNumber: Step<string, number, 'NOT_A_NUMBER'> = (text) =>
  /^-?\d+$/.test(text) ? pass(Number(text)) : reject('NOT_A_NUMBER', 'input: not a number');
const positive: Step<number, number, 'NOT_POSITIVE'> = (n) =>
  n > 0 ? pass(n) : reject('NOT_POSITIVE', 'input: not positive');
const double: Step<number, number, never> = (n) => pass(n * 2);

describe('runSteps', () => {
  it.each([
    ['21', { ok: true, value: 42 }],
    ['x', { ok: false, reason: 'NOT_A_NUMBER', detail: 'input: not a number' }],
    ['-3', { ok: false, reason: 'NOT_POSITIVE', detail: 'input: not positive' }],
  ])('%j → %j', (input, expected) => {
    expect(runSteps(input, parseNumber, positive, double)).toEqual(expected);
  });

  it('stops at the first rejection', () => {
    const calls: string[] = [];
    const spy: Step<number, number, never> = (n) => {
      calls.push('ran');
      return pass(n);
    };
    runSteps('x', parseNumber, spy);
    expect(calls).toEqual([]);
  });

  it('runs validation as a step among others', () => {
    // How ingest grows: a later step (here a stand-in for a convenant rule) takes the normalised signal.
    const noObjection: Step<NormalisedSignal, NormalisedSignal, 'OBJECTION_RECEIVED'> = (signal) =>
      signal.objectionReceived ? reject('OBJECTION_RECEIVED', 'objectionReceived: true') : pass(signal);
    const signal: SignalInput = {
      creditorSignalRef: 'R1',
      kind: 1,
      sector: 3,
      signalDate: '2025-03-14',
      surname: 'Berg',
      postcode: '1011AB',
      houseNumber: 1,
      amountCents: 100n,
      arrearsSince: '2025-01-01',
      objectionReceived: true,
    };
    const result = runSteps(signal, validateSignal, noObjection);
    expect(result).toEqual({
      ok: false,
      reason: 'OBJECTION_RECEIVED',
      detail: 'objectionReceived: true',
    });
    // Compile-time (tsc checks specs too): the reason is exactly the union of both steps' codes.
    if (!result.ok) {
      const reason: RejectReason | 'OBJECTION_RECEIVED' = result.reason;
      expect(reason).toBe('OBJECTION_RECEIVED');
    }
  });
});
