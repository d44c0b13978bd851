import { Injectable } from '@nestjs/common';
import type { CaseResult, ContactKind, DayPart } from '@signaalhub/domain';
import type { Principal } from '../auth/principal.js';
import type { CaseEvent } from '../case-events/case-event.js';
import { CaseEventRepository } from '../case-events/case-event.repository.js';
import { requireMunicipality } from '../cases/cases.service.js';
import type { CaseTimelineArgs, CaseTimelineConnectionType, CaseTimelineEntryType } from './dto/case-work.types.js';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.js';

/**
 * The timeline of a case: signals, pick-up, contact attempts, notes, close and transfer in one list,
 * oldest first, read from the case's event log. The case itself was reached through a scoped read.
 */
@Injectable()
export class CaseTimelineService {
  constructor(private readonly events: CaseEventRepository) {}

  async page(principal: Principal, caseId: string, args: CaseTimelineArgs): Promise<CaseTimelineConnectionType> {
    const after = args.after ? decodeTimelineCursor(args.after) : null;
    const rows = await this.events.page(caseId, requireMunicipality(principal), after, args.first + 1);
    const page = rows.slice(0, args.first);
    return {
      edges: page.map((event) => ({ cursor: encodeTimelineCursor(event.position, event.id), node: entryOf(event) })),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        endCursor: page.length ? encodeTimelineCursor(page[page.length - 1].position, page[page.length - 1].id) : null,
      },
    };
  }
}

function entryOf(event: CaseEvent): CaseTimelineEntryType {
  const d = event.detail;
  return {
    id: event.id,
    kind: event.kind,
    occurredAt: event.occurredAt,
    actor: event.actor,
    signalId: d.signalId ?? null,
    contactAttemptId: d.contactAttemptId ?? null,
    contactKind: (d.contactKind as ContactKind | undefined) ?? null,
    reached: d.reached ?? null,
    dayPart: (d.dayPart as DayPart | null | undefined) ?? null,
    noteId: d.noteId ?? null,
    result: (d.result as CaseResult | undefined) ?? null,
    toMunicipality: d.toMunicipality ?? null,
    fromMunicipality: d.fromMunicipality ?? null,
  };
}
