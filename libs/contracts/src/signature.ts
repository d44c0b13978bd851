// Authenticity of signals: `SignalEnvelope.signature` is an Ed25519 signature over the creditor id,
// the key id and `payload` (the exact serialized Signal bytes), behind a domain-separation prefix.
// Creditors sign at the edge (connectors); the hub verifies against the public keys the operator
// registered for the creditor. Plain node:crypto, no dependency.
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

/** What a signature covers: the payload and the creditor and key it is signed for. */
export interface SignedContent {
  readonly creditorId: string;
  readonly keyId: string;
  readonly payload: Uint8Array;
}

/**
 * Separates signal signatures from anything else a creditor's key might ever sign, and versions the
 * scheme: a new scheme gets a new prefix, so no signature of one scheme verifies under another.
 */
export const SIGNATURE_DOMAIN = 'signaalhub.v1.SignalEnvelope\n';

/** Creditor ids and key ids are short registry identifiers; longer ones are never signed or verified. */
export const MAX_SIGNED_ID_BYTES = 256;

const DOMAIN_BYTES = Buffer.from(SIGNATURE_DOMAIN, 'utf8');

/**
 * The exact bytes that are signed: the domain prefix, then the creditor id and the key id each with a
 * two-byte length in front (so no id can run into the next), then the payload. Binding the creditor
 * and the key means a payload signed by one creditor can never be replayed under another creditor's
 * id or key, and a signature is never valid for the same payload in another envelope.
 * Returns null when an id is too long to be a registered one.
 */
export function signedBytes(content: SignedContent): Buffer | null {
  const creditor = Buffer.from(content.creditorId, 'utf8');
  const key = Buffer.from(content.keyId, 'utf8');
  if (creditor.length > MAX_SIGNED_ID_BYTES || key.length > MAX_SIGNED_ID_BYTES) return null;
  const lengths = Buffer.alloc(4);
  lengths.writeUInt16BE(creditor.length, 0);
  lengths.writeUInt16BE(key.length, 2);
  return Buffer.concat([DOMAIN_BYTES, lengths.subarray(0, 2), creditor, lengths.subarray(2, 4), key, content.payload]);
}

/** Signs an envelope's content (Ed25519, pure: no pre-hash) over {@link signedBytes}. */
export function signEnvelope(privateKey: KeyObject, content: SignedContent): Uint8Array {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError('signing needs an Ed25519 private key');
  }
  const bytes = signedBytes(content);
  if (!bytes) throw new SigningKeyError(`creditor and key ids are at most ${MAX_SIGNED_ID_BYTES} bytes`);
  return new Uint8Array(sign(null, bytes, privateKey));
}

/**
 * True only for a valid Ed25519 signature by this key over exactly this creditor, key id and payload.
 * Never throws: an empty, short or garbage signature, or a key of another type, is simply not valid.
 */
export function verifyEnvelope(publicKey: KeyObject, envelope: SignedContent & { signature: Uint8Array }): boolean {
  const bytes = verifiable(publicKey, envelope);
  if (!bytes) return false;
  try {
    return verify(null, bytes, publicKey, envelope.signature);
  } catch {
    return false;
  }
}

/**
 * {@link verifyEnvelope} on libuv's thread pool instead of the event loop: a batch of verifications
 * in flight at once runs on several cores while the event loop goes on. Never rejects.
 */
export function verifyEnvelopeAsync(
  publicKey: KeyObject,
  envelope: SignedContent & { signature: Uint8Array },
): Promise<boolean> {
  const bytes = verifiable(publicKey, envelope);
  if (!bytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, bytes, publicKey, envelope.signature, (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

function verifiable(publicKey: KeyObject, envelope: SignedContent & { signature: Uint8Array }): Buffer | null {
  if (publicKey.asymmetricKeyType !== 'ed25519' || envelope.signature.byteLength !== ED25519_SIGNATURE_BYTES) {
    return null;
  }
  return signedBytes(envelope);
}

/** A fresh key pair: the private key stays with the signer, the PEM goes to the hub operator. */
export function generateSigningKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyPem: publicKeyToPem(publicKey) };
}
