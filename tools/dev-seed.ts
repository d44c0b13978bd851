// Development only: registers the creditors the connectors' simulator signs as, so the synthetic
// signals that `npm start`, the end-to-end tests and the benchmarks publish pass the hub's
// authenticity checks. It joins both apps, which only tools may do, through the hub's registry service.
import { loadReferenceData } from '@signaalhub/reference';
import { type CreditorRegistryService, type Principal, type RegistrySeed } from '../apps/hub/src/index.js';
import { ensureCreditorKeys, SYNTHETIC_CREDITORS, type CreditorSigningKey } from '../apps/connectors/src/index.js';

/** The convenant took effect on 1 January 2021 (Wgs); development agreements run from then, open-ended. */
export const DEV_AGREEMENTS_FROM = '2021-01-01';

const SEED_ACTOR: Principal = { subject: 'dev-seed', roles: ['operator'], municipality: null, creditor: null };

/**
 * Registers the synthetic creditors with their development keys (created in `keysDir` on first use)
 * and agreements with every municipality for their sectors. Idempotent: what exists is left as it is.
 * Returns the signing keys, for whoever publishes the synthetic signals.
 */
export async function seedDevelopmentCreditors(
  registry: CreditorRegistryService,
  keysDir: string,
): Promise<Map<string, CreditorSigningKey>> {
  const keys = ensureCreditorKeys(
    keysDir,
    SYNTHETIC_CREDITORS.map((c) => c.id),
  );
  const municipalities = [...loadReferenceData().municipalities.keys()];
  const seeds: RegistrySeed[] = SYNTHETIC_CREDITORS.map((creditor, index) => {
    const key = keys.get(creditor.id) as CreditorSigningKey;
    return {
      id: creditor.id,
      name: displayName(creditor.id),
      // Synthetic, recognisable numbers (9000 0001 …); not real KvK registrations.
      kvkNumber: String(90_000_001 + index),
      sectors: [...creditor.sectors],
      keys: [{ keyId: key.keyId, publicKeyPem: key.publicKeyPem }],
      agreements: municipalities.flatMap((municipality) =>
        creditor.sectors.map((sector) => ({ municipality, sector, validFrom: DEV_AGREEMENTS_FROM, validTo: null })),
      ),
    };
  });
  await registry.ensureRegistered(SEED_ACTOR, seeds);
  return keys;
}

/** `woningcorporatie-de-linde` → `Woningcorporatie De Linde`; `cak` → `CAK`. */
function displayName(id: string): string {
  if (id.length <= 3) return id.toUpperCase();
  return id
    .split('-')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
