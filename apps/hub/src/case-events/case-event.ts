// What happened to a case, as the timeline and the live updates read it. The detail carries ids and
// codes only: the event log may be kept and streamed without holding personal data.

/** The kinds of change a case goes through, each written in the transaction of the change. */
export const CASE_EVENT_KINDS = [
  'SIGNAL_ADDED',
  'PICKED_UP',
  'CONTACT_ATTEMPT_RECORDED',
  'NOTE_ADDED',
  'CLOSED',
  'TRANSFERRED_OUT',
  'TRANSFERRED_IN',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Ids and codes only: what the event is about, never what a person said, is called or owes. */
export interface CaseEventDetail {
  signalId?: string;
  contactAttemptId?: string;
  contactKind?: string;
  reached?: boolean;
  dayPart?: string | null;
  noteId?: string;
  result?: string;
  toMunicipality?: string;
  fromMunicipality?: string;
}

/** One event to write: on which case, in which municipality, by whom (null for ingest). */
export interface NewCaseEvent {
  caseId: string;
  municipality: string;
  kind: CaseEventKind;
  actor: string | null;
  detail?: CaseEventDetail;
}

/** One stored event. `id` is the insertion order, the tie-break of events of one transaction. */
export interface CaseEvent {
  id: string;
  caseId: string;
  municipality: string;
  kind: CaseEventKind;
  occurredAt: Date;
  /** The exact moment as PostgreSQL writes it (microseconds), for a keyset cursor that skips nothing. */
  position: string;
  actor: string | null;
  detail: CaseEventDetail;
}
