import { buildDdasPages, DDAS_MAX_SIGNALS_PER_PAGE, dutchDateOf, reportingPeriod } from '@signaalhub/domain';
import type { ReferenceData } from '@signaalhub/reference';
import type { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { ownMunicipality } from '../kpis/kpis.service.js';
import { ddasViolations } from './ddas-schema.js';
import type { DdasExportRepository } from './ddas-export.repository.js';

/** The hub as DDAS "gegevensleverancier" (the software supplier delivering for the municipality). */
export const DDAS_SUPPLIER_CODE = 'SIGNAALHUB';

export interface DdasExportPage {
  page: number;
  pages: number;
  signals: number;
  cases: number;
  /** The DDAS v1.2 document of this page, valid against the schema. */
  document: Record<string, unknown>;
}

/** Thrown when a built document does not satisfy the DDAS schema: a defect, never delivered. */
export class DdasSchemaViolation extends Error {
  constructor(readonly violations: string[]) {
    super(`The DDAS document does not satisfy the v1.2 schema: ${violations.slice(0, 5).join('; ')}`);
  }
}

/**
 * Builds a municipality's DDAS delivery for a past period. It holds personal data (client by postcode,
 * house number and birth date), so every page read writes an audit row per case on it before it is
 * handed out; and every page is validated against the schema before anyone sees it.
 */
export class DdasExporter {
  constructor(
    private readonly repository: DdasExportRepository,
    private readonly audit: AuditService,
    private readonly reference: Pick<ReferenceData, 'municipalities'>,
  ) {}

  async page(
    principal: Principal,
    from: string,
    to: string,
    page: number,
    maxSignalsPerPage: number = DDAS_MAX_SIGNALS_PER_PAGE,
    now: Date = new Date(),
  ): Promise<DdasExportPage> {
    const municipality = ownMunicipality(principal);
    const period = reportingPeriod(from, to, dutchDateOf(now));
    if (!period.ok) throw new HubException('BAD_USER_INPUT', period.problem);
    if (!Number.isSafeInteger(page) || page < 1) throw new HubException('BAD_USER_INPUT', 'page must be 1 or more');

    // Retention deleted the client's postcode, house number and birth date of a purged case: a
    // period is delivered before its terms run out, or not at all.
    const purged = await this.repository.purgedCases(municipality, from, to);
    if (purged > 0) {
      throw new HubException('CONFLICT', `${purged} cases of the period were purged under the retention policy`);
    }
    const { signals, cases } = await this.repository.delivery(municipality, from, to);
    const pages = buildDdasPages(
      {
        from,
        to,
        deliveredAt: now,
        supplierCode: DDAS_SUPPLIER_CODE,
        municipality,
        organisation: {
          name: `Gemeente ${this.reference.municipalities.get(municipality)?.name ?? municipality}`,
          contacts: [],
        },
        signals,
        cases,
      },
      maxSignalsPerPage,
    );
    const built = pages[page - 1];
    if (!built)
      throw new HubException('BAD_USER_INPUT', `page ${page} does not exist; the delivery has ${pages.length}`);
    const violations = ddasViolations(built.document);
    if (violations.length > 0) throw new DdasSchemaViolation(violations);

    const [delivery] = built.document.leveringen as Array<{ vroegsignalen: unknown[]; vroegsignaalzaken: unknown[] }>;
    const signalIdsOnPage = new Set(
      (delivery.vroegsignaalzaken as Array<{ vroegsignalen: Array<{ ID: string }> }>).flatMap((c) =>
        c.vroegsignalen.map((s) => s.ID),
      ),
    );
    const auditedCases = cases.filter((c) => c.signalIds.some((id) => signalIdsOnPage.has(id))).map((c) => c.id);
    await this.audit.record(principal, {
      action: 'DDAS_EXPORTED',
      subjectType: 'case',
      subjectIds: auditedCases,
      detail: { from, to, page },
    });
    return {
      page: built.page,
      pages: built.pages,
      signals: delivery.vroegsignalen.length,
      cases: delivery.vroegsignaalzaken.length,
      document: built.document,
    };
  }
}
