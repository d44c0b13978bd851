import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditService } from '../audit/audit.service.js';
import { activityOfReader } from '../audit/audit-activity.js';
import { requestIdOf } from '../audit/request-context.js';
import type { Principal } from '../auth/principal.js';
import { isPersonalData } from './personal-data.js';

interface HubContext {
  req?: { user?: Principal; id?: unknown };
}

/** The objects whose declared personal fields a request read: one audit entry per object. */
class ReadLedger {
  private readonly objects = new Map<string, { type: string; id: string; fields: Set<string> }>();

  add(type: string, id: string, field: string): void {
    const key = `${type}\u0000${id}`;
    const object = this.objects.get(key) ?? { type, id, fields: new Set<string>() };
    object.fields.add(field);
    this.objects.set(key, object);
  }

  get size(): number {
    return this.objects.size;
  }

  /** Grouped by type: one call per type, one entry per object. */
  byType(): Map<string, Array<{ id: string; fields: string[] }>> {
    const grouped = new Map<string, Array<{ id: string; fields: string[] }>>();
    for (const object of this.objects.values()) {
      const list = grouped.get(object.type) ?? [];
      list.push({ id: object.id, fields: [...object.fields].sort() });
      grouped.set(object.type, list);
    }
    return grouped;
  }
}

/** The id of the object a personal field belongs to; every declared type carries one. */
function objectId(source: unknown): string | null {
  const id = (source as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * Audits every read of a field declared {@link PersonalData}: while the request executes it notes which
 * declared fields were resolved for which objects; before the response leaves, it writes one entry per
 * object naming those fields (ids and field names, never the values). Should that write fail, the
 * response is replaced by an error: no personal data leaves the hub without its entry.
 */
export function personalDataAuditPlugin(audit: AuditService): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      const ledger = new ReadLedger();
      let unidentified = false;
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }) {
              if (!isPersonalData(info.parentType.getFields()[info.fieldName])) return;
              return (error) => {
                if (error) return;
                const id = objectId(source);
                if (id === null) unidentified = true;
                else ledger.add(info.parentType.name, id, info.fieldName);
              };
            },
          };
        },
        async willSendResponse({ contextValue, response }) {
          if (ledger.size === 0 && !unidentified) return;
          const principal = contextValue.req?.user;
          try {
            if (!principal || unidentified) throw new Error('personal data read without an auditable subject');
            const requestId = requestIdOf(contextValue.req);
            for (const [type, objects] of ledger.byType()) {
              // Objects of one type that share their fields share one call; each still gets its own entry.
              const byFields = new Map<string, string[]>();
              for (const o of objects)
                byFields.set(o.fields.join(','), [...(byFields.get(o.fields.join(',')) ?? []), o.id]);
              for (const [fields, ids] of byFields) {
                await audit.record(principal, {
                  action: 'PERSONAL_DATA_READ',
                  activity: activityOfReader(principal.roles),
                  subjectType: type,
                  subjectIds: ids,
                  detail: { fields: fields.split(',') },
                  requestId,
                });
              }
            }
          } catch (error) {
            if (response.body.kind !== 'single') throw error;
            response.body.singleResult = {
              errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
            };
          }
        },
      };
    },
  };
}
