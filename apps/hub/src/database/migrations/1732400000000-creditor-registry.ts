import type { MigrationInterface, QueryRunner } from 'typeorm';

const SECTORS = `ARRAY['HUUR', 'ENERGIE', 'WATER', 'ZORG', 'CAK_ZORGVERZEKERINGEN', 'CAK_EIGEN_BIJDRAGE',
  'BELASTINGDIENST', 'DIENST_TOESLAGEN', 'DUO', 'HYPOTHEEK', 'OVERIGE']::text[]`;

/**
 * The creditor registry the operator keeps: creditors (signaalpartners) with their sectors, their
 * Ed25519 public keys (several active at once for rotation; revocation with a date), their
 * agreements per municipality and sector, and each municipality's convenant settings. The database
 * refuses overlapping agreements itself, so two hub instances cannot both accept one.
 */
export class CreditorRegistry1732400000000 implements MigrationInterface {
  name = 'CreditorRegistry1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // Lets the exclusion constraint below compare text columns with `=` inside a GiST index.
    // A trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE creditor (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kvk_number char(8) NOT NULL CHECK (kvk_number ~ '^[0-9]{8}$'),
        sectors text[] NOT NULL CHECK (cardinality(sectors) > 0 AND sectors <@ ${SECTORS}),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE creditor_key (
        creditor_id text NOT NULL REFERENCES creditor (id),
        key_id text NOT NULL CHECK (key_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
        public_key_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Signed before this moment still counts; signed at or after it is refused. May lie in the
        -- past (a key found compromised) or the future (a planned rotation).
        revoked_at timestamptz,
        PRIMARY KEY (creditor_id, key_id)
      )`);
    await q.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        creditor_id text NOT NULL REFERENCES creditor (id),
        municipality char(6) NOT NULL CHECK (municipality ~ '^GM[0-9]{4}$'),
        sector text NOT NULL CHECK (sector = ANY (${SECTORS})),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Setting an agreement again with the same start changes its end (ON CONFLICT target).
        CONSTRAINT agreement_start_uq UNIQUE (creditor_id, municipality, sector, valid_from),
        -- At most one agreement per creditor, municipality and sector on any day; both ends inclusive,
        -- an open end (NULL) runs forever.
        CONSTRAINT agreement_no_overlap_ex EXCLUDE USING gist (
          creditor_id WITH =,
          municipality WITH =,
          sector WITH =,
          daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE municipality_policy (
        municipality char(6) PRIMARY KEY CHECK (municipality ~ '^GM[0-9]{4}$'),
        minimum_amount_cents bigint NOT NULL DEFAULT 0 CHECK (minimum_amount_cents >= 0),
        matching_period_days integer NOT NULL DEFAULT 183 CHECK (matching_period_days > 0),
        experiments jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(experiments) = 'object'),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE municipality_policy`);
    await q.query(`DROP TABLE agreement`);
    await q.query(`DROP TABLE creditor_key`);
    await q.query(`DROP TABLE creditor`);
    // btree_gist stays: other objects may have come to depend on it.
  }
}
