import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseNoteType } from './dto/case-work.types.js';

/** `case_note`: a worker's notes on a case (personal data). Reads take the municipality. */
@Injectable()
export class CaseNoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, note: { caseId: string; author: string; text: string }): Promise<CaseNoteType> {
    const [row] = await tx.query(
      `INSERT INTO case_note (case_id, author, body) VALUES ($1, $2, $3) RETURNING id, author, body, created_at`,
      [note.caseId, note.author, note.text],
    );
    return toNote(row);
  }

  /** The case's notes, newest first, when the case is the municipality's; at most `limit`. */
  async ofCase(caseId: string, municipality: string, limit: number): Promise<CaseNoteType[]> {
    const rows = await this.dataSource.query(
      `SELECT n.id, n.author, n.body, n.created_at
       FROM case_note n JOIN signal_case c ON c.id = n.case_id
       WHERE n.case_id = $1 AND c.municipality = $2
       ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      [caseId, municipality, limit],
    );
    return rows.map(toNote);
  }
}

function toNote(r: Record<string, never>): CaseNoteType {
  return { id: r.id, author: r.author, text: r.body, createdAt: r.created_at };
}
