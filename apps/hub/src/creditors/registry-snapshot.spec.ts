import { describe, expect, it } from '@jest/globals';
import { generateSigningKeyPair } from '@signaalhub/contracts';
import { DEFAULT_MUNICIPALITY_POLICY } from '@signaalhub/domain';
import { buildRegistrySnapshot, EMPTY_SNAPSHOT, type RegistrySnapshotRows } from './registry-snapshot.js';

const key = generateSigningKeyPair();
const revokedAt = new Date('2026-02-01T12:00:00Z');

function rows(overrides: Partial<RegistrySnapshotRows> = {}): RegistrySnapshotRows {
  return {
    version: 7n,
    creditors: [{ id: 'linde', sectors: ['HUUR'] }],
    keys: [
      { creditor_id: 'linde', key_id: 'k1', public_key_pem: key.publicKeyPem, revoked_at: null },
      { creditor_id: 'linde', key_id: 'k0', public_key_pem: key.publicKeyPem, revoked_at: revokedAt },
    ],
    agreements: [
      {
        creditor_id: 'linde',
        municipality: 'GM0363',
        sector: 'HUUR',
        valid_from: '2025-01-01',
        valid_to: '2025-06-30',
      },
      { creditor_id: 'linde', municipality: 'GM0363', sector: 'HUUR', valid_from: '2025-09-01', valid_to: null },
    ],
    policies: [
      {
        municipality: 'GM0363',
        minimum_amount_cents: '9223372036854775807',
        matching_period_days: 60,
        experiments: {
          ENERGIE: { minDays: 30, minAmountCents: '12345' },
          WATER: { minDays: 'soon' },
          NOT_A_SECTOR: { minDays: 1 },
          HUUR: null,
        },
      },
    ],
    ...overrides,
  };
}

describe('buildRegistrySnapshot', () => {
  it('keeps the version it was read at', () => {
    expect(buildRegistrySnapshot(rows()).version).toBe(7n);
    expect(EMPTY_SNAPSHOT.version).toBe(-1n);
    expect(EMPTY_SNAPSHOT.creditor('linde')).toBeUndefined();
  });

  it('finds registered creditors with their sectors, and nothing else', () => {
    const snapshot = buildRegistrySnapshot(rows());
    expect(snapshot.creditor('linde')).toEqual({ id: 'linde', sectors: ['HUUR'] });
    expect(snapshot.creditor('other')).toBeUndefined();
    expect(Object.isFrozen(snapshot.creditor('linde')?.sectors)).toBe(true);
  });

  it('finds a key of its own creditor only, revoked ones with their moment', () => {
    const snapshot = buildRegistrySnapshot(rows());
    expect(snapshot.key('linde', 'k1', new Date())?.revokedAt).toBeNull();
    expect(snapshot.key('linde', 'k1', new Date())?.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(snapshot.key('linde', 'k0', new Date())?.revokedAt).toEqual(revokedAt);
    expect(snapshot.key('other', 'k1', new Date())).toBeUndefined();
    expect(snapshot.key('linde', 'k2', new Date())).toBeUndefined();
  });

  it('leaves out a stored key that no longer parses, and reports it without its contents', () => {
    const reported: string[] = [];
    const snapshot = buildRegistrySnapshot(
      rows({ keys: [{ creditor_id: 'linde', key_id: 'broken', public_key_pem: 'not a pem', revoked_at: null }] }),
      (message) => reported.push(message),
    );
    expect(snapshot.key('linde', 'broken', new Date())).toBeUndefined();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('key broken of creditor linde is unusable');
    expect(reported[0]).not.toContain('not a pem');
  });

  it.each([
    ['2024-12-31', null],
    ['2025-01-01', { validFrom: '2025-01-01', validTo: '2025-06-30' }],
    ['2025-06-30', { validFrom: '2025-01-01', validTo: '2025-06-30' }],
    ['2025-07-01', null],
    ['2025-09-01', { validFrom: '2025-09-01', validTo: null }],
    ['2099-12-31', { validFrom: '2025-09-01', validTo: null }],
  ])('answers the agreement valid on %s, both ends inclusive', (onDate, expected) => {
    expect(buildRegistrySnapshot(rows()).agreement('linde', 'GM0363', 'HUUR', onDate)).toEqual(expected);
  });

  it('has no agreement for another municipality, sector or creditor', () => {
    const snapshot = buildRegistrySnapshot(rows());
    expect(snapshot.agreement('linde', 'GM0599', 'HUUR', '2025-03-01')).toBeNull();
    expect(snapshot.agreement('linde', 'GM0363', 'ENERGIE', '2025-03-01')).toBeNull();
    expect(snapshot.agreement('other', 'GM0363', 'HUUR', '2025-03-01')).toBeNull();
  });

  it('reads policies with 64-bit amounts and only well-formed experiments of known sectors', () => {
    const snapshot = buildRegistrySnapshot(rows());
    expect(snapshot.policy('GM0363')).toEqual({
      minimumAmountCents: 9223372036854775807n,
      matchingPeriodDays: 60,
      experiments: { ENERGIE: { minDays: 30, minAmountCents: 12345n }, WATER: {} },
    });
    expect(snapshot.policy('GM0599')).toBe(DEFAULT_MUNICIPALITY_POLICY);
  });
});
