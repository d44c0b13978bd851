// Authenticity of signals: `SignalEnvelope.signature` is an Ed25519 signature over `payload`, the
// exact serialized Signal bytes. Creditors sign at the edge (connectors); the hub verifies against the
// public keys the operator registered for the creditor. Plain node:crypto, no dependency.
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** Length of every Ed25519 signature. */
export const ED25519_SIGNATURE_BYTES = 64;

/** A key that cannot be used for signals: not PEM, not a public key, or not Ed25519. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

// Exactly one SPKI block. Private keys and certificates are refused: createPublicKey would happily
// derive a public key from either, but a private key sent to the operator is a compromised key.
const PUBLIC_KEY_PEM = /^\s*-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

/**
 * Parses a creditor's public key (PEM, SPKI: `-----BEGIN PUBLIC KEY-----`).
 * @throws {SigningKeyError} for anything but one Ed25519 public key.
 */
export function publicKeyFromPem(pem: string): KeyObject {
  if (!PUBLIC_KEY_PEM.test(pem)) {
    throw new SigningKeyError(
      pem.includes('PRIVATE KEY')
        ? 'this is a private key: send only the public key, and treat this one as compromised'
        : 'expected one PEM public key (-----BEGIN PUBLIC KEY-----)',
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem.trim(), format: 'pem' });
  } catch (cause) {
    throw new SigningKeyError('the PEM block is not a readable public key', { cause });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  }
  return key;
}

/** The canonical PEM (SPKI) of a public key, for storing and comparing. */
export function publicKeyToPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** Signs the exact payload bytes (Ed25519, pure: no pre-hash). */
export function signPayload(privateKey: KeyObject, payload: Uint8Array): Uint8Array {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError('signing needs an Ed25519 private key');
  }
  return new Uint8Array(sign(null, payload, privateKey));
}

/**
 * True only for a valid Ed25519 signature of these exact bytes by this key. Never throws: an empty,
 * short or garbage signature, or a key of another type, is simply not valid.
 */
export function verifyPayload(publicKey: KeyObject, payload: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.asymmetricKeyType !== 'ed25519' || signature.byteLength !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return verify(null, payload, publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * {@link verifyPayload} on libuv's thread pool instead of the event loop: a batch of verifications
 * in flight at once runs on several cores while the event loop goes on. Never rejects.
 */
export function verifyPayloadAsync(publicKey: KeyObject, payload: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.asymmetricKeyType !== 'ed25519' || signature.byteLength !== ED25519_SIGNATURE_BYTES) {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    try {
      verify(null, payload, publicKey, signature, (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

/** A fresh key pair: the private key stays with the signer, the PEM goes to the hub operator. */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKeyToPem(publicKey) };
}
