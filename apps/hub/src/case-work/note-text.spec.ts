import { describe, expect, it } from '@jest/globals';
import { NOTE_MAX_CHARACTERS, noteTextOf } from './note-text.js';

describe('note text', () => {
  it('keeps a note with line breaks, trimmed', () => {
    expect(noteTextOf('  Huisbezoek 19:10.\n\tAfspraak gemaakt.  ')).toEqual({
      ok: true,
      text: 'Huisbezoek 19:10.\n\tAfspraak gemaakt.',
    });
  });

  it('counts characters, not UTF-16 units: 2000 emoji fit', () => {
    expect(noteTextOf('😀'.repeat(NOTE_MAX_CHARACTERS))).toMatchObject({ ok: true });
  });

  it.each<[string, string]>([
    ['empty', ''],
    ['only spaces', '   \n '],
    ['one character too long', 'a'.repeat(NOTE_MAX_CHARACTERS + 1)],
    ['a control character', 'fine\u0000then not'],
    ['an escape sequence', 'red\u001b[31m'],
  ])('refuses %s', (_name, raw) => {
    expect(noteTextOf(raw)).toMatchObject({ ok: false });
  });
});
