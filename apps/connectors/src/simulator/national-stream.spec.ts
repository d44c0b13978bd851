import { beforeAll, describe, expect, it } from '@jest/globals';
import { Sector, SignalKind, decodeSignal, encodeSignal, generateSigningKeyPair } from '@signaalhub/contracts';
import { isRetentionDue, validateSignal } from '@signaalhub/domain';
import { loadReferenceData, type ReferenceData } from '@signaalhub/reference';
import {
  DEFAULT_REFERENCE_DATE,
  loadDutchFaker,
  nationalSignals,
  type NationalSignal,
  type NationalStreamOptions,
} from './national-stream.js';
import { SECTOR_WEIGHTS, signedKafkaRecords, type RecordSigner } from './synthetic-signals.js';

let reference: ReferenceData;
async function stream(options: NationalStreamOptions): Promise<NationalSignal[]> {
  return [...nationalSignals(reference, await loadDutchFaker(options.seed), options)];
}

const N = 20_000;
let signals: NationalSignal[];

beforeAll(async () => {
  reference = loadReferenceData();
  signals = await stream({ count: N, seed: 42, invalidShare: 0.05 });
});

describe('the national stream', () => {
  it('gives byte-identical signed messages for the same seed, and different ones for another seed', async () => {
    const { privateKey } = generateSigningKeyPair();
    const signers = new Map<string, RecordSigner>(
      SECTOR_WEIGHTS.flatMap(([, , ids]) => ids).map((id) => [id, { keyId: `${id}-1`, privateKey }]),
    );
    const encode = (list: NationalSignal[]) => list.map(signedKafkaRecords(signers));
    const first = encode(await stream({ count: 2_000, seed: 7, invalidShare: 0.1 }));
    const again = encode(await stream({ count: 2_000, seed: 7, invalidShare: 0.1 }));
    const other = encode(await stream({ count: 2_000, seed: 8, invalidShare: 0.1 }));
    expect(first).toHaveLength(2_000);
    expect(Buffer.concat(again.map((r) => r.value)).equals(Buffer.concat(first.map((r) => r.value)))).toBe(true);
    expect(again.map((r) => r.key)).toEqual(first.map((r) => r.key));
    expect(Buffer.concat(other.map((r) => r.value)).equals(Buffer.concat(first.map((r) => r.value)))).toBe(false);
  });

  it('yields exactly the requested count', () => {
    expect(signals).toHaveLength(N);
  });

  it('follows the sector mix of 2024 within 2 points', () => {
    const total = SECTOR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    for (const [sector, weight] of SECTOR_WEIGHTS) {
      const share = signals.filter((s) => s.signal.sector === sector).length / N;
      expect(Math.abs(share - weight / total)).toBeLessThan(0.02);
    }
  });

  it('keeps the mix of arrears per sector unbiased by households with several creditors (100,000 signals, 0.75 points)', async () => {
    const many = await stream({ count: 100_000, seed: 9 });
    const total = SECTOR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
    const counts = new Map<number, number>();
    for (const s of many) counts.set(s.signal.sector as number, (counts.get(s.signal.sector as number) ?? 0) + 1);
    for (const [sector, weight] of SECTOR_WEIGHTS) {
      expect(Math.abs((counts.get(sector) ?? 0) / many.length - weight / total)).toBeLessThan(0.0075);
    }
  });

  it('weighs municipalities by population: Amsterdam (GM0363) near its population share', () => {
    const households = new Map(signals.map((s) => [s.householdId, s.gmCode]));
    const routable = new Set<string>();
    for (const rows of reference.pc4.values()) if (rows.length === 1) routable.add(rows[0].gmCode);
    const population = [...routable].reduce((sum, gm) => sum + (reference.population.get(gm) ?? 0), 0);
    const expected = (reference.population.get('GM0363') as number) / population;
    const share = [...households.values()].filter((gm) => gm === 'GM0363').length / households.size;
    expect(expected).toBeGreaterThan(0.04);
    expect(Math.abs(share - expected)).toBeLessThan(0.01);
    // Addresses lie in real postcode areas of the household's municipality, with its place name.
    for (const { signal, gmCode } of signals.slice(0, 500)) {
      const rows = reference.pc4.get(String(signal.postcode).slice(0, 4));
      expect(rows?.map((r) => r.gmCode)).toEqual([gmCode]);
      expect(rows?.[0].places).toContain(signal.place);
    }
  });

  it('gives about half of the households several creditors, their arrears starting within six months', () => {
    const byHousehold = new Map<number, NationalSignal[]>();
    for (const s of signals) byHousehold.set(s.householdId, [...(byHousehold.get(s.householdId) ?? []), s]);
    const multi = [...byHousehold.values()].filter((list) => new Set(list.map((s) => s.creditorId)).size > 1);
    expect(Math.abs(multi.length / byHousehold.size - 0.5)).toBeLessThan(0.03);
    for (const list of multi) {
      const firsts = list
        .filter((s) => s.signal.kind === SignalKind.NEW)
        .map((s) => Date.parse(String(s.signal.signalDate)));
      expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThanOrEqual(180 * 86_400_000);
    }
  });

  it('keeps each arrears in legal order: NEW, updates, end of supply for energy only, withdrawal last', () => {
    const byArrears = new Map<string, NationalSignal[]>();
    for (const s of signals) {
      const key = `${s.creditorId}/${s.signal.creditorSignalRef}`;
      byArrears.set(key, [...(byArrears.get(key) ?? []), s]);
    }
    const order = /^N(U)*(E)?(W)?$/;
    const letter: Record<number, string> = {
      [SignalKind.NEW]: 'N',
      [SignalKind.UPDATE]: 'U',
      [SignalKind.END_OF_SUPPLY]: 'E',
      [SignalKind.WITHDRAWN]: 'W',
    };
    const seen = new Set<string>();
    for (const list of byArrears.values()) {
      const kinds = list.map((s) => letter[s.signal.kind as number]).join('');
      seen.add(kinds);
      expect(kinds).toMatch(order);
      if (kinds.includes('E')) {
        expect(list[0].signal.sector).toBe(Sector.ENERGIE);
        expect(kinds).toMatch(/^NU+E/);
      }
      const dates = list.map((s) => String(s.signal.signalDate));
      expect([...dates].sort()).toEqual(dates);
      expect((dates.at(-1) as string) < DEFAULT_REFERENCE_DATE).toBe(true);
    }
    // The sequences that matter all occur, so the check above is not vacuous.
    for (const kinds of ['N', 'NU', 'NUE', 'NUU', 'NW', 'NUEW']) expect(seen).toContain(kinds);
  });

  it('is current on its reference date: few households past the retention term of unpicked signals', () => {
    const latest = new Map<number, string>();
    for (const { householdId, signal } of signals) {
      const date = String(signal.signalDate);
      if (date > (latest.get(householdId) ?? '')) latest.set(householdId, date);
    }
    const due = [...latest.values()].filter((lastSignalDate) =>
      isRetentionDue({ lastSignalDate, pickedUpOn: null, closedOn: null }, DEFAULT_REFERENCE_DATE),
    );
    // A demo started today shows its cases, not a stream retention deletes on the first run.
    expect(due.length / latest.size).toBeLessThan(0.2);
  });

  it('flaws the configured share: invalid ones fail validation, the rest pass it', () => {
    const invalid = signals.filter((s) => s.flaw === 'invalid');
    const ruleBreaking = signals.filter((s) => s.flaw === 'rule-breaking');
    expect(Math.abs((invalid.length + ruleBreaking.length) / N - 0.05)).toBeLessThan(0.006);
    expect(invalid.length).toBeGreaterThan(0.015 * N);
    expect(ruleBreaking.length).toBeGreaterThan(0.015 * N);
    // Validation of what the hub decodes off the wire.
    const valid = (s: NationalSignal) => validateSignal(decodeSignal(encodeSignal(s.signal))).ok;
    for (const s of invalid) expect(valid(s)).toBe(false);
    for (const s of signals.filter((x) => x.flaw !== 'invalid').slice(0, 3_000)) expect(valid(s)).toBe(true);
    expect(ruleBreaking.some((s) => !s.signal.personalContactAttempted)).toBe(true);
  });

  it('flaws nothing by default', async () => {
    expect((await stream({ count: 1_000, seed: 3 })).every((s) => s.flaw === 'none')).toBe(true);
  });
});
