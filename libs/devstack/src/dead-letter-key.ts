import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDeadLetterKey } from '@signaalhub/contracts';

/**
 * The development key that seals dead letters: created on first use in the ignored cache folder,
 * never committed. Production mounts its own key file (DLQ_ENCRYPTION_KEY_FILE).
 */
export function ensureDevDeadLetterKey(dir: string): string {
  const file = join(dir, 'dlq.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${generateDeadLetterKey()}\n`, { mode: 0o600 });
  }
  return file;
}
