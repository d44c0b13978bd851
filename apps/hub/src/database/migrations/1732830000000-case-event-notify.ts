import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live case updates: when case events commit, PostgreSQL notifies every hub instance listening on
 * `signaalhub_case_events` (one notice per case per statement, ids and codes only), so subscriptions
 * hear of changes made through any instance and never of a change that rolled back.
 */
export class CaseEventNotify1732830000000 implements MigrationInterface {
  name = 'CaseEventNotify1732830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_case_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('signaalhub_case_events', json_build_object(
                  'caseId', case_id, 'municipality', municipality, 'kind', kind, 'occurredAt', occurred_at)::text)
        FROM (SELECT DISTINCT ON (case_id) case_id, municipality, kind, occurred_at
              FROM added ORDER BY case_id, id DESC) latest;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_event_notify AFTER INSERT ON case_event
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION notify_case_events()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_event_notify ON case_event`);
    await q.query(`DROP FUNCTION notify_case_events()`);
  }
}
