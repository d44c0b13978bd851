import { describe, expect, it } from '@jest/globals';
import { SQL_TAGS, sqlTag, sqlTagOf, type SqlTag } from './sql-tags.js';

const tags = Object.values(SQL_TAGS);

describe('SQL tags', () => {
  it('are distinct lowercase names, safe inside a SQL comment', () => {
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('are read back from the start of a statement as pg_stat_activity shows it', () => {
    for (const tag of tags) {
      expect(sqlTag(tag)).toBe(`/* signaalhub:${tag} */ `);
      expect(sqlTagOf(`${sqlTag(tag)}SELECT 1`)).toBe(tag);
      expect(sqlTagOf(`\n  ${sqlTag(tag)}\n  WITH x AS (SELECT 1) SELECT * FROM x`)).toBe(tag);
    }
  });

  it('are not found in untagged statements, unknown tags or a tag later in the text', () => {
    expect(sqlTagOf('SELECT 1')).toBeUndefined();
    expect(sqlTagOf('/* signaalhub:no-such-tag */ SELECT 1')).toBeUndefined();
    expect(sqlTagOf('/* other:dedup */ SELECT 1')).toBeUndefined();
    expect(sqlTagOf(`SELECT 1 ${sqlTag('dedup' satisfies SqlTag)}`)).toBeUndefined();
    expect(sqlTagOf('')).toBeUndefined();
  });
});
