import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deadLetterKeyFromBase64 } from '@signaalhub/contracts';
import type { HubConfig } from '../config/hub-config.js';

/** The deployment's key for data-subject pseudonyms (a Nest token and its value). */
export const PSEUDONYM_KEY = Symbol('PSEUDONYM_KEY');
export type PseudonymKey = Buffer;

/**
 * Derived from the deployment's dead-letter key, a secret every deployment already holds, with its
 * own label: the pseudonyms differ per deployment, and nobody without the key can test a guessed
 * name and address against a stored objection. Rotating the dead-letter key therefore means
 * recording the objections again.
 */
export function pseudonymKey(config: Pick<HubConfig, 'DLQ_ENCRYPTION_KEY_FILE'>): PseudonymKey {
  const { secret } = deadLetterKeyFromBase64(readFileSync(config.DLQ_ENCRYPTION_KEY_FILE, 'utf8'));
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'signaalhub data-subject pseudonym v1', 32));
}
