import { Injectable } from '@nestjs/common';
import {
  CONTACT_KINDS,
  DAY_PARTS,
  type CaseResult,
  type ContactKind,
  type DayPart,
  type DdasCaseRecord,
  type DdasSignalRecord,
  type Sector,
  type SignalStatus,
} from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { periodSignalsSql } from '../kpis/kpis.repository.js';

interface SignalRow {
  id: string;
  case_id: string;
  crisis: boolean;
  warm_handover: boolean;
  amount_cents: string;
  arrears_since: string;
  signal_date: string;
  status: SignalStatus;
  sector: Sector;
  postcode: string;
  house_number: number;
  house_letter: string | null;
  house_number_addition: string | null;
  birth_date: string | null;
}

interface CaseRow {
  id: string;
  result: CaseResult | null;
  first_signal_date: string;
  matching_period_end: string;
  picked_up_on: string | null;
  attempts: Array<{ kind: string; reached: boolean; date: string; day_part: string | null }>;
}

/** The records of one municipality's DDAS delivery: the period's signals (as the KPIs count them) and their cases. */
@Injectable()
export class DdasExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async delivery(
    municipality: string,
    from: string,
    to: string,
  ): Promise<{ signals: DdasSignalRecord[]; cases: Array<DdasCaseRecord & { id: string }> }> {
    const signalRows: SignalRow[] = await this.dataSource.query(
      `SELECT s.id, s.case_id, s.crisis, s.warm_handover, s.amount_cents::text AS amount_cents,
              s.arrears_since::text AS arrears_since, s.signal_date::text AS signal_date, s.status, s.sector, s.postcode, s.house_number, s.house_letter,
              s.house_number_addition, s.birth_date::text AS birth_date
       FROM (${periodSignalsSql}) s ORDER BY s.case_id, s.signal_date, s.id`,
      [municipality, from, to],
    );
    // Dates of the case's work on the Dutch calendar; the matching period runs from the first signal
    // for the municipality's matching period (its policy, else the default of 183 days).
    const caseRows: CaseRow[] = await this.dataSource.query(
      `SELECT c.id, c.result, c.first_signal_date::text AS first_signal_date,
              (c.first_signal_date + coalesce(p.matching_period_days, 183))::date::text AS matching_period_end,
              (c.picked_up_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS picked_up_on,
              coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'reached', a.reached,
                          'date', a.attempted_on, 'day_part', a.day_part) ORDER BY a.attempted_on, a.recorded_at, a.id)
                        FROM contact_attempt a WHERE a.case_id = c.id), '[]') AS attempts
       FROM signal_case c LEFT JOIN municipality_policy p ON p.municipality = c.municipality
       WHERE c.id = ANY($1::uuid[]) ORDER BY c.first_signal_date, c.id`,
      [[...new Set(signalRows.map((s) => s.case_id))]],
    );
    const signalIdsByCase = new Map<string, string[]>();
    for (const s of signalRows) signalIdsByCase.set(s.case_id, [...(signalIdsByCase.get(s.case_id) ?? []), s.id]);
    return {
      signals: signalRows.map(toSignalRecord),
      cases: caseRows.map((c) => ({
        id: c.id,
        signalIds: signalIdsByCase.get(c.id) ?? [],
        result: c.result,
        matchedOn: c.first_signal_date,
        matchingPeriodStart: c.first_signal_date,
        matchingPeriodEnd: c.matching_period_end,
        pickedUpOn: c.picked_up_on,
        contactAttempts: c.attempts.map((a) => ({
          // A kind or day part this export does not know is reported as DDAS "Onbekend" / left out,
          // never as a value outside the schema.
          kind: (a.kind in CONTACT_KINDS ? a.kind : 'UNKNOWN') as ContactKind,
          reached: a.reached,
          date: a.date,
          dayPart: a.day_part !== null && a.day_part in DAY_PARTS ? (a.day_part as DayPart) : null,
        })),
      })),
    };
  }

  /** How many of the period's cases retention has purged: their clients can no longer be identified. */
  async purgedCases(municipality: string, from: string, to: string): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(DISTINCT c.id)::int AS n FROM (${periodSignalsSql}) s
       JOIN signal_case c ON c.id = s.case_id WHERE c.purged_at IS NOT NULL`,
      [municipality, from, to],
    );
    return n;
  }
}

function toSignalRecord(s: SignalRow): DdasSignalRecord {
  return {
    id: s.id,
    crisis: s.crisis,
    warmHandover: s.warm_handover,
    amountCents: BigInt(s.amount_cents),
    arrearsSince: s.arrears_since,
    signalDate: s.signal_date,
    status: s.status,
    sector: s.sector,
    postcode: s.postcode,
    houseNumber: s.house_number,
    houseLetter: s.house_letter ?? '',
    houseNumberAddition: s.house_number_addition ?? '',
    birthDate: s.birth_date ?? '',
  };
}
