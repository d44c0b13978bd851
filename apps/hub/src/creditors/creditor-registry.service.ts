import type { KeyObject } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { publicKeyFromPem, publicKeyToPem, SigningKeyError } from '@signaalhub/contracts';
import {
  currentMunicipalityCode,
  DEFAULT_MUNICIPALITY_POLICY,
  isCalendarDate,
  SECTORS,
  type ExperimentConfig,
  type MunicipalityPolicy,
  type Sector,
} from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SectorValue } from '../cases/dto/case.types.js';
import { HubException } from '../errors/hub-exception.js';
import type { CreditorKeyInput, RegisterCreditorInput, SetAgreementInput } from './dto/creditor.inputs.js';
import type {
  AgreementType,
  CreditorConnectionType,
  CreditorKeyType,
  CreditorType,
  MunicipalityPolicyType,
} from './dto/creditor.types.js';

// ---------------------------------------------------------------------------------------------
// The registry as the ingest sees it: an immutable in-memory snapshot, so checking a message needs
// no I/O. Replaced as a whole on every refresh; a reader keeps the snapshot it holds consistent.
// ---------------------------------------------------------------------------------------------

export { DEFAULT_MUNICIPALITY_POLICY, type MunicipalityPolicy };

/** Experiment terms as stored (jsonb): amounts as decimal strings, since JSON has no 64-bit integers. */
function experimentsFromJson(raw: Record<string, unknown>): MunicipalityPolicy['experiments'] {
  const out: Partial<Record<Sector, ExperimentConfig>> = {};
  for (const [sector, value] of Object.entries(raw)) {
    if (!SECTORS.includes(sector as Sector) || typeof value !== 'object' || value === null) continue;
    const { minDays, minAmountCents } = value as { minDays?: unknown; minAmountCents?: unknown };
    out[sector as Sector] = {
      ...(typeof minDays === 'number' ? { minDays } : {}),
      ...(typeof minAmountCents === 'string' || typeof minAmountCents === 'number'
        ? { minAmountCents: BigInt(minAmountCents) }
        : {}),
    };
  }
  return Object.freeze(out);
}

export interface RegistrySnapshot {
  /**
   * The registry version this snapshot was read at (bumped by every registry change, see the
   * ingest-hardening migration). The ingest stores a batch only while the registry is still at it.
   */
  readonly version: bigint;
  /** A registered creditor, or undefined. */
  creditor(id: string): { readonly id: string; readonly sectors: readonly Sector[] } | undefined;
  /**
   * A registered key of the creditor, also when revoked: the caller refuses a message when
   * `revokedAt !== null && revokedAt <= at`, where `at` is the hub's own clock when it judges the
   * message (never a time the producer chose). The look-up itself does not depend on it.
   */
  key(
    creditorId: string,
    keyId: string,
    at: Date,
  ): { readonly publicKey: KeyObject; readonly revokedAt: Date | null } | undefined;
  /**
   * The agreement of this creditor with this municipality (current GM code, as routing returns it) for
   * this sector that is valid on `onDate` (YYYY-MM-DD, both ends inclusive), or null.
   */
  agreement(
    creditorId: string,
    municipality: string,
    sector: Sector,
    onDate: string,
  ): { readonly validFrom: string; readonly validTo: string | null } | null;
  /** The municipality's settings; {@link DEFAULT_MUNICIPALITY_POLICY} when none were set. */
  policy(municipality: string): MunicipalityPolicy;
}

interface SnapshotRows {
  version: bigint;
  creditors: Array<{ id: string; sectors: Sector[] }>;
  keys: Array<{ creditor_id: string; key_id: string; public_key_pem: string; revoked_at: Date | null }>;
  agreements: Array<{
    creditor_id: string;
    municipality: string;
    sector: Sector;
    valid_from: string;
    valid_to: string | null;
  }>;
  policies: Array<{
    municipality: string;
    minimum_amount_cents: string;
    matching_period_days: number;
    experiments: Record<string, unknown>;
  }>;
}

// Creditor ids, key ids and codes never contain a NUL, so joined look-up keys cannot collide.
const k = (...parts: string[]): string => parts.join('\u0000');

/** Builds a snapshot from registry rows; a stored key that no longer parses is left out and reported. */
export function buildRegistrySnapshot(rows: SnapshotRows, onBadKey: (message: string) => void = () => undefined) {
  const creditors = new Map(
    rows.creditors.map((c) => [c.id, Object.freeze({ id: c.id, sectors: Object.freeze([...c.sectors]) })]),
  );
  const keys = new Map<string, { publicKey: KeyObject; revokedAt: Date | null }>();
  for (const row of rows.keys) {
    try {
      const publicKey = publicKeyFromPem(row.public_key_pem);
      keys.set(k(row.creditor_id, row.key_id), Object.freeze({ publicKey, revokedAt: row.revoked_at }));
    } catch (error) {
      onBadKey(`key ${row.key_id} of creditor ${row.creditor_id} is unusable: ${(error as Error).message}`);
    }
  }
  const agreements = new Map<string, Array<{ validFrom: string; validTo: string | null }>>();
  for (const row of rows.agreements) {
    const id = k(row.creditor_id, row.municipality, row.sector);
    const list = agreements.get(id) ?? [];
    list.push(Object.freeze({ validFrom: row.valid_from, validTo: row.valid_to }));
    agreements.set(id, list);
  }
  const policies = new Map<string, MunicipalityPolicy>(
    rows.policies.map((p) => [
      p.municipality,
      Object.freeze({
        minimumAmountCents: BigInt(p.minimum_amount_cents),
        matchingPeriodDays: p.matching_period_days,
        experiments: experimentsFromJson(p.experiments),
      }),
    ]),
  );
  const snapshot: RegistrySnapshot = {
    version: rows.version,
    creditor: (id) => creditors.get(id),
    key: (creditorId, keyId) => keys.get(k(creditorId, keyId)),
    // YYYY-MM-DD strings order like the dates they name. Agreements never overlap (the database
    // refuses it), so the first match is the only one.
    agreement: (creditorId, municipality, sector, onDate) =>
      agreements
        .get(k(creditorId, municipality, sector))
        ?.find((a) => a.validFrom <= onDate && (a.validTo === null || onDate <= a.validTo)) ?? null,
    policy: (municipality) => policies.get(municipality) ?? DEFAULT_MUNICIPALITY_POLICY,
  };
  return Object.freeze(snapshot);
}

const EMPTY_SNAPSHOT = buildRegistrySnapshot({ version: -1n, creditors: [], keys: [], agreements: [], policies: [] });

// ---------------------------------------------------------------------------------------------
// The operator's side: register, key, agree, set policy. Every change is audited and reloads the
// snapshot of this instance before it answers; other instances see it at their next poll.
// ---------------------------------------------------------------------------------------------

/** What {@link CreditorRegistryService.ensureRegistered} adds when missing (seeds, imports). */
export interface RegistrySeed {
  id: string;
  name: string;
  kvkNumber: string;
  sectors: Sector[];
  keys: Array<{ keyId: string; publicKeyPem: string }>;
  agreements: Array<{ municipality: string; sector: Sector; validFrom: string; validTo: string | null }>;
}

interface CreditorRow {
  id: string;
  name: string;
  kvk_number: string;
  sectors: SectorValue[];
  created_at: Date;
}

const CREDITOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const KVK_NUMBER = /^\d{8}$/;
const AGREEMENT_COLUMNS = `id, creditor_id, municipality, sector,
  to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to`;

@Injectable()
export class CreditorRegistryService implements OnModuleInit, OnModuleDestroy {
  /** How often each instance reloads, to see changes made through other hub instances. */
  static readonly POLL_INTERVAL_MS = 30_000;

  private readonly logger = new Logger(CreditorRegistryService.name);
  private readonly reference = loadReferenceData();
  private current: RegistrySnapshot = EMPTY_SNAPSHOT;
  private timer: NodeJS.Timeout | undefined;
  private requested = 0;
  private applied = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Fails start-up when the registry cannot be read: an ingest without it would refuse everything. */
  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(`Registry reload failed, keeping the previous snapshot: ${(error as Error).message}`),
      );
    }, CreditorRegistryService.POLL_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The current registry; synchronous, for the per-message checks of the ingest. */
  snapshot(): RegistrySnapshot {
    return this.current;
  }

  /**
   * The registry as it is in the database now: one cheap read of the version, and a reload only
   * when another instance (or this one) changed it. The ingest calls this before each batch, so a
   * revocation answered by any instance is in force here for the next batch, not after a poll.
   */
  async fresh(): Promise<RegistrySnapshot> {
    const [{ version }] = await this.dataSource.query(`SELECT version::text AS version FROM registry_version`);
    if (BigInt(version) !== this.current.version) await this.refresh();
    return this.current;
  }

  /** Reloads the whole registry in one consistent read. Of overlapping reloads, the last started wins. */
  async refresh(): Promise<void> {
    const ticket = ++this.requested;
    const rows = await this.dataSource.transaction('REPEATABLE READ', async (m): Promise<SnapshotRows> => {
      const [{ version }] = await m.query(`SELECT version::text AS version FROM registry_version`);
      const creditors = await m.query(`SELECT id, sectors FROM creditor`);
      const keys = await m.query(`SELECT creditor_id, key_id, public_key_pem, revoked_at FROM creditor_key`);
      const agreements = await m.query(`SELECT ${AGREEMENT_COLUMNS} FROM agreement ORDER BY valid_from`);
      const policies = await m.query(
        `SELECT municipality, minimum_amount_cents::text AS minimum_amount_cents, matching_period_days, experiments
         FROM municipality_policy`,
      );
      return { version: BigInt(version), creditors, keys, agreements, policies };
    });
    const snapshot = buildRegistrySnapshot(rows, (message) => this.logger.error(message));
    if (ticket > this.applied) {
      this.applied = ticket;
      this.current = snapshot;
    }
  }

  // A change is committed by now: a failed reload must not turn it into an error for the operator.
  // The next poll catches up.
  private async reloadAfterChange(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.logger.warn(`Registry reload after a change failed: ${(error as Error).message}`),
    );
  }

  async list(principal: Principal, args: { first: number; after?: string }): Promise<CreditorConnectionType> {
    const params: unknown[] = [];
    let after = '';
    if (args.after) {
      params.push(idFromCursor(args.after));
      after = 'WHERE id > $1';
    }
    params.push(args.first + 1);
    const rows: CreditorRow[] = await this.dataSource.query(
      `SELECT id, name, kvk_number, sectors, created_at FROM creditor ${after} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM creditor`);
    const page = await this.withRelations(this.dataSource.manager, rows.slice(0, args.first));
    await this.audit.record(principal, {
      action: 'CREDITORS_LISTED',
      subjectType: 'creditor',
      subjectIds: page.map((c) => c.id),
    });
    return {
      edges: page.map((node) => ({ cursor: cursorOf(node.id), node })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? cursorOf(page[page.length - 1].id) : null,
      },
      totalCount: count,
    };
  }

  async register(principal: Principal, input: RegisterCreditorInput): Promise<CreditorType> {
    const creditor = checkCreditor(input);
    const keys = checkKeys(input.keys ?? []);
    await this.dataSource.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO creditor (id, name, kvk_number, sectors) VALUES ($1, $2, $3, $4::text[])
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [creditor.id, creditor.name, creditor.kvkNumber, creditor.sectors],
      );
      if (inserted.length === 0) throw new HubException('CONFLICT', `Creditor ${creditor.id} is already registered`);
      for (const key of keys) {
        await m.query(`INSERT INTO creditor_key (creditor_id, key_id, public_key_pem) VALUES ($1, $2, $3)`, [
          creditor.id,
          key.keyId,
          key.publicKeyPem,
        ]);
      }
      await this.audit.record(
        principal,
        {
          action: 'CREDITOR_REGISTERED',
          subjectType: 'creditor',
          subjectIds: [creditor.id],
          detail: {
            name: creditor.name,
            kvkNumber: creditor.kvkNumber,
            sectors: creditor.sectors,
            keyIds: keys.map((x) => x.keyId),
          },
        },
        m,
      );
    });
    await this.reloadAfterChange();
    return this.get(creditor.id);
  }

  async addKey(principal: Principal, creditorId: string, keyInput: CreditorKeyInput): Promise<CreditorType> {
    const [key] = checkKeys([keyInput]);
    await this.requireCreditor(creditorId);
    await this.dataSource.transaction(async (m) => {
      const inserted = await m.query(
        `INSERT INTO creditor_key (creditor_id, key_id, public_key_pem) VALUES ($1, $2, $3)
         ON CONFLICT (creditor_id, key_id) DO NOTHING RETURNING key_id`,
        [creditorId, key.keyId, key.publicKeyPem],
      );
      if (inserted.length === 0) {
        throw new HubException(
          'CONFLICT',
          `Creditor ${creditorId} already has a key ${key.keyId}; key ids are never reused`,
        );
      }
      await this.audit.record(
        principal,
        {
          action: 'CREDITOR_KEY_ADDED',
          subjectType: 'creditor',
          subjectIds: [creditorId],
          detail: { keyId: key.keyId },
        },
        m,
      );
    });
    await this.reloadAfterChange();
    return this.get(creditorId);
  }

  /**
   * Revokes a key from `revokedAt` on (past: a compromise found late; future: a planned rotation).
   * A revoked key can only be revoked again with an earlier moment, never un-revoked.
   */
  async revokeKey(
    principal: Principal,
    creditorId: string,
    keyId: string,
    revokedAt: Date = new Date(),
  ): Promise<CreditorType> {
    if (Number.isNaN(revokedAt.getTime())) throw new HubException('BAD_USER_INPUT', 'revokedAt is not a valid moment');
    await this.dataSource.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, affected count].
      const [updated]: [unknown[], number] = await m.query(
        `UPDATE creditor_key SET revoked_at = $3
         WHERE creditor_id = $1 AND key_id = $2 AND (revoked_at IS NULL OR revoked_at > $3)
         RETURNING revoked_at`,
        [creditorId, keyId, revokedAt],
      );
      if (updated.length === 0) {
        const [existing] = await m.query(`SELECT revoked_at FROM creditor_key WHERE creditor_id = $1 AND key_id = $2`, [
          creditorId,
          keyId,
        ]);
        if (!existing) throw new HubException('NOT_FOUND', `Creditor ${creditorId} has no key ${keyId}`);
        throw new HubException(
          'CONFLICT',
          `Key ${keyId} is already revoked from ${(existing.revoked_at as Date).toISOString()}; only an earlier moment can be set`,
        );
      }
      await this.audit.record(
        principal,
        {
          action: 'CREDITOR_KEY_REVOKED',
          subjectType: 'creditor',
          subjectIds: [creditorId],
          detail: { keyId, revokedAt: revokedAt.toISOString() },
        },
        m,
      );
    });
    await this.reloadAfterChange();
    return this.get(creditorId);
  }

  /**
   * Creates an agreement, or changes the end of the one with the same creditor, municipality, sector
   * and start. Historic municipality codes are stored as today's code.
   */
  async setAgreement(principal: Principal, input: SetAgreementInput): Promise<AgreementType> {
    const municipality = this.municipality(input.municipality);
    const validTo = input.validTo ?? null;
    for (const date of [input.validFrom, validTo]) {
      if (date !== null && !isCalendarDate(date)) throw new HubException('BAD_USER_INPUT', `${date} is not a date`);
    }
    if (validTo !== null && validTo < input.validFrom) {
      throw new HubException('BAD_USER_INPUT', 'validTo lies before validFrom');
    }
    const creditor = await this.requireCreditor(input.creditorId);
    if (!creditor.sectors.includes(input.sector)) {
      throw new HubException(
        'BAD_USER_INPUT',
        `Creditor ${creditor.id} is not registered for sector ${input.sector} (registered: ${creditor.sectors.join(', ')})`,
      );
    }
    let agreement: AgreementType;
    try {
      agreement = await this.dataSource.transaction(async (m) => {
        const [row] = await m.query(
          `INSERT INTO agreement (creditor_id, municipality, sector, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT ON CONSTRAINT agreement_start_uq DO UPDATE SET valid_to = EXCLUDED.valid_to
           RETURNING ${AGREEMENT_COLUMNS}`,
          [creditor.id, municipality, input.sector, input.validFrom, validTo],
        );
        const set = toAgreement(row);
        await this.audit.record(
          principal,
          {
            action: 'AGREEMENT_SET',
            subjectType: 'agreement',
            subjectIds: [set.id],
            detail: {
              creditorId: creditor.id,
              municipality,
              requestedMunicipality: input.municipality,
              sector: input.sector,
              validFrom: set.validFrom,
              validTo: set.validTo,
            },
          },
          m,
        );
        return set;
      });
    } catch (error) {
      if ((error as { code?: string }).code !== '23P01') throw error;
      const [other] = await this.dataSource.query(
        `SELECT ${AGREEMENT_COLUMNS} FROM agreement
         WHERE creditor_id = $1 AND municipality = $2 AND sector = $3 AND valid_from <> $4
           AND daterange(valid_from, valid_to, '[]') && daterange($4::date, $5::date, '[]')
         ORDER BY valid_from LIMIT 1`,
        [creditor.id, municipality, input.sector, input.validFrom, validTo],
      );
      const span = other ? ` (${other.valid_from} to ${other.valid_to ?? 'open end'})` : '';
      throw new HubException(
        'CONFLICT',
        `It overlaps another agreement of ${creditor.id} with ${municipality} for ${input.sector}${span}`,
      );
    }
    await this.reloadAfterChange();
    return agreement;
  }

  async setPolicy(
    principal: Principal,
    input: {
      municipality: string;
      minimumAmountCents: number;
      matchingPeriodDays: number;
      experiments?: Array<{ sector: string; minDays?: number; minAmountCents?: number }>;
    },
  ): Promise<MunicipalityPolicyType> {
    const municipality = this.municipality(input.municipality);
    if (!Number.isSafeInteger(input.minimumAmountCents) || input.minimumAmountCents < 0) {
      throw new HubException('BAD_USER_INPUT', 'minimumAmountCents must be a whole number of cents, 0 or more');
    }
    if (!Number.isInteger(input.matchingPeriodDays) || input.matchingPeriodDays < 1) {
      throw new HubException('BAD_USER_INPUT', 'matchingPeriodDays must be 1 or more');
    }
    const experiments = input.experiments ?? [];
    if (new Set(experiments.map((e) => e.sector)).size !== experiments.length) {
      throw new HubException('BAD_USER_INPUT', 'each experiment sector at most once');
    }
    // Stored as jsonb with amounts as strings: JSON has no 64-bit integers (see experimentsFromJson).
    const stored = Object.fromEntries(
      experiments.map((e) => [
        e.sector,
        {
          ...(e.minDays !== undefined && e.minDays !== null ? { minDays: e.minDays } : {}),
          ...(e.minAmountCents !== undefined && e.minAmountCents !== null
            ? { minAmountCents: String(e.minAmountCents) }
            : {}),
        },
      ]),
    );
    const row = await this.dataSource.transaction(async (m) => {
      const [saved] = await m.query(
        `INSERT INTO municipality_policy (municipality, minimum_amount_cents, matching_period_days, experiments)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (municipality) DO UPDATE SET minimum_amount_cents = EXCLUDED.minimum_amount_cents,
         matching_period_days = EXCLUDED.matching_period_days, experiments = EXCLUDED.experiments, updated_at = now()
       RETURNING municipality, minimum_amount_cents::text AS minimum_amount_cents, matching_period_days, experiments, updated_at`,
        [municipality, input.minimumAmountCents, input.matchingPeriodDays, JSON.stringify(stored)],
      );
      await this.audit.record(
        principal,
        {
          action: 'MUNICIPALITY_POLICY_SET',
          subjectType: 'municipality',
          subjectIds: [municipality],
          detail: {
            minimumAmountCents: input.minimumAmountCents,
            matchingPeriodDays: input.matchingPeriodDays,
            experiments: stored,
          },
        },
        m,
      );
      return saved;
    });
    await this.reloadAfterChange();
    return {
      municipality: row.municipality,
      minimumAmountCents: Number(row.minimum_amount_cents),
      matchingPeriodDays: row.matching_period_days,
      experiments: Object.entries(row.experiments as Record<string, { minDays?: number; minAmountCents?: string }>).map(
        ([sector, e]) => ({
          sector: sector as SectorValue,
          minDays: e.minDays ?? null,
          minAmountCents: e.minAmountCents === undefined ? null : Number(e.minAmountCents),
        }),
      ),
      updatedAt: row.updated_at,
    };
  }

  /**
   * Adds whatever of `seeds` is missing and leaves everything that exists as it is: creditors and keys
   * by id, agreements unless one overlaps. Agreements for a sector the stored creditor lacks are
   * skipped. For the development seed and bulk imports; audited like the single mutations.
   */
  async ensureRegistered(
    actor: Principal,
    seeds: RegistrySeed[],
  ): Promise<{ creditors: number; keys: number; agreements: number }> {
    const creditors = seeds.map((seed) => checkCreditor(seed));
    const keys = seeds.flatMap((seed) => checkKeys(seed.keys).map((key) => ({ creditor_id: seed.id, ...key })));
    const agreements = seeds.flatMap((seed) =>
      seed.agreements.map((a) => {
        if (!isCalendarDate(a.validFrom) || (a.validTo !== null && !isCalendarDate(a.validTo))) {
          throw new HubException('BAD_USER_INPUT', `agreement of ${seed.id}: not a date`);
        }
        return {
          creditor_id: seed.id,
          municipality: this.municipality(a.municipality),
          sector: a.sector,
          valid_from: a.validFrom,
          valid_to: a.validTo,
        };
      }),
    );
    const added = await this.dataSource.transaction(async (m) => {
      const newCreditors: Array<{ id: string }> = await m.query(
        `INSERT INTO creditor (id, name, kvk_number, sectors)
         SELECT x.id, x.name, x."kvkNumber", ARRAY(SELECT jsonb_array_elements_text(x.sectors))
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, "kvkNumber" text, sectors jsonb)
         ON CONFLICT DO NOTHING RETURNING id`,
        [JSON.stringify(creditors)],
      );
      const newKeys: Array<{ creditor_id: string; key_id: string }> = await m.query(
        `INSERT INTO creditor_key (creditor_id, key_id, public_key_pem)
         SELECT x.creditor_id, x."keyId", x."publicKeyPem"
         FROM jsonb_to_recordset($1::jsonb) AS x(creditor_id text, "keyId" text, "publicKeyPem" text)
         ON CONFLICT DO NOTHING RETURNING creditor_id, key_id`,
        [JSON.stringify(keys)],
      );
      // Without a conflict target, DO NOTHING also skips rows the exclusion constraint refuses.
      const newAgreements: Array<{ id: string }> = await m.query(
        `INSERT INTO agreement (creditor_id, municipality, sector, valid_from, valid_to)
         SELECT x.creditor_id, x.municipality, x.sector, x.valid_from, x.valid_to
         FROM jsonb_to_recordset($1::jsonb)
           AS x(creditor_id text, municipality text, sector text, valid_from date, valid_to date)
         JOIN creditor c ON c.id = x.creditor_id AND x.sector = ANY (c.sectors)
         ON CONFLICT DO NOTHING RETURNING id`,
        [JSON.stringify(agreements)],
      );
      return { newCreditors, newKeys, newAgreements };
    });
    const detail = { source: 'ensureRegistered' };
    await this.audit.record(actor, {
      action: 'CREDITOR_REGISTERED',
      subjectType: 'creditor',
      subjectIds: added.newCreditors.map((c) => c.id),
      detail,
    });
    await this.audit.record(actor, {
      action: 'CREDITOR_KEY_ADDED',
      subjectType: 'creditor',
      subjectIds: added.newKeys.map((x) => x.creditor_id),
      detail,
    });
    await this.audit.record(actor, {
      action: 'AGREEMENT_SET',
      subjectType: 'agreement',
      subjectIds: added.newAgreements.map((a) => a.id),
      detail,
    });
    await this.reloadAfterChange();
    return {
      creditors: added.newCreditors.length,
      keys: added.newKeys.length,
      agreements: added.newAgreements.length,
    };
  }

  private async get(id: string): Promise<CreditorType> {
    const rows: CreditorRow[] = await this.dataSource.query(
      `SELECT id, name, kvk_number, sectors, created_at FROM creditor WHERE id = $1`,
      [id],
    );
    if (rows.length === 0) throw new HubException('NOT_FOUND', `No creditor ${id}`);
    const [creditor] = await this.withRelations(this.dataSource.manager, rows);
    return creditor;
  }

  private async requireCreditor(id: string): Promise<{ id: string; sectors: SectorValue[] }> {
    const [row] = await this.dataSource.query(`SELECT id, sectors FROM creditor WHERE id = $1`, [id]);
    if (!row) throw new HubException('NOT_FOUND', `No creditor ${id}`);
    return row;
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

  /** Any municipality code, historic or current, as today's GM code; BAD_USER_INPUT when unknown. */
  private municipality(code: string): string {
    const current = currentMunicipalityCode(code, this.reference.mergers);
    if (current === null || !this.reference.municipalities.has(current)) {
      throw new HubException('BAD_USER_INPUT', `Unknown municipality code ${code}`);
    }
    return current;
  }
}

function checkCreditor(input: { id: string; name: string; kvkNumber: string; sectors: readonly string[] }) {
  if (!CREDITOR_ID.test(input.id)) {
    throw new HubException('BAD_USER_INPUT', 'A creditor id is 2–63 lower-case letters, digits and hyphens');
  }
  const name = input.name.trim();
  if (name === '') throw new HubException('BAD_USER_INPUT', 'A creditor needs a name');
  if (!KVK_NUMBER.test(input.kvkNumber)) throw new HubException('BAD_USER_INPUT', 'A KvK number is 8 digits');
  if (input.sectors.length === 0) throw new HubException('BAD_USER_INPUT', 'A creditor needs at least one sector');
  const unknown = input.sectors.filter((s) => !(SECTORS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new HubException('BAD_USER_INPUT', `Unknown sector ${unknown.join(', ')}`);
  return { id: input.id, name, kvkNumber: input.kvkNumber, sectors: [...new Set(input.sectors)] };
}

/** Key ids well-formed and distinct; every PEM one Ed25519 public key, stored in canonical form. */
function checkKeys(keys: ReadonlyArray<{ keyId: string; publicKeyPem: string }>) {
  const seen = new Set<string>();
  return keys.map(({ keyId, publicKeyPem }) => {
    if (!KEY_ID.test(keyId)) {
      throw new HubException('BAD_USER_INPUT', 'A key id is 1–128 letters, digits and . _ : - (starting alphanumeric)');
    }
    if (seen.has(keyId)) throw new HubException('BAD_USER_INPUT', `Key id ${keyId} appears twice`);
    seen.add(keyId);
    try {
      return { keyId, publicKeyPem: publicKeyToPem(publicKeyFromPem(publicKeyPem)) };
    } catch (error) {
      if (error instanceof SigningKeyError) throw new HubException('BAD_USER_INPUT', `Key ${keyId}: ${error.message}`);
      throw error;
    }
  });
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

// Creditor ids are not uuids, so the shared keyset cursor does not fit; this one is as opaque.
function cursorOf(id: string): string {
  return Buffer.from(JSON.stringify(['creditor', id])).toString('base64url');
}

function idFromCursor(cursor: string): string {
  try {
    const [kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (kind === 'creditor' && typeof id === 'string' && CREDITOR_ID.test(id)) return id;
  } catch {
    // fall through to the coded error
  }
  throw new HubException('BAD_USER_INPUT', 'Invalid cursor');
}
