import { Inject, Injectable } from '@nestjs/common';
import { currentMunicipalityCode, discloseCaseResult } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { CaseRepository } from '../cases/case.repository.js';
import { CasesService, requireMunicipality, tell } from '../cases/cases.service.js';
import type { CaseType } from '../cases/dto/case.types.js';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import { SignalRepository } from '../signals/signal.repository.js';
import { CaseNoteRepository } from './case-note.repository.js';
import { noteTextOf } from './note-text.js';

/**
 * "Persoon is geen inwoner (meer) in de gemeente": the case closes here with that result and its
 * signals move to the municipality the person lives in, as a case of that municipality.
 *
 * The signals move rather than being copied: a signal is in one municipality only (as with manual
 * routing), so the sending municipality keeps no access to the personal data they carry. What it keeps
 * is its own record of the work: the closed case (ids, figures, the result), the household address in
 * its own territory, its contact attempts and notes, and the event log (ids and codes only); these
 * follow its retention terms. Its notes and contact attempts do not travel: they are its workers'
 * records, not the creditor's signal.
 *
 * The receiving municipality needs no agreement check of its own: the convenant rules judged each
 * signal when it arrived, and moving it is the municipalities' business, not a new delivery by the
 * creditor. The creditors hear NOT_A_RESIDENT, never where the person went.
 */
@Injectable()
export class CaseTransferService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly caseRows: CaseRepository,
    private readonly signals: SignalRepository,
    private readonly notes: CaseNoteRepository,
    private readonly outbox: OutboxRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  async transfer(principal: Principal, caseId: string, toCode: string, rawReason?: string | null): Promise<CaseType> {
    const from = requireMunicipality(principal);
    if (!isUuid(caseId)) throw new HubException('NOT_FOUND', 'Case not found');
    const to = currentMunicipalityCode(toCode, this.reference.mergers);
    if (!to || !this.reference.municipalities.has(to)) {
      throw new HubException('BAD_USER_INPUT', 'Unknown municipality code');
    }
    const reason = rawReason === null || rawReason === undefined ? null : noteTextOf(rawReason);
    if (reason && !reason.ok) throw new HubException('BAD_USER_INPUT', `reason: ${reason.message}`);

    await this.dataSource.transaction(async (tx) => {
      await this.cases.lockFor(tx, caseId, from, { kind: 'TRANSFER' });
      if (to === from) throw new HubException('BAD_USER_INPUT', 'The case is already in this municipality');
      // Told before the signals move: each creditor of this case hears "geen inwoner (meer)".
      const tellable = await this.signals.acceptedOfCase(tx, caseId);
      await this.outbox.enqueue(tell(tellable, `case-transferred/${caseId}`, discloseCaseResult('NOT_A_RESIDENT')), tx);
      await this.caseRows.markTransferred(tx, caseId);
      const received = await this.caseRows.openCaseForHouseholdOf(tx, caseId, to);
      const moved = await this.signals.moveToCase(tx, caseId, received, to);
      await this.caseRows.refreshFigures(tx, [received]);
      const note =
        reason && reason.ok
          ? await this.notes.insert(tx, { caseId, author: principal.subject, text: reason.text })
          : null;
      const actor = principal.subject;
      await this.events.append(tx, [
        ...(note
          ? [{ caseId, municipality: from, kind: 'NOTE_ADDED' as const, actor, detail: { noteId: note.id } }]
          : []),
        {
          caseId,
          municipality: from,
          kind: 'TRANSFERRED_OUT',
          actor,
          detail: { toMunicipality: to, result: 'NOT_A_RESIDENT' },
        },
        { caseId: received, municipality: to, kind: 'TRANSFERRED_IN', actor, detail: { fromMunicipality: from } },
        ...moved.map((signalId) => ({
          caseId: received,
          municipality: to,
          kind: 'SIGNAL_ADDED' as const,
          actor,
          detail: { signalId },
        })),
      ]);
      const detail = { fromMunicipality: from, toMunicipality: to, signalIds: moved };
      await this.audit.record(
        principal,
        { action: 'CASE_TRANSFERRED', subjectType: 'case', subjectIds: [caseId], detail },
        tx,
      );
      // The receiving municipality's privacy officer sees, in its own trail, who brought the case in.
      await this.audit.record(
        { ...principal, municipality: to },
        {
          action: 'CASE_TRANSFERRED_IN',
          subjectType: 'case',
          subjectIds: [received],
          detail: { ...detail, fromCaseId: caseId },
        },
        tx,
      );
    });
    return this.cases.get(principal, caseId);
  }
}
