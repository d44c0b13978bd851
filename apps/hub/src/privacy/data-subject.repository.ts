import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { matchSurname, type DataSubject, type RectifiableField } from '@signaalhub/domain';

/** A signal held about a data subject, with its personal fields, as the subject may see it. */
export interface SubjectSignalRow {
  id: string;
  caseId: string | null;
  creditorId: string;
  creditorSignalRef: string;
  sector: string;
  kind: string;
  status: string;
  signalDate: string;
  receivedAt: Date;
  initials: string | null;
  firstNames: string | null;
  surnamePrefix: string | null;
  surname: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  street: string | null;
  place: string | null;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  amountCents: string;
  arrearsSince: string;
  customerNumber: string | null;
}

export interface SubjectCaseRow {
  id: string;
  status: string;
  result: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

export interface SubjectContactAttemptRow {
  id: string;
  caseId: string;
  kind: string;
  reached: boolean;
  date: string;
  dayPart: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface SubjectNoteRow {
  id: string;
  caseId: string;
  author: string;
  text: string;
  createdAt: Date;
}

export interface SubjectAccessRow {
  id: string;
  occurredAt: Date;
  actor: string;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
}

/** More signals than one person plausibly has at one address: a bound, not a page size. */
export const MAX_SUBJECT_SIGNALS = 500;
/** The most accesses one report lists; `accessesTruncated` says when there were more. */
export const MAX_SUBJECT_ACCESSES = 2000;

const COLUMN: Readonly<Record<RectifiableField, string>> = {
  initials: 'initials',
  firstNames: 'first_names',
  surnamePrefix: 'surname_prefix',
  surname: 'surname',
  birthDate: 'birth_date',
  phone: 'phone',
  email: 'email',
  street: 'street',
  place: 'place',
};

/**
 * What the hub holds about one data subject in one municipality (AVG art. 15–17): their signals,
 * the cases those signals are in, the case work, and every access to any of it. Every read takes
 * the municipality; nothing here reads across municipalities.
 */
@Injectable()
export class DataSubjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The subject's signals. The address and birth date narrow in SQL; the surname is compared in its
   * folded form (diacritics, case), which only the domain knows how to make.
   */
  async signals(municipality: string, subject: DataSubject, tx?: EntityManager): Promise<SubjectSignalRow[]> {
    const rows: Array<Record<string, never>> = await (tx ?? this.dataSource).query(
      `SELECT s.id, s.case_id, s.creditor_id, s.creditor_signal_ref, s.sector, s.kind, s.status,
              s.signal_date::text AS signal_date, s.received_at, s.initials, s.first_names, s.surname_prefix,
              s.surname, s.birth_date::text AS birth_date, s.phone, s.email, s.street, s.place, s.postcode,
              s.house_number, s.house_letter, s.house_number_addition, s.amount_cents::text AS amount_cents,
              s.arrears_since::text AS arrears_since, s.customer_number
       FROM signal s
       WHERE s.municipality = $1 AND s.postcode = $2 AND s.house_number = $3 AND s.birth_date = $4::date
         AND s.erased_at IS NULL
       ORDER BY s.received_at, s.id
       LIMIT $5
       ${tx ? 'FOR UPDATE OF s' : ''}`,
      [municipality, subject.postcode, subject.houseNumber, subject.birthDate, MAX_SUBJECT_SIGNALS],
    );
    return rows.filter((r) => matchSurname(r.surname) === subject.surnameKey).map(toSignal);
  }

  async cases(municipality: string, caseIds: string[], tx?: EntityManager): Promise<SubjectCaseRow[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<Record<string, never>> = await (tx ?? this.dataSource).query(
      `SELECT id, status, result, opened_at, closed_at FROM signal_case
       WHERE municipality = $1 AND id = ANY($2::uuid[]) ORDER BY opened_at, id
       ${tx ? 'FOR UPDATE' : ''}`,
      [municipality, caseIds],
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      result: r.result,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
    }));
  }

  async contactAttempts(municipality: string, caseIds: string[]): Promise<SubjectContactAttemptRow[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<Record<string, never>> = await this.dataSource.query(
      `SELECT a.id, a.case_id, a.kind, a.reached, a.attempted_on::text AS attempted_on, a.day_part,
              a.recorded_by, a.recorded_at
       FROM contact_attempt a JOIN signal_case c ON c.id = a.case_id
       WHERE c.municipality = $1 AND a.case_id = ANY($2::uuid[])
       ORDER BY a.attempted_on, a.recorded_at, a.id`,
      [municipality, caseIds],
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      reached: r.reached,
      date: r.attempted_on,
      dayPart: r.day_part,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }

  async notes(municipality: string, caseIds: string[]): Promise<SubjectNoteRow[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<Record<string, never>> = await this.dataSource.query(
      `SELECT n.id, n.case_id, n.author, n.body, n.created_at
       FROM case_note n JOIN signal_case c ON c.id = n.case_id
       WHERE c.municipality = $1 AND n.case_id = ANY($2::uuid[])
       ORDER BY n.created_at, n.id`,
      [municipality, caseIds],
    );
    return rows.map((r) => ({ id: r.id, caseId: r.case_id, author: r.author, text: r.body, createdAt: r.created_at }));
  }

  /** Audit entries about the given signals and cases, oldest first; one more than the bound tells of truncation. */
  async accesses(signalIds: string[], caseIds: string[]): Promise<SubjectAccessRow[]> {
    if (signalIds.length === 0 && caseIds.length === 0) return [];
    const rows: Array<Record<string, never>> = await this.dataSource.query(
      `SELECT id::text AS id, occurred_at, actor, actor_role, action, subject_type, subject_id
       FROM audit_event
       WHERE (subject_type = 'signal' AND subject_id = ANY($1::text[]))
          OR (subject_type = 'case' AND subject_id = ANY($2::text[]))
       ORDER BY occurred_at, id
       LIMIT $3`,
      [signalIds, caseIds, MAX_SUBJECT_ACCESSES + 1],
    );
    return rows.map((r) => ({
      id: r.id,
      occurredAt: r.occurred_at,
      actor: r.actor,
      actorRole: r.actor_role,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
    }));
  }

  /** One signal of the municipality, locked for a correction; null when it is not the municipality's. */
  async lockSignal(tx: EntityManager, municipality: string, signalId: string): Promise<{ id: string } | null> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM signal WHERE id = $1 AND municipality = $2 AND erased_at IS NULL FOR UPDATE`,
      [signalId, municipality],
    );
    return rows[0] ?? null;
  }

  async rectify(
    tx: EntityManager,
    signalId: string,
    changes: Partial<Record<RectifiableField, string | null>>,
  ): Promise<void> {
    const fields = Object.keys(changes) as RectifiableField[];
    // Column names come from the fixed map above, values are parameters.
    const sets = fields.map((f, i) => `${COLUMN[f]} = $${i + 2}${f === 'birthDate' ? '::date' : ''}`);
    await tx.query(`UPDATE signal SET ${sets.join(', ')} WHERE id = $1`, [signalId, ...fields.map((f) => changes[f])]);
  }

  /**
   * Removes the personal fields of the signals. Ids, dates, amounts, sector and status stay for the
   * counts; the address stays as the household's key (other residents may share it). Signals not yet
   * picked up become "not picked up (other reason)": nobody will work them any more.
   */
  async erase(
    tx: EntityManager,
    signalIds: string[],
  ): Promise<Array<{ id: string; creditorId: string; ref: string; wasNew: boolean }>> {
    // TypeORM answers UPDATE and DELETE with [rows, affected count].
    const [rows]: [Array<Record<string, never>>, number] = await tx.query(
      `UPDATE signal s SET initials = NULL, first_names = NULL, surname_prefix = NULL, surname = '',
              birth_date = NULL, phone = NULL, email = NULL, street = NULL, place = NULL,
              customer_number = NULL, erased_at = now(),
              status = CASE WHEN s.status = 'NOT_YET_PICKED_UP' THEN 'NOT_PICKED_UP_OTHER' ELSE s.status END
       FROM (SELECT id, status AS old_status FROM signal WHERE id = ANY($1::uuid[])) o
       WHERE s.id = o.id
       RETURNING s.id, s.creditor_id, s.creditor_signal_ref, o.old_status`,
      [signalIds],
    );
    return rows.map((r) => ({
      id: r.id,
      creditorId: r.creditor_id,
      ref: r.creditor_signal_ref,
      wasNew: r.old_status === 'NOT_YET_PICKED_UP',
    }));
  }

  /**
   * Notes of the cases in which no other person's signal remains: they can only be about the erased
   * person. Notes of a case shared with another resident stay, as they are also that resident's file.
   */
  async deleteNotesOfErasedCases(tx: EntityManager, caseIds: string[]): Promise<number> {
    if (caseIds.length === 0) return 0;
    const [, deleted]: [unknown[], number] = await tx.query(
      `DELETE FROM case_note n
       WHERE n.case_id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM signal s WHERE s.case_id = n.case_id AND s.erased_at IS NULL)
       RETURNING n.id`,
      [caseIds],
    );
    return deleted;
  }
}

function toSignal(r: Record<string, never>): SubjectSignalRow {
  return {
    id: r.id,
    caseId: r.case_id,
    creditorId: r.creditor_id,
    creditorSignalRef: r.creditor_signal_ref,
    sector: r.sector,
    kind: r.kind,
    status: r.status,
    signalDate: r.signal_date,
    receivedAt: r.received_at,
    initials: r.initials,
    firstNames: r.first_names,
    surnamePrefix: r.surname_prefix,
    surname: r.surname,
    birthDate: r.birth_date,
    phone: r.phone,
    email: r.email,
    street: r.street,
    place: r.place,
    postcode: r.postcode,
    houseNumber: r.house_number,
    houseLetter: r.house_letter,
    houseNumberAddition: r.house_number_addition,
    amountCents: r.amount_cents,
    arrearsSince: r.arrears_since,
    customerNumber: r.customer_number,
  };
}
