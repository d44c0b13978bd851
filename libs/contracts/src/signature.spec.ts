import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import {
  ED25519_SIGNATURE_BYTES,
  encodeSignal,
  generateSigningKeyPair,
  publicKeyFromPem,
  SigningKeyError,
  MAX_SIGNED_ID_BYTES,
  signEnvelope,
  verifyEnvelope,
  verifyEnvelopeAsync,
} from './index.js';
import { sign } from 'node:crypto';

const payload = encodeSignal({ creditorSignalRef: 'HUUR-1', surname: 'Jansen', amountCents: 12_345n });
const content = { creditorId: 'woonstad-rotterdam', keyId: 'k-2026', payload };
const signPayload = (key: Parameters<typeof signEnvelope>[0], bytes: Uint8Array) =>
  signEnvelope(key, { ...content, payload: bytes });
const verifyPayload = (key: Parameters<typeof verifyEnvelope>[0], bytes: Uint8Array, signature: Uint8Array) =>
  verifyEnvelope(key, { ...content, payload: bytes, signature });
const verifyPayloadAsync = (key: Parameters<typeof verifyEnvelope>[0], bytes: Uint8Array, signature: Uint8Array) =>
  verifyEnvelopeAsync(key, { ...content, payload: bytes, signature });

describe('Ed25519 signatures over the envelope (creditor, key id, payload)', () => {
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

  it('binds the creditor and the key: the same payload under another creditor or key id does not verify', () => {
    const signature = signEnvelope(creditor.privateKey, content);
    expect(verifyEnvelope(publicKey, { ...content, signature })).toBe(true);
    expect(verifyEnvelope(publicKey, { ...content, creditorId: 'other-creditor', signature })).toBe(false);
    expect(verifyEnvelope(publicKey, { ...content, keyId: 'k-2025', signature })).toBe(false);
    // A signature over the bare payload (no domain, no ids) is not a signal signature.
    const bare = new Uint8Array(sign(null, payload, creditor.privateKey));
    expect(verifyEnvelope(publicKey, { ...content, signature: bare })).toBe(false);
  });

  it('keeps the ids apart: moving bytes between creditor id and key id breaks the signature', () => {
    const signature = signEnvelope(creditor.privateKey, { creditorId: 'ab', keyId: 'c', payload });
    expect(verifyEnvelope(publicKey, { creditorId: 'a', keyId: 'bc', payload, signature })).toBe(false);
    expect(verifyEnvelope(publicKey, { creditorId: 'ab', keyId: 'c', payload, signature })).toBe(true);
  });

  it('neither signs nor verifies ids longer than a registry id can be', () => {
    const long = 'x'.repeat(MAX_SIGNED_ID_BYTES + 1);
    expect(() => signEnvelope(creditor.privateKey, { ...content, creditorId: long })).toThrow(SigningKeyError);
    const signature = signEnvelope(creditor.privateKey, content);
    expect(verifyEnvelope(publicKey, { ...content, keyId: long, signature })).toBe(false);
  });
});
