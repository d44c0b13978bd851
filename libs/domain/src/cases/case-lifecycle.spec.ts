import { describe, expect, it } from '@jest/globals';
import { transition, type CaseAction, type CaseStatus } from './case-lifecycle.js';

const ok = (next: CaseStatus) => ({ ok: true, next });
const conflict = (message: string) => ({ ok: false, reason: 'CONFLICT', message });

describe('case lifecycle', () => {
  it.each<[CaseStatus, CaseAction, ReturnType<typeof ok> | ReturnType<typeof conflict>]>([
    ['NEW', { kind: 'PICK_UP' }, ok('IN_PROGRESS')],
    ['IN_PROGRESS', { kind: 'PICK_UP' }, conflict('the case is already picked up')],
    ['CLOSED', { kind: 'PICK_UP' }, conflict('the case is closed')],
    ['NEW', { kind: 'RECORD_CONTACT' }, ok('IN_PROGRESS')],
    ['IN_PROGRESS', { kind: 'RECORD_CONTACT' }, ok('IN_PROGRESS')],
    ['CLOSED', { kind: 'RECORD_CONTACT' }, conflict('the case is closed')],
    ['NEW', { kind: 'ASSIGN' }, ok('NEW')],
    ['CLOSED', { kind: 'ASSIGN' }, conflict('the case is closed')],
    ['CLOSED', { kind: 'ADD_NOTE' }, ok('CLOSED')],
    ['IN_PROGRESS', { kind: 'CLOSE', result: 'ADVICE_OR_QUICK_FIX' }, ok('CLOSED')],
    ['NEW', { kind: 'CLOSE', result: 'NOT_PICKED_UP_OTHER' }, ok('CLOSED')],
    ['NEW', { kind: 'CLOSE', result: 'NOT_A_RESIDENT' }, ok('CLOSED')],
    [
      'NEW',
      { kind: 'CLOSE', result: 'ADVICE_OR_QUICK_FIX' },
      conflict('pick the case up before closing it with this result'),
    ],
    ['CLOSED', { kind: 'CLOSE', result: 'NO_CONTACT' }, conflict('the case is already closed')],
    ['IN_PROGRESS', { kind: 'TRANSFER' }, ok('TRANSFERRED')],
    ['CLOSED', { kind: 'TRANSFER' }, conflict('the case is closed')],
    ['TRANSFERRED', { kind: 'ADD_NOTE' }, conflict('the case was transferred to another municipality')],
    ['TRANSFERRED', { kind: 'PICK_UP' }, conflict('the case was transferred to another municipality')],
  ])('%s + %j', (status, action, expected) => {
    expect(transition(status, action)).toEqual(expected);
  });
});
