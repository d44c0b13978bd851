// One state machine for a case (vroegsignaalzaak), so every way of working a case (pick up, contact,
// close, transfer) asks the same question — may this happen now? — and gets the same answer.

import type { CaseResult } from '../rules/disclosure.js';

/** Where a case is: not yet picked up, being worked, closed with a result, or handed to another municipality. */
export type CaseStatus = 'NEW' | 'IN_PROGRESS' | 'CLOSED' | 'TRANSFERRED';

export type CaseAction =
  | { readonly kind: 'PICK_UP' }
  | { readonly kind: 'ASSIGN' }
  | { readonly kind: 'RECORD_CONTACT' }
  | { readonly kind: 'ADD_NOTE' }
  | { readonly kind: 'CLOSE'; readonly result: CaseResult }
  | { readonly kind: 'TRANSFER' };

export type Transition =
  | { readonly ok: true; readonly next: CaseStatus }
  | { readonly ok: false; readonly reason: 'CONFLICT'; readonly message: string };

/** Results a case may close with before it was picked up: the signal-level "not picked up" outcomes. */
const CLOSABLE_UNPICKED: ReadonlySet<CaseResult> = new Set<CaseResult>([
  'NOT_PICKED_UP_OTHER',
  'NOT_PICKED_UP_REPEAT',
  'NOT_PICKED_UP_UNFOUNDED',
  'ALREADY_KNOWN',
  'DECEASED',
  'NOT_A_RESIDENT',
]);

const conflict = (message: string): Transition => ({ ok: false, reason: 'CONFLICT', message });
const to = (next: CaseStatus): Transition => ({ ok: true, next });

/**
 * What `action` does to a case in `status`. A contact attempt on a new case picks it up (someone is
 * working it); a closed or transferred case takes nothing but notes (closed) or nothing (transferred:
 * it is the other municipality's now).
 */
export function transition(status: CaseStatus, action: CaseAction): Transition {
  if (status === 'TRANSFERRED') return conflict('the case was transferred to another municipality');
  switch (action.kind) {
    case 'PICK_UP':
      if (status === 'NEW') return to('IN_PROGRESS');
      return conflict(status === 'CLOSED' ? 'the case is closed' : 'the case is already picked up');
    case 'ASSIGN':
    case 'RECORD_CONTACT':
      if (status === 'CLOSED') return conflict('the case is closed');
      return to(action.kind === 'RECORD_CONTACT' ? 'IN_PROGRESS' : status);
    case 'ADD_NOTE':
      return to(status);
    case 'CLOSE':
      if (status === 'CLOSED') return conflict('the case is already closed');
      if (status === 'NEW' && !CLOSABLE_UNPICKED.has(action.result)) {
        return conflict('pick the case up before closing it with this result');
      }
      return to('CLOSED');
    case 'TRANSFER':
      if (status === 'CLOSED') return conflict('the case is closed');
      return to('TRANSFERRED');
  }
}
