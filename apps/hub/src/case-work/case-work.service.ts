import { Injectable } from '@nestjs/common';
import { dutchDateOf } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { CasesService, requireMunicipality } from '../cases/cases.service.js';
import { CaseStatusValue, type CaseType } from '../cases/dto/case.types.js';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';
import { CaseNoteRepository } from './case-note.repository.js';
import { ContactAttemptRepository } from './contact-attempt.repository.js';
import { contactMomentOf } from './contact-moment.js';
import type { CaseNoteType, ContactAttemptInput, ContactAttemptType } from './dto/case-work.types.js';
import { noteTextOf } from './note-text.js';

/** A worker works a case: contact attempts and notes, each a change through the one state machine. */
@Injectable()
export class CaseWorkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly caseRows: CaseRepository,
    private readonly attempts: ContactAttemptRepository,
    private readonly notes: CaseNoteRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a contactpoging. On a new case it is also the pick-up (someone is working it): the
   * signals become "Opgepakt" and the creditors hear so, exactly as with pickUpCase.
   */
  async recordContactAttempt(principal: Principal, caseId: string, input: ContactAttemptInput): Promise<CaseType> {
    const municipality = requireMunicipality(principal);
    if (!isUuid(caseId)) throw new HubException('NOT_FOUND', 'Case not found');
    await this.dataSource.transaction(async (tx) => {
      const status = await this.cases.lockFor(tx, caseId, municipality, { kind: 'RECORD_CONTACT' });
      const found = await this.caseRows.find(caseId, municipality);
      if (!found) throw new HubException('NOT_FOUND', 'Case not found');
      const moment = contactMomentOf(input, new Date(), dutchDateOf(found.openedAt));
      if (!moment.ok) throw new HubException('BAD_USER_INPUT', moment.message);
      if (status === CaseStatusValue.NEW) await this.cases.takeOn(tx, principal, caseId, municipality);
      const { attemptedOn, dayPart } = moment.moment;
      const id = await this.attempts.insert(tx, {
        caseId,
        kind: input.kind,
        reached: input.reached,
        attemptedOn,
        dayPart,
        recordedBy: principal.subject,
      });
      await this.events.append(tx, [
        {
          caseId,
          municipality,
          kind: 'CONTACT_ATTEMPT_RECORDED',
          actor: principal.subject,
          detail: { contactAttemptId: id, contactKind: input.kind, reached: input.reached, dayPart },
        },
      ]);
      await this.audit.record(
        principal,
        {
          action: 'CONTACT_ATTEMPT_RECORDED',
          subjectType: 'case',
          subjectIds: [caseId],
          detail: { contactAttemptId: id },
        },
        tx,
      );
    });
    return this.cases.get(principal, caseId);
  }

  /** Adds a note; allowed on a closed case too (the file is completed afterwards), not on a transferred one. */
  async addNote(principal: Principal, caseId: string, raw: string): Promise<CaseNoteType> {
    const municipality = requireMunicipality(principal);
    if (!isUuid(caseId)) throw new HubException('NOT_FOUND', 'Case not found');
    const text = noteTextOf(raw);
    return this.dataSource.transaction(async (tx) => {
      await this.cases.lockFor(tx, caseId, municipality, { kind: 'ADD_NOTE' });
      if (!text.ok) throw new HubException('BAD_USER_INPUT', text.message);
      const note = await this.notes.insert(tx, { caseId, author: principal.subject, text: text.text });
      await this.events.append(tx, [
        { caseId, municipality, kind: 'NOTE_ADDED', actor: principal.subject, detail: { noteId: note.id } },
      ]);
      await this.audit.record(
        principal,
        { action: 'CASE_NOTE_ADDED', subjectType: 'case', subjectIds: [caseId], detail: { noteId: note.id } },
        tx,
      );
      return note;
    });
  }

  contactAttempts(principal: Principal, caseId: string, first: number): Promise<ContactAttemptType[]> {
    return this.attempts.ofCase(caseId, requireMunicipality(principal), first);
  }

  /** Notes are personal data: each read leaves an audit row naming the case and the notes shown. */
  async notesOf(principal: Principal, caseId: string, first: number): Promise<CaseNoteType[]> {
    const notes = await this.notes.ofCase(caseId, requireMunicipality(principal), first);
    await this.audit.record(principal, {
      action: 'CASE_NOTES_VIEWED',
      subjectType: 'case',
      subjectIds: [caseId],
      detail: { noteIds: notes.map((n) => n.id) },
    });
    return notes;
  }
}
