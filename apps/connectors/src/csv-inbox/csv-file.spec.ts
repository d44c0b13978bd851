import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeSignal, decodeEnvelope, Sector } from '@signaalhub/contracts';
import { generateSigningKeyPair } from '@signaalhub/contracts';
import { CsvFileError, evaluateRow, readCsvFile } from './csv-file.js';
import { signedRecord } from './inbox-file.js';
import { parseAmount, parseDate } from './csv-values.js';

const ERP_HEADER =
  'Huurdernummer;Achternaam;Tussenvoegsel;Voorletters;Geboortedatum;Postcode;Huisnummer;Toevoeging;Achterstand;' +
  'Achterstand sinds;Aanmaning verstuurd op;Meldingsdatum;Persoonlijk contact gezocht;Schuldhulp aangeboden;Bezwaar mogelijk';

const GENERIC_HEADER =
  'creditorSignalRef,kind,sector,signalDate,surname,postcode,houseNumber,amount,arrearsSince,' +
  'personalContactAttempted,referredToDebtHelp,reminderSentOn,objectionOffered';

describe('CSV values', () => {
  it('reads Dutch and ISO amounts into cents and refuses the ambiguous', () => {
    expect(parseAmount('1.234,56', 'a')).toEqual({ ok: true, value: 123456n });
    expect(parseAmount('1234.56', 'a')).toEqual({ ok: true, value: 123456n });
    expect(parseAmount('€ 12,5', 'a')).toEqual({ ok: true, value: 1250n });
    expect(parseAmount('1.234', 'a')).toEqual({ ok: true, value: 123400n });
    expect(parseAmount('-3,00', 'a')).toEqual({ ok: true, value: -300n });
    expect(parseAmount('1,234.56', 'a').ok).toBe(false);
    expect(parseAmount('12.345,6.7', 'a').ok).toBe(false);
    expect(parseAmount('', 'Achterstand')).toEqual({ ok: false, problem: 'Achterstand: missing' });
  });

  it('reads Dutch and ISO dates into ISO and names the column, not the value, of a bad one', () => {
    expect(parseDate('31-12-2026', 'd')).toEqual({ ok: true, value: '2026-12-31' });
    expect(parseDate('1-2-2026', 'd')).toEqual({ ok: true, value: '2026-02-01' });
    expect(parseDate('2026-12-31', 'd')).toEqual({ ok: true, value: '2026-12-31' });
    expect(parseDate('31/12/2026', 'Geboortedatum')).toEqual({
      ok: false,
      problem: 'Geboortedatum: not a date (31-12-2026 or 2026-12-31)',
    });
  });
});

describe('readCsvFile', () => {
  it('reads a Windows-1252 housing ERP export with Dutch dates and amounts', () => {
    const text = `${ERP_HEADER}\r\nH-1001;Müller-Çelik;van;J.É.;05-03-1980;1012 ab;12;2;1.234,56;15-10-2026;16-11-2026;01-12-2026;ja;ja;ja\r\n`;
    const file = readCsvFile(iconv.encode(text, 'win1252'));
    expect(file).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(file.layout.name).toBe('woningcorporatie-erp');
    const result = evaluateRow(file, file.rows[0]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.signal).toMatchObject({
      creditorSignalRef: 'H-1001-2026-10-15',
      sector: Sector.HUUR,
      surname: 'Müller-Çelik',
      initials: 'J.É.',
      birthDate: '1980-03-05',
      amountCents: 123456n,
      arrearsSince: '2026-10-15',
      reminderSentOn: '2026-11-16',
      signalDate: '2026-12-01',
      personalContactAttempted: true,
      customerNumber: 'H-1001',
    });
  });

  it('reads a UTF-8 generic file with commas and gives each bad row its reason, by column', () => {
    const rows = [
      'R-1,NEW,ENERGIE,2026-12-01,Jansen,1012AB,5,"1234.56",2026-10-01,true,true,2026-11-20,true',
      'R-2,NEW,ENERGIE,2026-12-01,Jansen,99999,5,10.00,2026-10-01,true,true,2026-11-20,true',
      'R-3,NEW,ENERGIE,2026-12-01,Jansen,1012AB,5,veel,2026-10-01,true,true,2026-11-20,true',
      'R-4,NEW,ENERGIE,2026-12-01,Jansen,1012AB',
      'R-5,NEW,BAKKER,2026-12-01,Jansen,1012AB,5,10.00,2026-10-01,true,true,2026-11-20,true',
    ];
    const file = readCsvFile(Buffer.from(`\uFEFF${GENERIC_HEADER}\n${rows.join('\n')}\n`, 'utf8'));
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    const results = file.rows.map((r) => evaluateRow(file, r));
    expect(results[0]).toMatchObject({ ok: true, signal: { amountCents: 123456n, sector: Sector.ENERGIE } });
    expect(results.slice(1)).toEqual([
      { ok: false, reason: 'INVALID_POSTCODE: postcode: not a Dutch postcode (1234AB)' },
      { ok: false, reason: 'MALFORMED: amount: not an amount in euros (1.234,56 or 1234.56)' },
      { ok: false, reason: 'MALFORMED: row has 6 cells, the header 13' },
      { ok: false, reason: 'MALFORMED: sector: not one of the allowed values' },
    ]);
  });

  it('names the ERP column next to the field in a domain rejection', () => {
    const file = readCsvFile(
      Buffer.from(`${ERP_HEADER}\nH-1;;;;;1012AB;1;;10,00;15-10-2026;16-11-2026;01-12-2026;ja;ja;ja\n`),
    );
    expect(evaluateRow(file, file.rows[0])).toEqual({
      ok: false,
      reason: 'MISSING_FIELD: surname (Achternaam): missing',
    });
  });

  it('refuses files that are not a readable CSV of a known layout', () => {
    expect(() => readCsvFile(Buffer.from(`${GENERIC_HEADER}\n"R-1,NEW\n`))).toThrow(CsvFileError);
    expect(() => readCsvFile(Buffer.from('naam;bedrag\nx;1\n'))).toThrow(/no known layout/);
    expect(() => readCsvFile(Buffer.from(`${ERP_HEADER};Achternam\n`))).toThrow(/unknown columns: Achternam/);
    expect(() => readCsvFile(Buffer.from('Huurdernummer;Achternaam\n'))).toThrow(/missing columns: Postcode/);
    expect(() => readCsvFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(/NUL bytes/);
    expect(() => readCsvFile(Buffer.alloc(0))).toThrow(/empty/);
  });

  it('gives the same row the same signed bytes every time, so a re-sent row is a duplicate at the hub', () => {
    const file = readCsvFile(
      Buffer.from(`${ERP_HEADER}\nH-1;Jansen;;;;1012AB;1;;10,00;15-10-2026;16-11-2026;01-12-2026;ja;ja;ja\n`),
    );
    const signer = { keyId: 'k-1', privateKey: generateSigningKeyPair().privateKey };
    const [a, b] = [0, 1].map(() => {
      const result = evaluateRow(file, file.rows[0]);
      if (!result.ok) throw new Error(result.reason);
      return signedRecord('woningcorporatie-de-linde', signer, result.signal);
    });
    expect(a.value?.equals(b.value as Buffer)).toBe(true);
    expect(a.key).toBe('woningcorporatie-de-linde:H-1-2026-10-15');
    const envelope = decodeEnvelope(a.value as Buffer);
    expect(decodeSignal(envelope.payload).sentAt).toBeUndefined();
  });
});
