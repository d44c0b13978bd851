import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SectorValue } from '../cases/dto/case.types.js';
import { decodeCursor, encodeCursor } from '../graphql/cursor.js';
import type { UnroutedSignalConnectionType, UnroutedSignalsArgs } from './dto/unrouted.types.js';

/** The operator's queue of signals held back from routing, oldest first. */
@Injectable()
export class UnroutedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

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
