import { describe, expect, it } from '@jest/globals';
import type { Sector } from '../signal.js';
import type { NormalisedSignal } from '../validation.js';
import { minimiseSignal } from './minimise.js';
import { aRentSignal } from './signal.fixture.js';

const full: NormalisedSignal = aRentSignal({ creditorSignalRef: 'REF-1' });

describe('minimiseSignal (DOMAIN.md: store only what the sector may send)', () => {
  it.each<[Sector, string[]]>([
    ['HUUR', ['customerNumber', 'bsn']], // Bgs art. 2: contact details and amount; no customer number
    ['ENERGIE', ['bsn']], // energy regulation art. 3: contact details, customer number, amount
    ['WATER', ['bsn']],
    ['ZORG', ['bsn']],
    ['CAK_ZORGVERZEKERINGEN', ['bsn']],
    ['CAK_EIGEN_BIJDRAGE', ['bsn']],
    ['DIENST_TOESLAGEN', ['customerNumber', 'bsn']],
    ['DUO', ['customerNumber', 'bsn']],
  ])('%s drops %p', (sector, dropped) => {
    const result = minimiseSignal({ ...full, sector });
    expect(result.dropped).toEqual(dropped);
    expect(result.signal.bsn).toBeNull();
    expect(result.signal.customerNumber).toBe(dropped.includes('customerNumber') ? '' : 'K-99');
  });

  it('keeps everything else as it was', () => {
    const { signal } = minimiseSignal(full);
    expect(signal).toEqual({ ...full, customerNumber: '', bsn: null });
  });

  it('reports nothing dropped when the disallowed fields were empty already', () => {
    expect(minimiseSignal({ ...full, customerNumber: '', bsn: null }).dropped).toEqual([]);
  });

  it('keeps only the contact fields when no rule set is in force', () => {
    expect(minimiseSignal({ ...full, sector: 'ENERGIE', signalDate: '2022-10-31' }).dropped).toEqual([
      'customerNumber',
      'bsn',
    ]);
  });

  it('does not change its input', () => {
    const input = { ...full };
    minimiseSignal(input);
    expect(input).toEqual(full);
  });
});
