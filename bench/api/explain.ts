// The plans behind each query: the SQL statements the hub's repositories issue for one request are
// captured at its DataSource (exact text and parameters), then run again under
// EXPLAIN (ANALYZE, BUFFERS) on a connection of our own with the hub's session settings. Reads only:
// writes (the audit row) are listed but not explained, as EXPLAIN ANALYZE would execute them. A
// `SET LOCAL` the hub issues holds for the read that follows it in its transaction, so it is
// replayed in a transaction with that read.
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { appConnectionOptions } from '../../apps/hub/src/index.js';

export interface Statement {
  sql: string;
  params: unknown[];
  plan: string | null;
}

/** The statements `request` makes the hub issue through its DataSource, in order. */
export async function captureStatements(
  app: INestApplication,
  request: () => Promise<unknown>,
): Promise<Array<Omit<Statement, 'plan'>>> {
  const dataSource = app.get(DataSource);
  const captured: Array<Omit<Statement, 'plan'>> = [];
  const original = dataSource.query.bind(dataSource);
  dataSource.query = ((sql: string, params?: unknown[], ...rest: unknown[]) => {
    captured.push({ sql, params: params ?? [] });
    return (original as (...a: unknown[]) => Promise<unknown>)(sql, params, ...rest);
  }) as typeof dataSource.query;
  try {
    await request();
  } finally {
    dataSource.query = original;
  }
  return captured;
}

const READ = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?(?:SELECT|WITH)\b/i;
const SET_LOCAL = /^\s*SET\s+LOCAL\b/i;

export async function explain(url: string, statements: Array<Omit<Statement, 'plan'>>): Promise<Statement[]> {
  const db = new pg.Client({ connectionString: url, ...appConnectionOptions() });
  db.on('error', () => undefined);
  await db.connect();
  try {
    const explained: Statement[] = [];
    let settings: string[] = [];
    for (const s of statements) {
      if (SET_LOCAL.test(s.sql)) settings.push(s.sql);
      if (!READ.test(s.sql) || /\bFOR UPDATE\b/i.test(s.sql)) {
        explained.push({ ...s, plan: null });
        continue;
      }
      await db.query('BEGIN');
      try {
        for (const setting of settings) await db.query(setting);
        const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
        explained.push({ ...s, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
      } finally {
        await db.query('ROLLBACK');
      }
      settings = [];
    }
    return explained;
  } finally {
    await db.end();
  }
}
