import { Injectable } from '@nestjs/common';
import type { Sector } from '@signaalhub/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlTag, SQL_TAGS } from '../database/sql-tags.js';
import type { SectorValue } from '../graphql/enums.js';
import type { AgreementType, CreditorKeyType, CreditorType, MunicipalityPolicyType } from './dto/creditor.types.js';
import type { RegistrySnapshotRows } from './registry-snapshot.js';

interface CreditorRow {
  id: string;
  name: string;
  kvk_number: string;
  sectors: SectorValue[];
  created_at: Date;
}

/** Experiment terms as stored (jsonb): amounts as decimal strings, since JSON has no 64-bit integers. */
export type StoredExperiments = Record<string, { minDays?: number; minAmountCents?: string }>;

const AGREEMENT_COLUMNS = `id, creditor_id, municipality, sector,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to`;

/**
 * The creditor registry: `creditor`, `creditor_key`, `agreement`, `municipality_policy`, and the
 * `registry_version` every change of them bumps (a trigger of the ingest-hardening migration).
 */
@Injectable()
export class CreditorRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The registry version now: one cheap read. */
  async version(tx?: EntityManager): Promise<bigint> {
    const [{ version }] = await (tx ?? this.dataSource).query(`SELECT version::text AS version FROM registry_version`);
    return BigInt(version);
  }

  /**
   * The registry version, held until the caller's transaction ends (FOR SHARE: readers do not block
   * each other, but a registry change waits for them).
   */
  async holdVersion(tx: EntityManager): Promise<bigint> {
    const [{ version }] = await tx.query(
      `${sqlTag(SQL_TAGS.registryHold)}SELECT version::text AS version FROM registry_version FOR SHARE`,
    );
    return BigInt(version);
  }

  /** The whole registry in one consistent read. */
  snapshotRows(): Promise<RegistrySnapshotRows> {
    return this.dataSource.transaction('REPEATABLE READ', async (m): Promise<RegistrySnapshotRows> => {
      const version = await this.version(m);
      const creditors = await m.query(`SELECT id, sectors FROM creditor`);
      const keys = await m.query(`SELECT creditor_id, key_id, public_key_pem, revoked_at FROM creditor_key`);
      const agreements = await m.query(`SELECT ${AGREEMENT_COLUMNS} FROM agreement ORDER BY valid_from`);
      const policies = await m.query(
        `SELECT municipality, minimum_amount_cents::text AS minimum_amount_cents, matching_period_days, experiments
         FROM municipality_policy`,
      );
      return { version, creditors, keys, agreements, policies };
    });
  }

  /** Up to `first` creditors by id after `afterId`, with their keys and agreements; and whether more follow. */
  async page(afterId: string | null, first: number): Promise<{ creditors: CreditorType[]; hasNextPage: boolean }> {
    const params: unknown[] = [];
    let after = '';
    if (afterId !== null) {
      params.push(afterId);
      after = 'WHERE id > $1';
    }
    params.push(first + 1);
    const rows: CreditorRow[] = await this.dataSource.query(
      `SELECT id, name, kvk_number, sectors, created_at FROM creditor ${after} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const creditors = await this.withRelations(this.dataSource.manager, rows.slice(0, first));
    return { creditors, hasNextPage: rows.length > first };
  }

  async count(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM creditor`);
    return count;
  }

  /** The creditor with its keys and agreements, or null. */
  async find(id: string): Promise<CreditorType | null> {
    const rows: CreditorRow[] = await this.dataSource.query(
      `SELECT id, name, kvk_number, sectors, created_at FROM creditor WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const [creditor] = await this.withRelations(this.dataSource.manager, rows);
    return creditor;
  }

  /** The creditor's sectors, or null when it is not registered. */
  async findSectors(id: string): Promise<{ id: string; sectors: SectorValue[] } | null> {
    const [row] = await this.dataSource.query(`SELECT id, sectors FROM creditor WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Inserts the creditor; false when its id is taken. */
  async insertCreditor(
    tx: EntityManager,
    creditor: { id: string; name: string; kvkNumber: string; sectors: string[] },
  ): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO creditor (id, name, kvk_number, sectors) VALUES ($1, $2, $3, $4::text[])
         ON CONFLICT (id) DO NOTHING RETURNING id`,
      [creditor.id, creditor.name, creditor.kvkNumber, creditor.sectors],
    );
    return inserted.length > 0;
  }

  /** Inserts a key of a creditor just inserted (no conflict possible but a duplicate in the input). */
  async insertNewKey(tx: EntityManager, creditorId: string, key: { keyId: string; publicKeyPem: string }) {
    await tx.query(`INSERT INTO creditor_key (creditor_id, key_id, public_key_pem) VALUES ($1, $2, $3)`, [
      creditorId,
      key.keyId,
      key.publicKeyPem,
    ]);
  }

  /** Adds a key; false when the creditor already has one with that id (key ids are never reused). */
  async addKey(tx: EntityManager, creditorId: string, key: { keyId: string; publicKeyPem: string }): Promise<boolean> {
    const inserted = await tx.query(
      `INSERT INTO creditor_key (creditor_id, key_id, public_key_pem) VALUES ($1, $2, $3)
         ON CONFLICT (creditor_id, key_id) DO NOTHING RETURNING key_id`,
      [creditorId, key.keyId, key.publicKeyPem],
    );
    return inserted.length > 0;
  }

  /**
   * Revokes the key from `revokedAt` unless it is already revoked from that moment or earlier.
   * Returns whether it changed; when not, `revokedAt` of the stored key (null: there is no such key).
   */
  async revokeKey(
    tx: EntityManager,
    creditorId: string,
    keyId: string,
    revokedAt: Date,
  ): Promise<{ revoked: true } | { revoked: false; existing: { revokedAt: Date } | null }> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [updated]: [unknown[], number] = await tx.query(
      `UPDATE creditor_key SET revoked_at = $3
         WHERE creditor_id = $1 AND key_id = $2 AND (revoked_at IS NULL OR revoked_at > $3)
         RETURNING revoked_at`,
      [creditorId, keyId, revokedAt],
    );
    if (updated.length > 0) return { revoked: true };
    const [existing] = await tx.query(`SELECT revoked_at FROM creditor_key WHERE creditor_id = $1 AND key_id = $2`, [
      creditorId,
      keyId,
    ]);
    return { revoked: false, existing: existing ? { revokedAt: existing.revoked_at as Date } : null };
  }

  /**
   * Creates an agreement, or changes the end of the one with the same creditor, municipality, sector
   * and start. An overlap with another agreement fails with the database's exclusion error (23P01).
   */
  async upsertAgreement(
    tx: EntityManager,
    a: { creditorId: string; municipality: string; sector: Sector; validFrom: string; validTo: string | null },
  ): Promise<AgreementType> {
    const [row] = await tx.query(
      `INSERT INTO agreement (creditor_id, municipality, sector, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ON CONSTRAINT agreement_start_uq DO UPDATE SET valid_to = EXCLUDED.valid_to
           RETURNING ${AGREEMENT_COLUMNS}`,
      [a.creditorId, a.municipality, a.sector, a.validFrom, a.validTo],
    );
    return toAgreement(row);
  }

  /** Another agreement (other start) of the same creditor, municipality and sector overlapping these days. */
  async overlappingAgreement(a: {
    creditorId: string;
    municipality: string;
    sector: Sector;
    validFrom: string;
    validTo: string | null;
  }): Promise<AgreementType | null> {
    const [other] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM agreement
         WHERE creditor_id = $1 AND municipality = $2 AND sector = $3 AND valid_from <> $4
           AND daterange(valid_from, valid_to, '[]') && daterange($4::date, $5::date, '[]')
         ORDER BY valid_from LIMIT 1`,
      [a.creditorId, a.municipality, a.sector, a.validFrom, a.validTo],
    );
    return other ? toAgreement(other) : null;
  }

  async upsertPolicy(
    tx: EntityManager,
    p: { municipality: string; minimumAmountCents: number; matchingPeriodDays: number; experiments: StoredExperiments },
  ): Promise<MunicipalityPolicyType> {
    const [row] = await tx.query(
      `INSERT INTO municipality_policy (municipality, minimum_amount_cents, matching_period_days, experiments)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (municipality) DO UPDATE SET minimum_amount_cents = EXCLUDED.minimum_amount_cents,
         matching_period_days = EXCLUDED.matching_period_days, experiments = EXCLUDED.experiments, updated_at = now()
       RETURNING municipality, minimum_amount_cents::text AS minimum_amount_cents, matching_period_days, experiments, updated_at`,
      [p.municipality, p.minimumAmountCents, p.matchingPeriodDays, JSON.stringify(p.experiments)],
    );
    return {
      municipality: row.municipality,
      minimumAmountCents: Number(row.minimum_amount_cents),
      matchingPeriodDays: row.matching_period_days,
      experiments: Object.entries(row.experiments as StoredExperiments).map(([sector, e]) => ({
        sector: sector as SectorValue,
        minDays: e.minDays ?? null,
        minAmountCents: e.minAmountCents === undefined ? null : Number(e.minAmountCents),
      })),
      updatedAt: row.updated_at,
    };
  }

  /**
   * Adds what is missing and leaves what exists: creditors and keys by id, agreements unless one
   * overlaps or the stored creditor lacks the sector. Returns what was added.
   */
  async insertMissing(
    tx: EntityManager,
    seeds: {
      creditors: Array<{ id: string; name: string; kvkNumber: string; sectors: string[] }>;
      keys: Array<{ creditor_id: string; keyId: string; publicKeyPem: string }>;
      agreements: Array<{
        creditor_id: string;
        municipality: string;
        sector: Sector;
        valid_from: string;
        valid_to: string | null;
      }>;
    },
  ): Promise<{ creditorIds: string[]; keyCreditorIds: string[]; agreementIds: string[] }> {
    const newCreditors: Array<{ id: string }> = await tx.query(
      `INSERT INTO creditor (id, name, kvk_number, sectors)
         SELECT x.id, x.name, x."kvkNumber", ARRAY(SELECT jsonb_array_elements_text(x.sectors))
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, "kvkNumber" text, sectors jsonb)
         ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(seeds.creditors)],
    );
    const newKeys: Array<{ creditor_id: string; key_id: string }> = await tx.query(
      `INSERT INTO creditor_key (creditor_id, key_id, public_key_pem)
         SELECT x.creditor_id, x."keyId", x."publicKeyPem"
         FROM jsonb_to_recordset($1::jsonb) AS x(creditor_id text, "keyId" text, "publicKeyPem" text)
         ON CONFLICT DO NOTHING RETURNING creditor_id, key_id`,
      [JSON.stringify(seeds.keys)],
    );
    // Without a conflict target, DO NOTHING also skips rows the exclusion constraint refuses.
    const newAgreements: Array<{ id: string }> = await tx.query(
      `INSERT INTO agreement (creditor_id, municipality, sector, valid_from, valid_to)
         SELECT x.creditor_id, x.municipality, x.sector, x.valid_from, x.valid_to
         FROM jsonb_to_recordset($1::jsonb)
           AS x(creditor_id text, municipality text, sector text, valid_from date, valid_to date)
         JOIN creditor c ON c.id = x.creditor_id AND x.sector = ANY (c.sectors)
         ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(seeds.agreements)],
    );
    return {
      creditorIds: newCreditors.map((c) => c.id),
      keyCreditorIds: newKeys.map((k) => k.creditor_id),
      agreementIds: newAgreements.map((a) => a.id),
    };
  }

  /** Keys and agreements of a page of creditors: two queries, however long the page. */
  private async withRelations(m: EntityManager, rows: CreditorRow[]): Promise<CreditorType[]> {
    const ids = rows.map((r) => r.id);
    const keys = await m.query(
      `SELECT creditor_id, key_id, created_at, revoked_at FROM creditor_key
       WHERE creditor_id = ANY ($1::text[]) ORDER BY created_at, key_id`,
      [ids],
    );
    const agreements = await m.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM agreement
       WHERE creditor_id = ANY ($1::text[]) ORDER BY municipality, sector, valid_from`,
      [ids],
    );
    const keysOf = new Map<string, CreditorKeyType[]>(ids.map((id) => [id, []]));
    for (const r of keys)
      keysOf.get(r.creditor_id)?.push({ keyId: r.key_id, createdAt: r.created_at, revokedAt: r.revoked_at });
    const agreementsOf = new Map<string, AgreementType[]>(ids.map((id) => [id, []]));
    for (const r of agreements) agreementsOf.get(r.creditor_id)?.push(toAgreement(r));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kvkNumber: r.kvk_number,
      sectors: r.sectors,
      keys: keysOf.get(r.id) ?? [],
      agreements: agreementsOf.get(r.id) ?? [],
      createdAt: r.created_at,
    }));
  }
}

function toAgreement(r: Record<string, string | null>): AgreementType {
  return {
    id: r.id as string,
    creditorId: r.creditor_id as string,
    municipality: r.municipality as string,
    sector: r.sector as SectorValue,
    validFrom: r.valid_from as string,
    validTo: r.valid_to,
  };
}
