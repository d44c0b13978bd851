import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** `data_subject_objection`: recorded objections (AVG art. 21), as keyed pseudonyms per municipality. */
@Injectable()
export class ObjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the objection is new; recording it twice changes nothing. */
  async record(tx: EntityManager, municipality: string, pseudonym: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO data_subject_objection (municipality, pseudonym) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING pseudonym`,
      [municipality, pseudonym],
    );
    return rows.length > 0;
  }

  async exists(municipality: string, pseudonym: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM data_subject_objection WHERE municipality = $1 AND pseudonym = $2`,
      [municipality, pseudonym],
    );
    return rows.length > 0;
  }

  /** For a whole ingest batch at once: which of the pseudonyms objected, and in which municipalities. */
  async municipalitiesOf(pseudonyms: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    if (pseudonyms.length === 0) return found;
    const rows: Array<{ pseudonym: string; municipality: string }> = await this.dataSource.query(
      `SELECT pseudonym, municipality FROM data_subject_objection WHERE pseudonym = ANY($1::text[])`,
      [[...new Set(pseudonyms)]],
    );
    for (const { pseudonym, municipality } of rows) {
      found.set(pseudonym, (found.get(pseudonym) ?? new Set()).add(municipality));
    }
    return found;
  }
}
