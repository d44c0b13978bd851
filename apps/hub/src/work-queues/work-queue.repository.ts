import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WorkQueueFilter } from './work-queue-filter.js';

export interface WorkQueue {
  id: string;
  municipality: string;
  name: string;
  filter: WorkQueueFilter;
}

interface WorkQueueRow {
  id: string;
  municipality: string;
  name: string;
  filter: WorkQueueFilter;
}

const COLUMNS = 'id, municipality, name, filter';

/** `work_queue`: the team leads' saved filters. Every read and write takes the municipality. */
@Injectable()
export class WorkQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(municipality: string): Promise<WorkQueue[]> {
    const rows: WorkQueueRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM work_queue WHERE municipality = $1 ORDER BY name, id`,
      [municipality],
    );
    return rows.map(toQueue);
  }

  async find(id: string, municipality: string): Promise<WorkQueue | null> {
    const [row]: WorkQueueRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM work_queue WHERE id = $1 AND municipality = $2`,
      [id, municipality],
    );
    return row ? toQueue(row) : null;
  }

  /**
   * A new queue, unless the municipality already has `limit` queues or one of this name (null then).
   * The count and the insert are one statement, so concurrent creations cannot pass the limit by much;
   * the name is decided by the unique constraint.
   */
  async create(
    municipality: string,
    name: string,
    filter: WorkQueueFilter,
    createdBy: string,
    limit: number,
  ): Promise<WorkQueue | 'LIMIT' | 'NAME_TAKEN'> {
    const rows: WorkQueueRow[] = await this.dataSource.query(
      `INSERT INTO work_queue (municipality, name, filter, created_by)
       SELECT $1, $2, $3::jsonb, $4 WHERE (SELECT count(*) FROM work_queue WHERE municipality = $1) < $5
       ON CONFLICT (municipality, name) DO NOTHING
       RETURNING ${COLUMNS}`,
      [municipality, name, JSON.stringify(filter), createdBy, limit],
    );
    if (rows.length > 0) return toQueue(rows[0]);
    return (await this.nameTaken(municipality, name, null)) ? 'NAME_TAKEN' : 'LIMIT';
  }

  /** The changed queue; null when it is not the municipality's; 'NAME_TAKEN' for another queue's name. */
  async update(
    id: string,
    municipality: string,
    name: string,
    filter: WorkQueueFilter,
  ): Promise<WorkQueue | null | 'NAME_TAKEN'> {
    if (await this.nameTaken(municipality, name, id)) return 'NAME_TAKEN';
    try {
      // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      const rows: WorkQueueRow[] = await this.dataSource.query(
        `WITH changed AS (UPDATE work_queue SET name = $3, filter = $4::jsonb, updated_at = now()
                          WHERE id = $1 AND municipality = $2 RETURNING ${COLUMNS})
         SELECT * FROM changed`,
        [id, municipality, name, JSON.stringify(filter)],
      );
      return rows.length ? toQueue(rows[0]) : null;
    } catch (error) {
      // A concurrent rename took the name between the check and the update.
      if ((error as { code?: string }).code === '23505') return 'NAME_TAKEN';
      throw error;
    }
  }

  async delete(id: string, municipality: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH gone AS (DELETE FROM work_queue WHERE id = $1 AND municipality = $2 RETURNING id) SELECT * FROM gone`,
      [id, municipality],
    );
    return rows.length > 0;
  }

  private async nameTaken(municipality: string, name: string, exceptId: string | null): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM work_queue WHERE municipality = $1 AND name = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [municipality, name, exceptId],
    );
    return rows.length > 0;
  }
}

function toQueue(row: WorkQueueRow): WorkQueue {
  return { id: row.id, municipality: row.municipality.trim(), name: row.name, filter: row.filter };
}
