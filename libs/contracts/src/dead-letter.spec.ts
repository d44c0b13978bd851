import { describe, expect, it } from '@jest/globals';
import {
  deadLetterKeyFromBase64,
  DeadLetterKeyError,
  generateDeadLetterKey,
  openDeadLetter,
  sealDeadLetter,
} from './index.js';

const key = deadLetterKeyFromBase64(generateDeadLetterKey());
const original = Buffer.from('surname=Zwaluwstaart;bsn=111222333', 'utf8');
const position = 'vroegsignalering.signals.v1/3/1042';

describe('sealed dead letters (AES-256-GCM)', () => {
  it('hides the original bytes and opens to exactly them with the key and the position', () => {
    const sealed = sealDeadLetter(key, original, position);
    expect(sealed.includes(Buffer.from('Zwaluwstaart'))).toBe(false);
    expect(sealed.includes(Buffer.from('111222333'))).toBe(false);
    expect(openDeadLetter([key], sealed, position)).toEqual(original);
    // A fresh IV each time: the same message never seals to the same bytes.
    expect(sealDeadLetter(key, original, position).equals(sealed)).toBe(false);
  });

  it('refuses another position, a flipped bit, a wrong key and something that is not sealed', () => {
    const sealed = sealDeadLetter(key, original, position);
    expect(() => openDeadLetter([key], sealed, 'vroegsignalering.signals.v1/3/1043')).toThrow(DeadLetterKeyError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(() => openDeadLetter([key], flipped, position)).toThrow(/altered/);
    const other = deadLetterKeyFromBase64(generateDeadLetterKey());
    expect(() => openDeadLetter([other], sealed, position)).toThrow(/not among the keys/);
    expect(() => openDeadLetter([key], original, position)).toThrow(/not a sealed dead letter/);
  });

  it('opens letters sealed before a rotation with the old key', () => {
    const old = deadLetterKeyFromBase64(generateDeadLetterKey());
    const sealed = sealDeadLetter(old, original, position);
    expect(openDeadLetter([key, old], sealed, position)).toEqual(original);
  });

  it('seals an empty or missing original', () => {
    expect(openDeadLetter([key], sealDeadLetter(key, null, position), position)).toEqual(Buffer.alloc(0));
  });

  it('accepts only 32 bytes of base64 as a key', () => {
    for (const bad of ['', 'short', Buffer.alloc(16).toString('base64'), `${generateDeadLetterKey()}x`]) {
      expect(() => deadLetterKeyFromBase64(bad)).toThrow(DeadLetterKeyError);
    }
    expect(deadLetterKeyFromBase64(`${generateDeadLetterKey()}\n`).id).toMatch(/^[0-9a-f]{16}$/);
  });
});
