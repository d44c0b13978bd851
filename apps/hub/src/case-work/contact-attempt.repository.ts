import { Injectable } from '@nestjs/common';
import type { ContactKind, DayPart } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContactAttemptType } from './dto/case-work.types.js';

/** `contact_attempt`: the contactpogingen of a case. Reads take the municipality: no unscoped read. */
@Injectable()
export class ContactAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    tx: EntityManager,
    attempt: {
      caseId: string;
      kind: ContactKind;
      reached: boolean;
      attemptedOn: string;
      dayPart: DayPart | null;
      recordedBy: string;
    },
  ): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO contact_attempt (case_id, kind, reached, attempted_on, day_part, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [attempt.caseId, attempt.kind, attempt.reached, attempt.attemptedOn, attempt.dayPart, attempt.recordedBy],
    );
    return row.id as string;
  }

  /** The case's attempts in the order they happened, when the case is the municipality's; at most `limit`. */
  async ofCase(caseId: string, municipality: string, limit: number): Promise<ContactAttemptType[]> {
    const rows = await this.dataSource.query(
      `SELECT a.id, a.kind, a.reached, a.attempted_on, a.day_part, a.recorded_by, a.recorded_at
       FROM contact_attempt a JOIN signal_case c ON c.id = a.case_id
       WHERE a.case_id = $1 AND c.municipality = $2
       ORDER BY a.attempted_on, a.recorded_at, a.id LIMIT $3`,
      [caseId, municipality, limit],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      kind: r.kind,
      reached: r.reached,
      date: r.attempted_on,
      dayPart: r.day_part,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }
}
