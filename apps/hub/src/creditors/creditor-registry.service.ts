import { Inject, Injectable } from '@nestjs/common';
import { isCalendarDate, type Sector } from '@signaalhub/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import {
  checkAgreementDays,
  checkCreditor,
  checkKeys,
  checkMunicipality,
  checkPolicy,
  creditorCursor,
  creditorIdFromCursor,
} from './creditor-input.js';
import { CreditorRepository } from './creditor.repository.js';
import type { CreditorKeyInput, RegisterCreditorInput, SetAgreementInput } from './dto/creditor.inputs.js';
import type {
  AgreementType,
  CreditorConnectionType,
  CreditorType,
  MunicipalityPolicyType,
} from './dto/creditor.types.js';
import { RegistryCache } from './registry-cache.js';
import type { RegistrySnapshot } from './registry-snapshot.js';

export type { RegistrySnapshot };

/** What {@link CreditorRegistryService.ensureRegistered} adds when missing (seeds, imports). */
export interface RegistrySeed {
  id: string;
  name: string;
  kvkNumber: string;
  sectors: Sector[];
  keys: Array<{ keyId: string; publicKeyPem: string }>;
  agreements: Array<{ municipality: string; sector: Sector; validFrom: string; validTo: string | null }>;
}

/**
 * The operator's side of the creditor registry: register, key, agree, set policy. Every change is
 * audited in its own transaction and reloads this instance's snapshot before it answers; other
 * instances see it at their next poll, or their ingest's next batch.
 */
@Injectable()
export class CreditorRegistryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly creditors: CreditorRepository,
    private readonly cache: RegistryCache,
    private readonly audit: AuditService,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  /** This instance's current registry snapshot (see {@link RegistryCache.snapshot}). */
  snapshot(): RegistrySnapshot {
    return this.cache.snapshot();
  }

  async list(principal: Principal, args: { first: number; after?: string }): Promise<CreditorConnectionType> {
    const afterId = args.after ? creditorIdFromCursor(args.after) : null;
    const { creditors: page, hasNextPage } = await this.creditors.page(afterId, args.first);
    const count = await this.creditors.count();
    await this.audit.record(principal, {
      action: 'CREDITORS_LISTED',
      subjectType: 'creditor',
      subjectIds: page.map((c) => c.id),
    });
    return {
      edges: page.map((node) => ({ cursor: creditorCursor(node.id), node })),
      pageInfo: {
        hasNextPage,
        endCursor: page.length ? creditorCursor(page[page.length - 1].id) : null,
      },
      totalCount: count,
    };
  }

  async register(principal: Principal, input: RegisterCreditorInput): Promise<CreditorType> {
    const creditor = checkCreditor(input);
    const keys = checkKeys(input.keys ?? []);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.creditors.insertCreditor(m, creditor))) {
        throw new HubException('CONFLICT', `Creditor ${creditor.id} is already registered`);
      }
      for (const key of keys) await this.creditors.insertNewKey(m, creditor.id, key);
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
    await this.cache.reloadAfterChange();
    return this.get(creditor.id);
  }

  async addKey(principal: Principal, creditorId: string, keyInput: CreditorKeyInput): Promise<CreditorType> {
    const [key] = checkKeys([keyInput]);
    await this.requireCreditor(creditorId);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.creditors.addKey(m, creditorId, key))) {
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
    await this.cache.reloadAfterChange();
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
      const outcome = await this.creditors.revokeKey(m, creditorId, keyId, revokedAt);
      if (!outcome.revoked) {
        if (!outcome.existing) throw new HubException('NOT_FOUND', `Creditor ${creditorId} has no key ${keyId}`);
        throw new HubException(
          'CONFLICT',
          `Key ${keyId} is already revoked from ${outcome.existing.revokedAt.toISOString()}; only an earlier moment can be set`,
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
    await this.cache.reloadAfterChange();
    return this.get(creditorId);
  }

  /**
   * Creates an agreement, or changes the end of the one with the same creditor, municipality, sector
   * and start. Historic municipality codes are stored as today's code.
   */
  async setAgreement(principal: Principal, input: SetAgreementInput): Promise<AgreementType> {
    const municipality = checkMunicipality(input.municipality, this.reference);
    const validTo = input.validTo ?? null;
    checkAgreementDays(input.validFrom, validTo);
    const creditor = await this.requireCreditor(input.creditorId);
    if (!creditor.sectors.includes(input.sector)) {
      throw new HubException(
        'BAD_USER_INPUT',
        `Creditor ${creditor.id} is not registered for sector ${input.sector} (registered: ${creditor.sectors.join(', ')})`,
      );
    }
    const wanted = {
      creditorId: creditor.id,
      municipality,
      sector: input.sector,
      validFrom: input.validFrom,
      validTo,
    };
    let agreement: AgreementType;
    try {
      agreement = await this.dataSource.transaction(async (m) => {
        const set = await this.creditors.upsertAgreement(m, wanted);
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
      const other = await this.creditors.overlappingAgreement(wanted);
      const span = other ? ` (${other.validFrom} to ${other.validTo ?? 'open end'})` : '';
      throw new HubException(
        'CONFLICT',
        `It overlaps another agreement of ${creditor.id} with ${municipality} for ${input.sector}${span}`,
      );
    }
    await this.cache.reloadAfterChange();
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
    const municipality = checkMunicipality(input.municipality, this.reference);
    const stored = checkPolicy(input);
    const policy = await this.dataSource.transaction(async (m) => {
      const saved = await this.creditors.upsertPolicy(m, {
        municipality,
        minimumAmountCents: input.minimumAmountCents,
        matchingPeriodDays: input.matchingPeriodDays,
        experiments: stored,
      });
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
    await this.cache.reloadAfterChange();
    return policy;
  }

  /**
   * Adds whatever of `seeds` is missing and leaves everything that exists as it is: creditors and keys
   * by id, agreements unless one overlaps. Agreements for a sector the stored creditor lacks are
   * skipped. For the development seed and bulk imports; audited like the single mutations, in the
   * same transaction as the rows it adds.
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
          municipality: checkMunicipality(a.municipality, this.reference),
          sector: a.sector,
          valid_from: a.validFrom,
          valid_to: a.validTo,
        };
      }),
    );
    const added = await this.dataSource.transaction(async (m) => {
      const inserted = await this.creditors.insertMissing(m, { creditors, keys, agreements });
      const detail = { source: 'ensureRegistered' };
      await this.audit.record(
        actor,
        { action: 'CREDITOR_REGISTERED', subjectType: 'creditor', subjectIds: inserted.creditorIds, detail },
        m,
      );
      await this.audit.record(
        actor,
        { action: 'CREDITOR_KEY_ADDED', subjectType: 'creditor', subjectIds: inserted.keyCreditorIds, detail },
        m,
      );
      await this.audit.record(
        actor,
        { action: 'AGREEMENT_SET', subjectType: 'agreement', subjectIds: inserted.agreementIds, detail },
        m,
      );
      return inserted;
    });
    await this.cache.reloadAfterChange();
    return {
      creditors: added.creditorIds.length,
      keys: added.keyCreditorIds.length,
      agreements: added.agreementIds.length,
    };
  }

  private async get(id: string): Promise<CreditorType> {
    const creditor = await this.creditors.find(id);
    if (!creditor) throw new HubException('NOT_FOUND', `No creditor ${id}`);
    return creditor;
  }

  private async requireCreditor(id: string): Promise<{ id: string; sectors: string[] }> {
    const creditor = await this.creditors.findSectors(id);
    if (!creditor) throw new HubException('NOT_FOUND', `No creditor ${id}`);
    return creditor;
  }
}
