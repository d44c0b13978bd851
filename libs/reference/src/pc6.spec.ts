import { describe, expect, it } from '@jest/globals';
import { parsePc6Line, pc6Columns, type Pc6Columns } from './pc6.js';

describe('the CBS postcode-huisnummer file', () => {
  it('finds the columns whatever the edition year and order', () => {
    expect(pc6Columns('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025')).toEqual({
      postcode: 0,
      houseNumber: 1,
      municipality: 4,
      year: 2025,
    });
    expect(pc6Columns('\uFEFF"Gemeente2023";"PC6";"Huisnummer"\r')).toEqual({
      postcode: 1,
      houseNumber: 2,
      municipality: 0,
      year: 2023,
    });
  });

  it('names the columns a header lacks', () => {
    expect(pc6Columns('PC6,Huisnummer,Gemeente2025')).toEqual({
      problem: 'the header lacks the column(s) PC6, Huisnummer, GemeenteYYYY',
    });
    expect(pc6Columns('PC6;Huisnummer;Wijk2025')).toEqual({ problem: 'the header lacks the column(s) GemeenteYYYY' });
  });

  const columns = pc6Columns('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025') as Pc6Columns;

  it.each([
    ['1096AB;12;BU04370001;WK043700;0437', { postcode: '1096AB', houseNumber: 12, municipality: 'GM0437' }],
    ['"1096 ab";"7";"";"";"363"', { postcode: '1096AB', houseNumber: 7, municipality: 'GM0363' }],
    ['1011AB;99999;x;y;GM0363\r', { postcode: '1011AB', houseNumber: 99999, municipality: 'GM0363' }],
  ])('reads %j', (line, address) => {
    expect(parsePc6Line(line, columns)).toEqual(address);
  });

  it.each([
    ['0123AB;1;x;y;0363', 'PC6 is not a postcode'],
    ['1096A;1;x;y;0363', 'PC6 is not a postcode'],
    ['1096AB;0;x;y;0363', 'Huisnummer is not a house number'],
    ['1096AB;12a;x;y;0363', 'Huisnummer is not a house number'],
    ['1096AB;100000;x;y;0363', 'Huisnummer is not a house number'],
    ['1096AB;1;x;y;AMSTERDAM', 'the Gemeente column is not a municipality code'],
    ['1096AB;1', 'the Gemeente column is not a municipality code'],
  ])('refuses %j: %s', (line, problem) => {
    expect(parsePc6Line(line, columns)).toEqual({ problem });
  });
});
