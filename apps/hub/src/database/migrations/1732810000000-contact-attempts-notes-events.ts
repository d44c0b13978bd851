import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working a case: contact attempts (DDAS contactpoging), notes, and one event log per case that the
 * timeline (and the live updates) read. Events hold ids and codes only, never personal data, so the
 * log can be kept and streamed without carrying what retention must remove.
 */
export class ContactAttemptsNotesEvents1732810000000 implements MigrationInterface {
  name = 'ContactAttemptsNotesEvents1732810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES signal_case (id),
        kind text NOT NULL CHECK (kind IN ('ADMINISTRATIVE', 'APPOINTMENT_ON_LOCATION', 'LETTER', 'HOME_VISIT',
          'CARD', 'EMAIL', 'UNKNOWN', 'OTHER', 'SMS_WHATSAPP', 'PHONE')),
        reached boolean NOT NULL,
        attempted_on date NOT NULL,
        day_part text CHECK (day_part IN ('MORNING', 'AFTERNOON', 'EVENING')),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contact_attempt_case_idx ON contact_attempt (case_id, attempted_on, recorded_at)`);
    await q.query(`
      CREATE TABLE case_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES signal_case (id),
        author text NOT NULL,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_note_case_idx ON case_note (case_id, created_at)`);
    await q.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES signal_case (id),
        municipality char(6) NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX case_event_case_idx ON case_event (case_id, occurred_at, id)`);
    await q.query(`CREATE INDEX case_event_municipality_idx ON case_event (municipality, id)`);
    // The history of cases worked before this migration, as far as the tables tell it.
    await q.query(`
      INSERT INTO case_event (case_id, municipality, kind, occurred_at, detail)
      SELECT s.case_id, c.municipality, 'SIGNAL_ADDED', s.received_at, jsonb_build_object('signalId', s.id)
      FROM signal s JOIN signal_case c ON c.id = s.case_id
      ORDER BY s.received_at, s.id`);
    await q.query(`
      INSERT INTO case_event (case_id, municipality, kind, occurred_at, detail)
      SELECT id, municipality, 'PICKED_UP', picked_up_at, '{}' FROM signal_case WHERE picked_up_at IS NOT NULL
      ORDER BY picked_up_at, id`);
    await q.query(`
      INSERT INTO case_event (case_id, municipality, kind, occurred_at, detail)
      SELECT id, municipality, 'CLOSED', closed_at, jsonb_build_object('result', result)
      FROM signal_case WHERE closed_at IS NOT NULL
      ORDER BY closed_at, id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_event`);
    await q.query(`DROP TABLE case_note`);
    await q.query(`DROP TABLE contact_attempt`);
  }
}
