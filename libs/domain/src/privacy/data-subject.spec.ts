import { describe, expect, it } from '@jest/globals';
import { dataSubjectPseudonym, matchSurname, normaliseDataSubject, validateRectification } from './data-subject.js';

const person = { surname: 'Öztürk', birthDate: '1980-02-29', postcode: '1234 ab', houseNumber: 12 };
const key = Buffer.alloc(32, 7);

describe('normaliseDataSubject', () => {
  it('brings a person into the canonical form of the signal table', () => {
    expect(normaliseDataSubject(person)).toEqual({
      ok: true,
      value: { surnameKey: 'ozturk', birthDate: '1980-02-29', postcode: '1234AB', houseNumber: 12 },
    });
  });

  it.each([
    ['surname', { surname: '   ' }],
    ['surname', { surname: 'x'.repeat(201) }],
    ['birthDate', { birthDate: '1981-02-29' }],
    ['birthDate', { birthDate: '29-02-1980' }],
    ['postcode', { postcode: '0123AB' }],
    ['houseNumber', { houseNumber: 0 }],
    ['houseNumber', { houseNumber: 100_000 }],
  ])('names the bad field %s', (field, change) => {
    expect(normaliseDataSubject({ ...person, ...change })).toEqual({ ok: false, field });
  });
});

describe('matchSurname', () => {
  it('folds case, diacritics and whitespace', () => {
    expect(matchSurname('  Van  der BÉRG ')).toBe('van der berg');
  });
});

describe('dataSubjectPseudonym', () => {
  const canonical = (input: typeof person) => {
    const result = normaliseDataSubject(input);
    if (!result.ok) throw new Error(result.field);
    return result.value;
  };

  it('is equal for two spellings of one person and holds no clear value', () => {
    const a = dataSubjectPseudonym(canonical(person), key);
    const b = dataSubjectPseudonym(canonical({ ...person, surname: 'OZTURK', postcode: '1234AB' }), key);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs per person and per deployment key', () => {
    const a = dataSubjectPseudonym(canonical(person), key);
    expect(dataSubjectPseudonym(canonical({ ...person, houseNumber: 13 }), key)).not.toBe(a);
    expect(dataSubjectPseudonym(canonical({ ...person, birthDate: '1980-03-01' }), key)).not.toBe(a);
    expect(dataSubjectPseudonym(canonical(person), Buffer.alloc(32, 8))).not.toBe(a);
  });
});

describe('validateRectification', () => {
  it('folds whitespace and clears optional fields with an empty value', () => {
    expect(validateRectification({ surname: '  de  Vries ', phone: '', birthDate: '1970-01-31' })).toEqual({
      ok: true,
      value: { surname: 'de Vries', phone: null, birthDate: '1970-01-31' },
    });
  });

  it.each([
    ['surname', { surname: ' ' }],
    ['surnamePrefix', { surnamePrefix: 'x'.repeat(11) }],
    ['email', { email: 'a'.repeat(255) }],
    ['birthDate', { birthDate: '1970-02-30' }],
    ['changes', {}],
  ])('refuses a bad %s', (field, changes) => {
    expect(validateRectification(changes)).toEqual({ ok: false, field });
  });
});
