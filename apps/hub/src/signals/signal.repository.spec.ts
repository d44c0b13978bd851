import { describe, expect, it } from '@jest/globals';
import { sqlTagOf } from '../database/sql-tags.js';
import { INSERT_SIGNALS, SIGNAL_COLUMNS } from './signal.repository.js';

// The statement as it was written out by hand: the columns and the SQL type of each parameter.
// prettier-ignore
const PINNED: Array<[string, string]> = [
  ['payload_sha256', 'bytea'], ['creditor_id', 'text'], ['creditor_signal_ref', 'text'], ['kind', 'text'],
  ['sector', 'text'], ['signal_date', 'date'], ['sent_at', 'timestamptz'],
  ['routing', 'text'], ['routing_reason', 'text'], ['municipality', 'text'], ['case_id', 'uuid'], ['household_key', 'text'],
  ['initials', 'text'], ['first_names', 'text'], ['surname_prefix', 'text'], ['surname', 'text'], ['birth_date', 'date'],
  ['phone', 'text'], ['email', 'text'],
  ['postcode', 'text'], ['house_number', 'int'], ['house_letter', 'text'], ['house_number_addition', 'text'],
  ['street', 'text'], ['place', 'text'],
  ['amount_cents', 'bigint'], ['arrears_since', 'date'], ['customer_number', 'text'], ['supply_end_date', 'date'],
  ['personal_contact_attempted', 'bool'], ['referred_to_debt_help', 'bool'], ['reminder_sent_on', 'date'],
  ['objection_offered', 'bool'], ['objection_received', 'bool'],
  ['crisis', 'bool'], ['warm_handover', 'bool'], ['source_topic', 'text'], ['source_partition', 'int'], ['source_offset', 'bigint'],
  ['status', 'text'], ['decision', 'text'], ['decision_reason', 'text'], ['rule_id', 'text'], ['rule_version', 'text'], ['key_id', 'text'],
];

/** The INSERT's column list and its unnest parameters, read back from the statement text. */
function parse(sql: string): { columns: string[]; parameters: Array<[number, string]> } {
  const columns = /INSERT INTO signal \(([^)]*)\)/.exec(sql)?.[1];
  const unnest = /SELECT \* FROM unnest\(([^)]*)\)/.exec(sql)?.[1];
  if (columns === undefined || unnest === undefined) throw new Error(`not the signal INSERT: ${sql}`);
  return {
    columns: columns.split(',').map((c) => c.trim()),
    parameters: unnest.split(',').map((p) => {
      const match = /^\$(\d+)::([a-z]+)\[\]$/.exec(p.trim());
      if (!match) throw new Error(`unexpected unnest parameter ${p}`);
      return [Number(match[1]), match[2]];
    }),
  };
}

describe('SignalRepository: the signal INSERT', () => {
  it('names exactly SIGNAL_COLUMNS, in their order, once each', () => {
    const { columns } = parse(INSERT_SIGNALS);
    expect(columns).toEqual([...SIGNAL_COLUMNS]);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('binds one typed array parameter per column, $1 to $N in column order, with the SQL types it always had', () => {
    const { columns, parameters } = parse(INSERT_SIGNALS);
    expect(parameters.map(([n]) => n)).toEqual(columns.map((_, i) => i + 1));
    expect(columns.map((c, i) => [c, parameters[i][1]])).toEqual(PINNED);
  });

  it('skips a payload the creditor delivered before and returns the case of each inserted signal', () => {
    expect(INSERT_SIGNALS).toMatch(
      /ON CONFLICT \(creditor_id, payload_sha256\) DO NOTHING\s+RETURNING id, case_id, municipality$/,
    );
  });

  it('is tagged as the signal insert for pg_stat_activity', () => {
    expect(sqlTagOf(INSERT_SIGNALS)).toBe('signal-insert');
  });
});
