import { describe, expect, it } from '@jest/globals';
import { dataSubjectPseudonym, normaliseDataSubject } from '@signaalhub/domain';
import { ObjectionScreen, type ScreenedSignal } from './objection-screen.js';
import type { ObjectionRepository } from './objection.repository.js';

const key = Buffer.alloc(32, 3);
const anna = { surname: 'Jansen', birthDate: '1971-03-04', postcode: '3011AB', houseNumber: 12 };
const pseudonymOf = (person: typeof anna) => {
  const subject = normaliseDataSubject(person);
  if (!subject.ok) throw new Error(subject.field);
  return dataSubjectPseudonym(subject.value, key);
};

/** A repository holding Anna's objection in GM0599, counting its look-ups. */
function screen() {
  const calls: string[][] = [];
  const objections = {
    municipalitiesOf: async (pseudonyms: string[]) => {
      calls.push(pseudonyms);
      const held = new Map([[pseudonymOf(anna), new Set(['GM0599'])]]);
      return new Map([...held].filter(([p]) => pseudonyms.includes(p)));
    },
  } as unknown as ObjectionRepository;
  return { screen: new ObjectionScreen(objections, key), calls };
}

const signal = (person: Partial<typeof anna>, municipality: string | null): ScreenedSignal => ({
  signal: { ...anna, ...person },
  municipality,
});

describe('ObjectionScreen', () => {
  it('stops the person who objected in that municipality only, in one look-up per batch', async () => {
    const { screen: s, calls } = screen();
    const verdicts = await s.objected([
      signal({}, 'GM0599'),
      signal({ surname: ' JANSEN ', postcode: '3011AB' }, 'GM0599'),
      signal({}, 'GM0363'),
      signal({ birthDate: '1971-03-05' }, 'GM0599'),
      signal({ surname: 'Bakker' }, 'GM0599'),
    ]);
    expect(verdicts).toEqual([true, true, false, false, false]);
    expect(calls).toHaveLength(1);
  });

  it('stops an unrouted signal of a person who objected anywhere: nobody could honour it yet', async () => {
    const { screen: s } = screen();
    expect(await s.objected([signal({}, null), signal({ houseNumber: 13 }, null)])).toEqual([true, false]);
  });

  it('cannot match a signal without a birth date', async () => {
    const { screen: s, calls } = screen();
    expect(await s.objected([signal({ birthDate: '' }, 'GM0599')])).toEqual([false]);
    expect(calls).toEqual([[]]);
  });

  it('answers null for a signal whose person keys throw, so it is refused rather than stored unscreened', async () => {
    const { screen: s } = screen();
    const broken: ScreenedSignal = {
      signal: {
        ...anna,
        get surname(): string {
          throw new TypeError('unexpected');
        },
      },
      municipality: 'GM0599',
    };
    expect(await s.objected([broken, signal({}, 'GM0599')])).toEqual([null, true]);
  });
});
