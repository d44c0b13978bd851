import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  ED25519_SIGNATURE_BYTES,
  encodeSignal,
  generateSigningKeyPair,
  publicKeyFromPem,
  SigningKeyError,
  signPayload,
  verifyPayload,
  verifyPayloadAsync,
} from './index.js';

const payload = encodeSignal({ creditorSignalRef: 'HUUR-1', surname: 'Jansen', amountCents: 12_345n });

describe('Ed25519 signatures over the envelope payload', () => {
  const creditor = generateSigningKeyPair();
  const publicKey = publicKeyFromPem(creditor.publicKeyPem);

  it('verifies what the key signed, byte for byte', () => {
    const signature = signPayload(creditor.privateKey, payload);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.byteLength).toBe(ED25519_SIGNATURE_BYTES);
    expect(verifyPayload(publicKey, payload, signature)).toBe(true);
    // Ed25519 is deterministic: the same bytes give the same signature.
    expect(signPayload(creditor.privateKey, payload)).toEqual(signature);
  });

  it('refuses a changed payload, a changed signature and another creditor’s key', () => {
    const signature = signPayload(creditor.privateKey, payload);
    const tampered = Uint8Array.from(payload);
    tampered[tampered.length - 1] ^= 1;
    expect(verifyPayload(publicKey, tampered, signature)).toBe(false);
    const flipped = Uint8Array.from(signature);
    flipped[0] ^= 1;
    expect(verifyPayload(publicKey, payload, flipped)).toBe(false);
    const other = publicKeyFromPem(generateSigningKeyPair().publicKeyPem);
    expect(verifyPayload(other, payload, signature)).toBe(false);
  });

  it('answers false, never throws, for empty, short, long or garbage signatures', () => {
    for (const signature of [
      new Uint8Array(),
      new Uint8Array(10),
      new Uint8Array(ED25519_SIGNATURE_BYTES),
      new Uint8Array(ED25519_SIGNATURE_BYTES).fill(0xff),
      new Uint8Array(ED25519_SIGNATURE_BYTES + 1),
    ]) {
      expect(verifyPayload(publicKey, payload, signature)).toBe(false);
    }
    expect(verifyPayload(publicKey, new Uint8Array(), new Uint8Array(ED25519_SIGNATURE_BYTES))).toBe(false);
  });

  it('gives the same verdicts on the thread pool as on the event loop', async () => {
    const signature = signPayload(creditor.privateKey, payload);
    const flipped = Uint8Array.from(signature);
    flipped[5] ^= 1;
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    await expect(
      Promise.all([
        verifyPayloadAsync(publicKey, payload, signature),
        verifyPayloadAsync(publicKey, payload, flipped),
        verifyPayloadAsync(publicKey, payload, new Uint8Array(3)),
        verifyPayloadAsync(ec, payload, signature),
      ]),
    ).resolves.toEqual([true, false, false, false]);
  });

  it('answers false for a key of another type instead of throwing', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(verifyPayload(ec, payload, new Uint8Array(ED25519_SIGNATURE_BYTES))).toBe(false);
  });

  it('reads the PEM it wrote back to an equal key', () => {
    expect(publicKey.asymmetricKeyType).toBe('ed25519');
    expect(publicKey.type).toBe('public');
    expect(creditor.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(publicKeyFromPem(`\n  ${creditor.publicKeyPem}\n`).equals(publicKey)).toBe(true);
  });

  it('rejects keys that are not one Ed25519 public key', () => {
    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const privatePem = creditor.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: Array<[string, RegExp]> = [
      [ecPem, /Ed25519.*got ec/],
      [rsaPem, /Ed25519.*got rsa/],
      [privatePem, /private key/],
      ['', /PEM public key/],
      ['not a key', /PEM public key/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /not a readable public key/],
      [creditor.publicKeyPem + creditor.publicKeyPem, /PEM public key/],
    ];
    for (const [pem, message] of cases) {
      expect(() => publicKeyFromPem(pem)).toThrow(SigningKeyError);
      expect(() => publicKeyFromPem(pem)).toThrow(message);
    }
  });

  it('refuses to sign with anything but an Ed25519 private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(() => signPayload(ec, payload)).toThrow(SigningKeyError);
    expect(() => signPayload(publicKey, payload)).toThrow(SigningKeyError);
    const reread = createPrivateKey(creditor.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(verifyPayload(publicKey, payload, signPayload(reread, payload))).toBe(true);
  });
});
