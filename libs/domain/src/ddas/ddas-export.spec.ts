import { describe, expect, it } from '@jest/globals';
import {
  buildDdasPages,
  wholeEuros,
  type DdasCaseRecord,
  type DdasDelivery,
  type DdasSignalRecord,
} from './ddas-export.js';

const signal = (id: string, change: Partial<DdasSignalRecord> = {}): DdasSignalRecord => ({
  id,
  crisis: false,
  warmHandover: true,
  amountCents: 123_450n,
  arrearsSince: '2026-09-01',
  signalDate: '2026-11-02',
  status: 'PICKED_UP',
  sector: 'CAK_ZORGVERZEKERINGEN',
  postcode: '1096AB',
  houseNumber: 12,
  houseLetter: 'A',
  houseNumberAddition: '2HOOG',
  birthDate: '1980-02-29',
  ...change,
});
const aCase = (signalIds: string[], change: Partial<DdasCaseRecord> = {}): DdasCaseRecord => ({
  signalIds,
  result: 'ADVICE_OR_QUICK_FIX',
  matchedOn: '2026-11-02',
  matchingPeriodStart: '2026-11-02',
  matchingPeriodEnd: '2027-05-04',
  pickedUpOn: '2026-11-03',
  contactAttempts: [{ kind: 'HOME_VISIT', reached: true, date: '2026-11-04', dayPart: 'EVENING' }],
  ...change,
});
const delivery = (signals: DdasSignalRecord[], cases: DdasCaseRecord[]): DdasDelivery => ({
  from: '2026-11-01',
  to: '2026-11-30',
  deliveredAt: new Date('2026-12-01T09:00:00Z'),
  supplierCode: 'SIGNAALHUB',
  municipality: 'GM0363',
  organisation: { name: 'Gemeente Amsterdam', contacts: [{ name: 'Team Vroegsignalering', email: 'vs@example.nl' }] },
  signals,
  cases,
});

describe('the DDAS v1.2 document', () => {
  it('rounds amounts to whole euros, half up', () => {
    expect([49n, 50n, 149n, 150n, 123_450n].map(wholeEuros)).toEqual([0, 1, 1, 2, 1235]);
  });

  it('uses the exchange model’s Dutch names and values exactly', () => {
    const [page] = buildDdasPages(delivery([signal('s1')], [aCase(['s1'])]));
    expect(page.document).toEqual({
      startdatumLevering: '2026-11-01',
      einddatumLevering: '2026-11-30',
      aanleverdatumEnTijd: '2026-12-01T09:00:00.000Z',
      codeGegevensleverancier: 'SIGNAALHUB',
      leveringen: [
        {
          teller: 1,
          gemeentecode: '0363',
          aanleverendeOrganisatie: {
            naam: 'Gemeente Amsterdam',
            contactpersonen: [{ naam: 'Team Vroegsignalering', email: 'vs@example.nl' }],
          },
          vroegsignalen: [
            {
              ID: 's1',
              crisissignaal: false,
              warmeOverdracht: true,
              bedrag: 1235,
              ontstaansdatum: '2026-09-01',
              signaaldatum: '2026-11-02',
              status: 'Opgepakt',
              signaalpartner: { type: 'CAK Zorgverzekeringen' },
              client: {
                geboortedatum: '1980-02-29',
                postcode: '1096AB',
                huisnummer: '12',
                huisnummertoevoeging: 'A2HOOG',
              },
            },
          ],
          vroegsignaalzaken: [
            {
              resultaat: '(Budget)advies en/of quick fix',
              matchingsdatum: '2026-11-02',
              startdatumMatchingperiode: '2026-11-02',
              einddatumMatchingperiode: '2027-05-04',
              datumOpgepakt: '2026-11-03',
              vroegsignalen: [{ ID: 's1' }],
              contactpogingen: [{ soort: 'Huisbezoek', bereikt: true, datum: '2026-11-04', dagdeel: 'Avond' }],
            },
          ],
        },
      ],
    });
  });

  it('leaves out what is not known rather than sending empty values', () => {
    const [page] = buildDdasPages(
      delivery(
        [signal('s1', { birthDate: '', houseLetter: '', houseNumberAddition: '' })],
        [aCase(['s1'], { result: null, pickedUpOn: null, contactAttempts: [] })],
      ),
    );
    const levering = (page.document.leveringen as Array<Record<string, unknown[]>>)[0];
    expect((levering.vroegsignalen[0] as { client: unknown }).client).toEqual({ postcode: '1096AB', huisnummer: '12' });
    expect(levering.vroegsignaalzaken[0]).not.toHaveProperty('resultaat');
    expect(levering.vroegsignaalzaken[0]).not.toHaveProperty('datumOpgepakt');
  });

  it('leaves the contact persons out when none are known: the schema refuses an empty list', () => {
    const [page] = buildDdasPages({ ...delivery([], []), organisation: { name: 'Gemeente Amsterdam', contacts: [] } });
    const levering = (page.document.leveringen as Array<Record<string, unknown>>)[0];
    expect(levering.aanleverendeOrganisatie).toEqual({ naam: 'Gemeente Amsterdam' });
  });

  it('pages at the signal limit and never splits a case from its signals', () => {
    const signals = ['a', 'b', 'c', 'd', 'e'].map((id) => signal(id));
    const pages = buildDdasPages(delivery(signals, [aCase(['a', 'b']), aCase(['c', 'd'])]), 3);
    const idsOf = (p: (typeof pages)[number]) =>
      (p.document.leveringen as Array<{ vroegsignalen: Array<{ ID: string }> }>)[0].vroegsignalen.map((s) => s.ID);
    expect(pages.map(idsOf)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(pages.map((p) => [p.page, p.pages])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('delivers one (empty) page for a period without signals', () => {
    const pages = buildDdasPages(delivery([], []));
    expect(pages).toHaveLength(1);
    expect((pages[0].document.leveringen as Array<{ vroegsignalen: unknown[] }>)[0].vroegsignalen).toEqual([]);
  });
});
