import { Inject, Injectable } from '@nestjs/common';
import {
  dataSubjectPseudonym,
  normaliseDataSubject,
  validateRectification,
  type DataSubject,
  type DataSubjectInput,
  type Rectification,
} from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { feedbackEvent } from '../outbox/feedback-event.js';
import { OutboxRelay } from '../outbox/outbox-relay.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { DataSubjectRepository, MAX_SUBJECT_ACCESSES } from './data-subject.repository.js';
import type { ErasureResultType, ObjectionResultType, SubjectAccessReportType } from './dto/data-subject.types.js';
import { ObjectionRepository } from './objection.repository.js';
import { PSEUDONYM_KEY, type PseudonymKey } from './pseudonym-key.js';

/**
 * The data subject's rights (AVG art. 15, 16, 17, 21) for a privacy officer, within the officer's
 * municipality. Every request is audited with ids and field names only: the audit trail must not
 * become a second copy of the personal data it guards.
 */
@Injectable()
export class DataSubjectService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: DataSubjectRepository,
    private readonly objections: ObjectionRepository,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditService,
    @Inject(PSEUDONYM_KEY) private readonly key: PseudonymKey,
  ) {}

  /** Art. 15: everything held about the person here, and every access to it. */
  async access(principal: Principal, person: DataSubjectInput): Promise<SubjectAccessReportType> {
    const municipality = officerMunicipality(principal);
    const subject = canonical(person);
    const signals = await this.subjects.signals(municipality, subject);
    const caseIds = [...new Set(signals.flatMap((s) => (s.caseId ? [s.caseId] : [])))];
    const [cases, contactAttempts, notes, accesses, objectionRecorded] = await Promise.all([
      this.subjects.cases(municipality, caseIds),
      this.subjects.contactAttempts(municipality, caseIds),
      this.subjects.notes(municipality, caseIds),
      this.subjects.accesses(
        signals.map((s) => s.id),
        caseIds,
      ),
      this.objections.exists(municipality, dataSubjectPseudonym(subject, this.key)),
    ]);
    // Recorded after the accesses were read, so the report does not list its own request, and with
    // a subject id even when nothing was found: an officer's search is itself a processing.
    await this.audit.record(principal, {
      action: 'SUBJECT_ACCESS',
      subjectType: 'data_subject',
      subjectIds: [dataSubjectPseudonym(subject, this.key)],
      detail: { signalIds: signals.map((s) => s.id), caseIds },
    });
    return {
      generatedAt: new Date(),
      municipality,
      signals,
      cases,
      contactAttempts,
      notes,
      accesses: accesses.slice(0, MAX_SUBJECT_ACCESSES),
      accessesTruncated: accesses.length > MAX_SUBJECT_ACCESSES,
      objectionRecorded,
    };
  }

  /** Art. 16: corrects one signal; the audit names the fields, never the old or new values. */
  async rectify(principal: Principal, signalId: string, changes: Rectification): Promise<string[]> {
    const municipality = officerMunicipality(principal);
    const valid = validateRectification(changes);
    if (!valid.ok) throw new HubException('BAD_USER_INPUT', `Invalid correction: ${valid.field}`);
    const fields = Object.keys(valid.value);
    await this.dataSource.transaction(async (tx) => {
      const signal = await this.subjects.lockSignal(tx, municipality, signalId);
      if (!signal) throw new HubException('NOT_FOUND', 'No such signal in your municipality');
      await this.subjects.rectify(tx, signal.id, valid.value);
      await this.audit.record(
        principal,
        { action: 'SUBJECT_RECTIFIED', subjectType: 'signal', subjectIds: [signal.id], detail: { fields } },
        tx,
      );
    });
    return fields;
  }

  /**
   * Art. 17: removes the person's personal data, unless a case of theirs is being worked (the
   * municipality still needs it for the help under way: art. 17(3)(b)). Creditors of signals nobody
   * picked up yet learn only "not picked up".
   */
  async erase(principal: Principal, person: DataSubjectInput): Promise<ErasureResultType> {
    const municipality = officerMunicipality(principal);
    const subject = canonical(person);
    const result = await this.dataSource.transaction(async (tx) => {
      const signals = await this.subjects.signals(municipality, subject, tx);
      if (signals.length === 0) throw new HubException('NOT_FOUND', 'No data of this person in your municipality');
      const caseIds = [...new Set(signals.flatMap((s) => (s.caseId ? [s.caseId] : [])))];
      const cases = await this.subjects.cases(municipality, caseIds, tx);
      if (cases.some((c) => c.status === 'IN_PROGRESS')) {
        throw new HubException(
          'CONFLICT',
          'A case of this person is being worked; close it before erasing (AVG art. 17(3)(b))',
        );
      }
      const erased = await this.subjects.erase(
        tx,
        signals.map((s) => s.id),
      );
      const deletedNotes = await this.subjects.deleteNotesOfErasedCases(tx, caseIds);
      await this.outbox.enqueue(
        erased
          .filter((s) => s.wasNew)
          .map((s) =>
            feedbackEvent(
              `erasure:${s.id}`,
              { creditorId: s.creditorId, creditorSignalRef: s.ref },
              { status: 'NOT_PICKED_UP', reasonCode: null },
            ),
          ),
        tx,
      );
      await this.audit.record(
        principal,
        {
          action: 'SUBJECT_ERASED',
          subjectType: 'signal',
          subjectIds: erased.map((s) => s.id),
          detail: { caseIds, deletedNotes },
        },
        tx,
      );
      return { erasedSignals: erased.length, deletedNotes };
    });
    this.relay.notify();
    return result;
  }

  /** Art. 21: from now on the ingest refuses this person's signals for this municipality. */
  async object(principal: Principal, person: DataSubjectInput): Promise<ObjectionResultType> {
    const municipality = officerMunicipality(principal);
    const pseudonym = dataSubjectPseudonym(canonical(person), this.key);
    return this.dataSource.transaction(async (tx) => {
      const recorded = await this.objections.record(tx, municipality, pseudonym);
      await this.audit.record(
        principal,
        {
          action: 'SUBJECT_OBJECTION_RECORDED',
          subjectType: 'data_subject',
          subjectIds: [pseudonym],
          detail: { recorded },
        },
        tx,
      );
      return { recorded };
    });
  }
}

function canonical(person: DataSubjectInput): DataSubject {
  const subject = normaliseDataSubject(person);
  if (!subject.ok) throw new HubException('BAD_USER_INPUT', `Invalid person: ${subject.field}`);
  return subject.value;
}

function officerMunicipality(principal: Principal): string {
  // principalFromClaims refuses a privacy officer without one; this guards against a role mix-up.
  if (!principal.municipality) throw new HubException('FORBIDDEN', 'A privacy officer of a municipality is required');
  return principal.municipality;
}
