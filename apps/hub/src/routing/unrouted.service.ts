import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SectorValue } from '../cases/dto/case.types.js';
import { decodeCursor, encodeCursor } from '../graphql/cursor.js';
import { currentMunicipalityCode } from '@signaalhub/domain';
import { loadReferenceData } from '@signaalhub/reference';
import { HubException } from '../errors/hub-exception.js';
import { isUuid } from '../graphql/cursor.js';
import { SignalStore } from '../ingest/signal-store.js';
import type { RoutedSignalType, UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';

/** The operator's queue of signals held back from routing, oldest first. */
@Injectable()
export class UnroutedService {
  private readonly reference = loadReferenceData();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly store: SignalStore,
  ) {}

  /**
   * The operator decides the municipality of a held-back signal. Historic codes pass through the
   * mergers table. The signal then joins (or opens) the case of its household there, exactly as if
   * routing had decided it; a signal already routed is never moved, so it never reaches two municipalities.
   */
  async route(principal: Principal, signalId: string, municipalityCode: string): Promise<RoutedSignalType> {
    const municipality = currentMunicipalityCode(municipalityCode, this.reference.mergers);
    if (!municipality || !this.reference.municipalities.has(municipality)) {
      throw new HubException('BAD_USER_INPUT', 'Unknown municipality code');
    }
    if (!isUuid(signalId)) throw new HubException('NOT_FOUND', 'Signal not found');
    const caseId = await this.dataSource.transaction(async (tx) => {
      const [signal] = await tx.query(`SELECT routing FROM signal WHERE id = $1 FOR UPDATE`, [signalId]);
      if (!signal) throw new HubException('NOT_FOUND', 'Signal not found');
      if (signal.routing !== 'UNROUTED') throw new HubException('CONFLICT', 'Signal is already routed');
      const [household] = await tx.query(
        `INSERT INTO household (municipality, household_key, postcode, house_number, house_letter,
                                house_number_addition, street, place)
         SELECT $2, household_key, postcode, house_number, house_letter, house_number_addition, street, place
         FROM signal WHERE id = $1
         ON CONFLICT (municipality, household_key) DO UPDATE SET household_key = EXCLUDED.household_key
         RETURNING id`,
        [signalId, municipality],
      );
      const [openCase] = await tx.query(
        `INSERT INTO signal_case (municipality, household_id) VALUES ($1, $2)
         ON CONFLICT (household_id) WHERE closed_at IS NULL DO UPDATE SET updated_at = now()
         RETURNING id`,
        [municipality, household.id],
      );
      await tx.query(
        `UPDATE signal SET routing = 'ROUTED', routing_reason = 'MANUAL', municipality = $2, case_id = $3 WHERE id = $1`,
        [signalId, municipality, openCase.id],
      );
      await this.store.refreshCases(tx, [openCase.id]);
      return openCase.id as string;
    });
    await this.audit.record(principal, {
      action: 'SIGNAL_ROUTED_MANUALLY',
      subjectType: 'signal',
      subjectIds: [signalId],
      detail: { municipality },
    });
    return { signalId, municipality, caseId };
  }

  async list(principal: Principal, args: UnroutedSignalsArgs): Promise<UnroutedSignalConnectionType> {
    const params: unknown[] = [];
    let after = '';
    if (args.after) {
      const cursor = decodeCursor(args.after);
      params.push(cursor.sortValue, cursor.id);
      after = `AND (received_at, id) > ($1::timestamptz, $2::uuid)`;
    }
    params.push(args.first + 1);
    const rows = await this.dataSource.query(
      `SELECT id, creditor_id, creditor_signal_ref, sector, signal_date, postcode, place, routing_reason, received_at
       FROM signal WHERE routing = 'UNROUTED' ${after}
       ORDER BY received_at, id LIMIT $${params.length}`,
      params,
    );
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM signal WHERE routing = 'UNROUTED'`,
    );
    const page = rows.slice(0, args.first).map((r: Record<string, never>) => ({
      id: r.id,
      creditorId: r.creditor_id,
      creditorSignalRef: r.creditor_signal_ref,
      sector: r.sector as SectorValue,
      signalDate: r.signal_date,
      postcode: r.postcode,
      place: r.place,
      reason: r.routing_reason,
      receivedAt: r.received_at as Date,
    }));
    await this.audit.record(principal, {
      action: 'UNROUTED_SIGNALS_LISTED',
      subjectType: 'signal',
      subjectIds: page.map((s: { id: string }) => s.id),
    });
    const cursorOf = (s: { receivedAt: Date; id: string }) => encodeCursor(s.receivedAt.toISOString(), s.id);
    return {
      edges: page.map((node: UnroutedSignalConnectionType['edges'][number]['node']) => ({
        cursor: cursorOf(node),
        node,
      })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
      },
      totalCount: count,
    };
  }
}
