// Sealing of dead letters. A refused message may hold a name, an address, a date of birth or a BSN
// someone should never have sent; the dead-letter topic keeps it for as long as the broker keeps
// messages, readable by everyone with read access to the topic. So the original bytes travel sealed
// with a hub key (AES-256-GCM): unreadable on the topic, still replayable by an operator who holds
// the key once the cause is fixed. Plain node:crypto, no dependency.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('SHDLQ1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 8;

export class DeadLetterKeyError extends Error {
  override readonly name = 'DeadLetterKeyError';
}

/** A 256-bit key and its id: the first 16 hex digits of its SHA-256, so the id needs no configuring. */
export interface DeadLetterKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** Reads a key as written in a key file: 32 random bytes, base64. */
export function deadLetterKeyFromBase64(text: string): DeadLetterKey {
  const secret = Buffer.from(text.trim(), 'base64');
  if (secret.length !== 32 || secret.toString('base64') !== text.trim()) {
    throw new DeadLetterKeyError('a dead-letter key is 32 random bytes, base64-encoded (openssl rand -base64 32)');
  }
  return {
    id: createHash('sha256')
      .update(secret)
      .digest('hex')
      .slice(0, KEY_ID_BYTES * 2),
    secret,
  };
}

/** A fresh key in its file form. */
export function generateDeadLetterKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * Seals the original message bytes. `position` (`topic/partition/offset` of the original) is
 * authenticated with them, so a sealed value cannot be moved to another message's headers unnoticed.
 * Layout: "SHDLQ1" | key id (8 bytes) | IV (12) | tag (16) | ciphertext.
 */
export function sealDeadLetter(key: DeadLetterKey, original: Uint8Array | null, position: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  cipher.setAAD(Buffer.from(position, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(original ?? new Uint8Array()), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from(key.id, 'hex'), iv, cipher.getAuthTag(), ciphertext]);
}

/** The header value that goes with a value sealed by `key`. */
export function deadLetterEncryptionHeader(key: DeadLetterKey): string {
  return `aes-256-gcm;key=${key.id}`;
}

/**
 * The original bytes of a sealed dead letter, for an operator's replay. Picks the key by its id, so
 * letters sealed before a key rotation open with the old key.
 * @throws {DeadLetterKeyError} when no key fits, or the value or its position was altered.
 */
export function openDeadLetter(keys: readonly DeadLetterKey[], sealed: Uint8Array, position: string): Buffer {
  const value = Buffer.from(sealed);
  const header = MAGIC.length + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;
  if (value.length < header || !value.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DeadLetterKeyError('not a sealed dead letter');
  }
  const id = value.subarray(MAGIC.length, MAGIC.length + KEY_ID_BYTES).toString('hex');
  const key = keys.find((k) => k.id === id);
  if (!key) throw new DeadLetterKeyError(`sealed with key ${id}, which is not among the keys given`);
  const ivAt = MAGIC.length + KEY_ID_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key.secret, value.subarray(ivAt, ivAt + IV_BYTES));
  decipher.setAAD(Buffer.from(position, 'utf8'));
  decipher.setAuthTag(value.subarray(ivAt + IV_BYTES, header));
  try {
    return Buffer.concat([decipher.update(value.subarray(header)), decipher.final()]);
  } catch (cause) {
    throw new DeadLetterKeyError('the dead letter or its source position was altered', { cause });
  }
}
