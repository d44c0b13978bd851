import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The key a creditor's signals are signed with now. */
export interface ActiveSigningKey {
  keyId: string;
  privateKey: KeyObject;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,127}$/i;
const KEY_FILE = /^(.+)\.pem$/;

/** A creditor has no usable signing key: the connector cannot sign for it. */
export class NoSigningKeyError extends Error {
  override readonly name = 'NoSigningKeyError';
}

/**
 * The one key loader of the edge (REST ingress and CSV inbox alike): the creditors' Ed25519 private
 * keys, read from `<dir>/<creditorId>/<keyId>.pem` (PKCS#8 PEM): files or mounted secrets, never a
 * database. It only reads: a missing key is an error, never a reason to make one (that is the
 * development simulator's job, `ensureCreditorKeys`). A creditor may hold several key ids at once,
 * which is how a key rotates without downtime: drop the new key file next to the old one (after the
 * hub operator registered its public key); the newest file (modification time, then the highest key
 * id as tie-break, since mounted secrets often share one time) signs from the next batch on, and the
 * old one is removed once nothing signed with it is in flight. The folder is read again on every
 * lookup (a directory listing and a stat per file, cheap next to a batch), and a key file is parsed
 * only when it changed. Key material is never logged nor put in an error message.
 */
export class CreditorSigningKeys {
  private readonly parsed = new Map<string, { mtimeMs: number; key: KeyObject }>();

  constructor(private readonly dir: string) {}

  /** The creditors that have a key folder: the ones this connector serves. */
  creditors(): string[] {
    try {
      return readdirSync(this.dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && ID.test(entry.name))
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  }

  /** The creditor's key ids, the signing one first; empty when it has none. */
  keyIds(creditorId: string): string[] {
    try {
      return this.candidates(creditorId).map((c) => c.keyId);
    } catch (error) {
      if (error instanceof NoSigningKeyError) return [];
      throw error;
    }
  }

  /** @throws {NoSigningKeyError} when the creditor has no readable Ed25519 key. */
  active(creditorId: string): ActiveSigningKey {
    const newest = this.candidates(creditorId)[0];
    if (!newest) throw new NoSigningKeyError(`no signing key for creditor ${creditorId}`);
    return { keyId: newest.keyId, privateKey: this.load(newest.file, newest.mtimeMs) };
  }

  private candidates(creditorId: string): { keyId: string; file: string; mtimeMs: number }[] {
    if (!ID.test(creditorId)) throw new NoSigningKeyError('not a creditor id');
    const folder = join(this.dir, creditorId);
    let candidates: { keyId: string; file: string; mtimeMs: number }[];
    try {
      candidates = readdirSync(folder).flatMap((name) => {
        const keyId = KEY_FILE.exec(name)?.[1];
        if (!keyId || !ID.test(keyId)) return [];
        const file = join(folder, name);
        const stat = statSync(file);
        return stat.isFile() ? [{ keyId, file, mtimeMs: stat.mtimeMs }] : [];
      });
    } catch {
      throw new NoSigningKeyError(`no signing key folder for creditor ${creditorId}`);
    }
    return candidates.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.keyId < b.keyId ? 1 : -1));
  }

  private load(file: string, mtimeMs: number): KeyObject {
    const cached = this.parsed.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.key;
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(file, 'utf8'));
    } catch {
      // Deliberately without the cause: a parser's message could quote the file's content.
      throw new NoSigningKeyError(`${file} is not a readable private key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new NoSigningKeyError(`${file} is not an Ed25519 key`);
    this.parsed.set(file, { mtimeMs, key });
    return key;
  }
}
