/** A note is a working note, not a file: long enough for a visit report, short enough to stay one. */
export const NOTE_MAX_CHARACTERS = 2000;

export type NoteTextResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * The note as stored: trimmed, 1 to NOTE_MAX_CHARACTERS characters (Unicode code points, as
 * PostgreSQL counts them), line breaks and tabs allowed but no other control characters (they could
 * forge lines in an export).
 */
export function noteTextOf(raw: string): NoteTextResult {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: 'a note cannot be empty' };
  if ([...text].length > NOTE_MAX_CHARACTERS) {
    return { ok: false, message: `a note has at most ${NOTE_MAX_CHARACTERS} characters` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) {
    return { ok: false, message: 'a note may not contain control characters' };
  }
  return { ok: true, text };
}
