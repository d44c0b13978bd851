import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPair, publicKeyToPem } from '@signaalhub/contracts';

/** A development creditor's signing key: what a connector needs to sign, and what the hub registers. */
export interface CreditorSigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

/** The key id of a development creditor's first key (the one synthetic records name). */
export function devCreditorKeyId(creditorId: string): string {
  return `${creditorId}-dev-1`;
}

const CREDITOR_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Ed25519 keys of development creditors, one per creditor: created on first use in `dir` (an ignored
 * folder such as `.cache/dev-creditors`, never committed) and read back on every later use, so the
 * registry seed and the signing simulator agree across restarts. Safe when several processes start
 * at once: a key file is published with an atomic link, and a loser reads the winner's key.
 */
export function ensureCreditorKeys(dir: string, creditorIds: readonly string[]): Map<string, CreditorSigningKey> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = new Map<string, CreditorSigningKey>();
  for (const creditorId of creditorIds) {
    if (!CREDITOR_ID.test(creditorId)) throw new Error(`not a creditor id: ${JSON.stringify(creditorId)}`);
    const keyId = devCreditorKeyId(creditorId);
    const privateKeyFile = join(dir, `${keyId}.private.pem`);
    publishOnce(privateKeyFile, () =>
      generateSigningKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    const privateKey = createPrivateKey(readFileSync(privateKeyFile, 'utf8'));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${privateKeyFile} is not an Ed25519 key`);
    // Derived from the private key, so the two can never disagree; the file is for people to read.
    const publicKeyPem = publicKeyToPem(createPublicKey(privateKey));
    writeFileSync(join(dir, `${keyId}.public.pem`), publicKeyPem);
    keys.set(creditorId, { keyId, privateKey, publicKeyPem });
  }
  return keys;
}

function publishOnce(file: string, content: () => string): void {
  if (existsSync(file)) return;
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, content(), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}
