import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitor's case figures from the case rows alone. Each case carries the day of its first contact
 * attempt and of its first reached contact, kept by a trigger on contact_attempt (so no code path can
 * forget them), and an index over the case's municipality and signal dates includes every column the
 * KPIs count: a large municipality's year is one index range, not a join of its signals with its
 * cases and their contact attempts. A signal's municipality is its case's, by a foreign key over both
 * columns, so the period's signals need no join with their cases either.
 */
export class KpiCaseFigures1733000000000 implements MigrationInterface {
  name = 'KpiCaseFigures1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE signal_case ADD COLUMN first_contact_attempt_on date, ADD COLUMN first_reached_contact_on date`,
    );
    await q.query(`
      CREATE FUNCTION signal_case_contact_figures() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Recomputed from the case's attempts rather than adjusted: exact whatever the operation.
        UPDATE signal_case c SET first_contact_attempt_on = a.first_attempt, first_reached_contact_on = a.first_reached
        FROM (SELECT min(attempted_on) AS first_attempt, min(attempted_on) FILTER (WHERE reached) AS first_reached
              FROM contact_attempt WHERE case_id = CASE TG_OP WHEN 'DELETE' THEN OLD.case_id ELSE NEW.case_id END) a
        WHERE c.id = CASE TG_OP WHEN 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
        IF TG_OP = 'UPDATE' AND OLD.case_id <> NEW.case_id THEN
          UPDATE signal_case c SET first_contact_attempt_on = a.first_attempt, first_reached_contact_on = a.first_reached
          FROM (SELECT min(attempted_on) AS first_attempt, min(attempted_on) FILTER (WHERE reached) AS first_reached
                FROM contact_attempt WHERE case_id = OLD.case_id) a
          WHERE c.id = OLD.case_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER contact_attempt_case_figures AFTER INSERT OR UPDATE OR DELETE ON contact_attempt
      FOR EACH ROW EXECUTE FUNCTION signal_case_contact_figures()`);
    await q.query(`
      UPDATE signal_case c SET first_contact_attempt_on = a.first_attempt, first_reached_contact_on = a.first_reached
      FROM (SELECT case_id, min(attempted_on) AS first_attempt, min(attempted_on) FILTER (WHERE reached) AS first_reached
            FROM contact_attempt GROUP BY case_id) a
      WHERE c.id = a.case_id`);
    await q.query(`CREATE UNIQUE INDEX signal_case_id_municipality_uq ON signal_case (id, municipality)`);
    await q.query(`
      ALTER TABLE signal ADD CONSTRAINT signal_case_municipality_fk FOREIGN KEY (case_id, municipality)
      REFERENCES signal_case (id, municipality) NOT VALID`);
    await q.query(`ALTER TABLE signal VALIDATE CONSTRAINT signal_case_municipality_fk`);
    await q.query(`
      CREATE INDEX signal_case_kpi_period_idx ON signal_case (municipality, first_signal_date)
      INCLUDE (last_signal_date, id, status, picked_up_at, result, first_contact_attempt_on, first_reached_contact_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX signal_case_kpi_period_idx`);
    await q.query(`ALTER TABLE signal DROP CONSTRAINT signal_case_municipality_fk`);
    await q.query(`DROP INDEX signal_case_id_municipality_uq`);
    await q.query(`DROP TRIGGER contact_attempt_case_figures ON contact_attempt`);
    await q.query(`DROP FUNCTION signal_case_contact_figures()`);
    await q.query(`ALTER TABLE signal_case DROP COLUMN first_contact_attempt_on, DROP COLUMN first_reached_contact_on`);
  }
}
