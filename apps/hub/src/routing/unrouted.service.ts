import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SectorValue } from '../cases/dto/case.types.js';
import { decodeCursor, encodeCursor } from '../graphql/cursor.js';
import {
  candidateMunicipalities,
  currentMunicipalityCode,
  discloseRuleDecision,
  evaluateSignal,
  signalStatusForOutcome,
  type NormalisedSignal,
} from '@signaalhub/domain';
import { CreditorRegistryService } from '../creditors/creditor-registry.service.js';
import { enqueueFeedback, feedbackEvent } from '../feedback/feedback-event.js';
import { loadReferenceData } from '@signaalhub/reference';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';
import { SignalStore } from '../ingest/signal-store.js';
import type { RoutedSignalType, UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';

/** Bounds of the operator's reason for routing outside the postcode's municipalities. */
export const OVERRIDE_REASON_LENGTH = { min: 10, max: 500 } as const;

/** The reason trimmed, or null when none was given; a reason out of bounds is refused. */
function overrideReasonOf(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const reason = raw.trim();
  // Control characters would let a reason forge lines in an exported audit trail.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) {
    throw new HubException('BAD_USER_INPUT', 'overrideReason may not contain control characters');
  }
  if (reason.length < OVERRIDE_REASON_LENGTH.min || reason.length > OVERRIDE_REASON_LENGTH.max) {
    throw new HubException(
      'BAD_USER_INPUT',
      `overrideReason must be ${OVERRIDE_REASON_LENGTH.min} to ${OVERRIDE_REASON_LENGTH.max} characters`,
    );
  }
  return reason;
}

/** The operator's queue of signals held back from routing, oldest first. */
@Injectable()
export class UnroutedService {
  private readonly reference = loadReferenceData();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly store: SignalStore,
    private readonly registry: CreditorRegistryService,
  ) {}

  /**
   * The operator decides the municipality of a held-back signal. Historic codes pass through the
   * mergers table. The convenant rules then judge it as the ingest would have, against that
   * municipality's agreement and policy: refused, it is deleted (no personal data of a refused signal
   * is kept) and the creditor is told why; otherwise it joins (or opens) the case of its household.
   * A signal already routed is never moved, so it never reaches two municipalities.
   *
   * The choice is confined to the municipalities the signal's postcode area lies in (the PC4 table):
   * a signal of Amsterdam cannot be sent to Rotterdam by a slip. Only an explicit `overrideReason`
   * (the postcode is wrong, the debtor moved) routes elsewhere, or routes a postcode the tables do not
   * know; the reason is kept in the audit row of the routing.
   */
  async route(
    principal: Principal,
    signalId: string,
    municipalityCode: string,
    rawOverrideReason?: string | null,
  ): Promise<RoutedSignalType> {
    const municipality = currentMunicipalityCode(municipalityCode, this.reference.mergers);
    if (!municipality || !this.reference.municipalities.has(municipality)) {
      throw new HubException('BAD_USER_INPUT', 'Unknown municipality code');
    }
    const overrideReason = overrideReasonOf(rawOverrideReason);
    if (!isUuid(signalId)) throw new HubException('NOT_FOUND', 'Signal not found');
    const registry = this.registry.snapshot();
    const result = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT * FROM signal WHERE id = $1 FOR UPDATE`, [signalId]);
      if (!row) throw new HubException('NOT_FOUND', 'Signal not found');
      if (row.routing !== 'UNROUTED') throw new HubException('CONFLICT', 'Signal is already routed');
      const candidates = [...candidateMunicipalities(row.postcode ?? '', this.reference)].sort();
      const outside = !candidates.includes(municipality);
      if (outside && overrideReason === null) {
        throw new HubException(
          'BAD_USER_INPUT',
          candidates.length === 0
            ? 'The signal’s postcode is not in the reference tables: routing it needs an overrideReason'
            : `The signal’s postcode lies in ${candidates.join(', ')}: routing it elsewhere needs an overrideReason`,
        );
      }
      const [previous] = await tx.query(
        `SELECT kind, amount_cents, signal_date FROM signal
         WHERE creditor_id = $1 AND creditor_signal_ref = $2 AND id <> $3
         ORDER BY signal_date DESC, received_at DESC, id DESC LIMIT 1`,
        [row.creditor_id, row.creditor_signal_ref, signalId],
      );
      const signal = signalFromRow(row);
      const decision = evaluateSignal(signal, {
        agreement: registry.agreement(row.creditor_id, municipality, signal.sector, signal.signalDate),
        policy: registry.policy(municipality),
        previous: previous
          ? { kind: previous.kind, amountCents: BigInt(previous.amount_cents), signalDate: previous.signal_date }
          : null,
      });
      const disclosure = discloseRuleDecision(decision);
      await this.audit.record(
        principal,
        {
          action: 'SIGNAL_ROUTED_MANUALLY',
          subjectType: 'signal',
          subjectIds: [signalId],
          detail: {
            municipality,
            decision: decision.outcome,
            reason: decision.reason,
            candidates,
            ...(overrideReason === null ? {} : { overrideReason }),
          },
        },
        tx,
      );
      await enqueueFeedback(tx, [
        feedbackEvent(
          `manual-route/${signalId}`,
          { creditorId: row.creditor_id, creditorSignalRef: row.creditor_signal_ref },
          disclosure,
        ),
      ]);
      if (decision.outcome === 'REJECTED') {
        await tx.query(`DELETE FROM signal WHERE id = $1`, [signalId]);
        return { caseId: null, decision };
      }
      const caseId = await this.store.openCaseForStoredSignal(tx, signalId, municipality);
      await tx.query(
        `UPDATE signal SET routing = 'ROUTED', routing_reason = $9, municipality = $2, case_id = $3,
                decision = $4, decision_reason = $5, rule_id = $6, rule_version = $7, status = $8
         WHERE id = $1`,
        [
          signalId,
          municipality,
          caseId,
          decision.outcome,
          decision.reason,
          decision.ruleId,
          decision.ruleVersion,
          signalStatusForOutcome(decision.outcome) ?? 'NOT_YET_PICKED_UP',
          outside ? 'MANUAL_OVERRIDE' : 'MANUAL',
        ],
      );
      await this.store.refreshCases(tx, [caseId]);
      return { caseId, decision };
    });
    return {
      signalId,
      municipality,
      caseId: result.caseId,
      decision: result.decision.outcome,
      decisionReason: result.decision.reason,
    };
  }

  async list(principal: Principal, args: UnroutedSignalsArgs): Promise<UnroutedSignalConnectionType> {
    const params: unknown[] = [];
    let after = '';
    if (args.after) {
      const cursor = decodeCursor(args.after);
      params.push(cursor.sortValue, cursor.id);
      after = `AND (received_at, id) > ($1::timestamptz, $2::uuid)`;
    }
    params.push(args.first + 1);
    const rows = await this.dataSource.query(
      `SELECT id, creditor_id, creditor_signal_ref, sector, signal_date, postcode, place, routing_reason, received_at
       FROM signal WHERE routing = 'UNROUTED' ${after}
       ORDER BY received_at, id LIMIT $${params.length}`,
      params,
    );
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM signal WHERE routing = 'UNROUTED'`,
    );
    const page = rows.slice(0, args.first).map((r: Record<string, never>) => ({
      id: r.id,
      creditorId: r.creditor_id,
      creditorSignalRef: r.creditor_signal_ref,
      sector: r.sector as SectorValue,
      signalDate: r.signal_date,
      postcode: r.postcode,
      place: r.place,
      reason: r.routing_reason,
      receivedAt: r.received_at as Date,
    }));
    await this.audit.record(principal, {
      action: 'UNROUTED_SIGNALS_LISTED',
      subjectType: 'signal',
      subjectIds: page.map((s: { id: string }) => s.id),
    });
    const cursorOf = (s: { receivedAt: Date; id: string }) => encodeCursor(s.receivedAt.toISOString(), s.id);
    return {
      edges: page.map((node: UnroutedSignalConnectionType['edges'][number]['node']) => ({
        cursor: cursorOf(node),
        node,
      })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
      },
      totalCount: count,
    };
  }
}

/** The stored (minimised) signal in domain terms: everything the rules read is kept on the row. */
function signalFromRow(row: Record<string, never>): NormalisedSignal {
  const text = (value: string | null) => value ?? '';
  return {
    creditorSignalRef: row.creditor_signal_ref,
    kind: row.kind,
    sector: row.sector,
    signalDate: row.signal_date,
    sentAt: row.sent_at,
    initials: text(row.initials),
    firstNames: text(row.first_names),
    surnamePrefix: text(row.surname_prefix),
    surname: row.surname,
    birthDate: text(row.birth_date),
    phone: text(row.phone),
    email: text(row.email),
    bsn: null,
    postcode: row.postcode,
    houseNumber: row.house_number,
    houseLetter: text(row.house_letter),
    houseNumberAddition: text(row.house_number_addition),
    street: text(row.street),
    place: text(row.place),
    amountCents: BigInt(row.amount_cents),
    arrearsSince: row.arrears_since,
    customerNumber: text(row.customer_number),
    supplyEndDate: text(row.supply_end_date),
    personalContactAttempted: row.personal_contact_attempted,
    referredToDebtHelp: row.referred_to_debt_help,
    reminderSentOn: text(row.reminder_sent_on),
    objectionOffered: row.objection_offered,
    objectionReceived: row.objection_received,
    crisis: row.crisis,
    warmHandover: row.warm_handover,
    householdKey: row.household_key,
  };
}
