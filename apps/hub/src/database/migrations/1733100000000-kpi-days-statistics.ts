import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPIs group a period's cases by result and by the days from the first signal to the first
 * contact attempt and to the first reached contact: a few hundred groups. Without statistics on those
 * expressions PostgreSQL guesses a group per few cases (about 200,000 for a year of GM0363 at
 * 5,000,000 signals), finds no room for such a hash table in `work_mem`, and sorts every case on disk
 * instead. The statistics give it the real number, so the count is one small hash aggregate.
 */
export class KpiDaysStatistics1733100000000 implements MigrationInterface {
  name = 'KpiDaysStatistics1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE STATISTICS signal_case_kpi_days_stats (ndistinct)
      ON result, (first_contact_attempt_on - first_signal_date), (first_reached_contact_on - first_signal_date)
      FROM signal_case`);
    // Statistics are gathered by ANALYZE; autovacuum gets there late on a large table, so a table with
    // cases is analysed now. An empty one is not: statistics of no rows would mislead the planner
    // about the first cases the hub stores, until autovacuum looks again.
    const [{ filled }] = (await q.query(`SELECT EXISTS (SELECT 1 FROM signal_case) AS filled`)) as Array<{
      filled: boolean;
    }>;
    if (filled) await q.query(`ANALYZE signal_case`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS signal_case_kpi_days_stats`);
  }
}
