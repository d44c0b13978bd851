import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households, cases and signals, with the constraints that keep matching correct when several hub
 * instances ingest at once: one household per municipality and address, one open case per
 * household, one row per delivered signal payload.
 */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality char(6) NOT NULL,
        household_key text NOT NULL,
        postcode char(6) NOT NULL,
        house_number integer NOT NULL,
        house_letter text,
        house_number_addition text,
        street text,
        place text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT household_address_uq UNIQUE (municipality, household_key)
      )`);
    await q.query(`
      CREATE TABLE signal_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality char(6) NOT NULL,
        household_id uuid NOT NULL REFERENCES household (id),
        status text NOT NULL DEFAULT 'NEW',
        creditor_count integer NOT NULL DEFAULT 0,
        signal_count integer NOT NULL DEFAULT 0,
        total_amount_cents bigint NOT NULL DEFAULT 0,
        sectors text[] NOT NULL DEFAULT '{}',
        first_signal_date date,
        last_signal_date date,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    // At most one open case per household: concurrent ingest of two creditors' signals for the
    // same address converges on the same case through this index, not through timing.
    await q.query(
      `CREATE UNIQUE INDEX signal_case_open_per_household_uq ON signal_case (household_id) WHERE closed_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX signal_case_worklist_idx ON signal_case (municipality, last_signal_date DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payload_sha256 bytea NOT NULL,
        creditor_id text NOT NULL,
        creditor_signal_ref text NOT NULL,
        kind text NOT NULL,
        sector text NOT NULL,
        signal_date date NOT NULL,
        sent_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'NOT_YET_PICKED_UP',
        routing text NOT NULL,
        routing_reason text,
        municipality char(6),
        case_id uuid REFERENCES signal_case (id),
        household_key text NOT NULL,
        initials text,
        first_names text,
        surname_prefix text,
        surname text NOT NULL,
        birth_date date,
        phone text,
        email text,
        postcode char(6) NOT NULL,
        house_number integer NOT NULL,
        house_letter text,
        house_number_addition text,
        street text,
        place text,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        arrears_since date NOT NULL,
        customer_number text,
        supply_end_date date,
        personal_contact_attempted boolean NOT NULL DEFAULT false,
        referred_to_debt_help boolean NOT NULL DEFAULT false,
        reminder_sent_on date,
        objection_offered boolean NOT NULL DEFAULT false,
        objection_received boolean NOT NULL DEFAULT false,
        crisis boolean NOT NULL DEFAULT false,
        warm_handover boolean NOT NULL DEFAULT false,
        source_topic text NOT NULL,
        source_partition integer NOT NULL,
        source_offset bigint NOT NULL,
        -- The same bytes delivered twice (a redelivery or a producer retry) are one signal.
        CONSTRAINT signal_payload_uq UNIQUE (payload_sha256),
        -- A routed signal belongs to exactly one municipality and one case; an unrouted one to none.
        CONSTRAINT signal_routing_ck CHECK (
          (routing = 'ROUTED' AND municipality IS NOT NULL AND case_id IS NOT NULL)
          OR (routing = 'UNROUTED' AND municipality IS NULL AND case_id IS NULL))
      )`);
    await q.query(`CREATE INDEX signal_case_idx ON signal (case_id)`);
    await q.query(`CREATE INDEX signal_unrouted_idx ON signal (received_at) WHERE routing = 'UNROUTED'`);
    await q.query(`CREATE INDEX signal_creditor_ref_idx ON signal (creditor_id, creditor_signal_ref)`);
    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        actor_role text NOT NULL,
        municipality char(6),
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP TABLE signal`);
    await q.query(`DROP TABLE signal_case`);
    await q.query(`DROP TABLE household`);
  }
}
