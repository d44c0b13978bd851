import type { KafkaBus, Producer } from '@signaalhub/kafka';
import { loadReferenceData, type ReferenceData } from '@signaalhub/reference';
import type { CreditorSigningKey } from './creditor-keys.js';
import { generateSignals, signedKafkaBatch, toKafkaRecord, type SyntheticSignal } from './synthetic-signals.js';

/**
 * The synthetic-signal simulator: realistic, seedable signals of made-up people, produced to the
 * signals topic the way a creditor's connector would. Free of Nest, so the CLI, the connectors app
 * and benchmarks share it.
 */
export interface SimulatorOptions {
  count: number;
  /** GM codes; the signals are spread over postcode areas that lie in one of them only. */
  municipalities: string[];
  /** Same seed, same signals (and the same creditor references, so a rerun updates rather than adds). */
  seed?: number;
  /** Households to spread the signals over; fewer households give more multi-creditor cases. */
  households?: number;
}

export interface PublishHooks {
  /** A producer to reuse; without one, a producer is created for this call and disconnected after. */
  producer?: Producer;
  /**
   * Each synthetic creditor's signing key: records are then signed as a creditor's connector signs
   * them, and pass the hub's authenticity checks. Without, they go unsigned (and the hub refuses them).
   */
  signers?: ReadonlyMap<string, CreditorSigningKey>;
  /** Called after Kafka acknowledged each chunk, so a failure halfway still counts what did land. */
  onChunk?: (signals: readonly SyntheticSignal[], seconds: number) => void;
}

/** Options that cannot produce signals; the caller's mistake, not an infrastructure failure. */
export class SimulatorInputError extends Error {
  override readonly name = 'SimulatorInputError';
}

/** One produce request per chunk: large enough for throughput, small enough to stay under the broker's 1 MB request limit. */
export const CHUNK_SIZE = 500;

/** Partition count of a topic the simulator has to create; the hub creates its topics with the same. */
const PARTITIONS = 4;

/**
 * Problems with the requested municipalities, as messages. A municipality is usable only when at
 * least one postcode area lies in it alone; otherwise no synthetic address would route there.
 */
export function municipalityProblems(
  reference: Pick<ReferenceData, 'version' | 'municipalities' | 'pc4'>,
  codes: readonly string[],
): string[] {
  const routable = new Set<string>();
  for (const rows of reference.pc4.values()) if (rows.length === 1) routable.add(rows[0].gmCode);
  return codes.flatMap((code) => {
    if (!reference.municipalities.has(code))
      return [`${code} is not a municipality in reference year ${reference.version}`];
    if (!routable.has(code)) return [`${code} has no postcode area of its own to place synthetic addresses in`];
    return [];
  });
}

/**
 * Throws {@link SimulatorInputError} for options that cannot produce signals; returns the reference
 * data they were checked against. Separate so callers can refuse bad input before touching Kafka.
 */
export function checkSimulatorOptions(options: SimulatorOptions): ReferenceData {
  if (!Number.isInteger(options.count) || options.count < 1) {
    throw new SimulatorInputError('count must be a positive integer');
  }
  if (options.municipalities.length === 0) throw new SimulatorInputError('name at least one municipality');
  const reference = loadReferenceData();
  const problems = municipalityProblems(reference, options.municipalities);
  if (problems.length > 0) throw new SimulatorInputError(problems.join('; '));
  return reference;
}

export async function publishSyntheticSignals(
  bus: KafkaBus,
  target: { topic: string; retentionMs: number },
  options: SimulatorOptions,
  hooks: PublishHooks = {},
): Promise<{ published: number }> {
  const reference = checkSimulatorOptions(options);
  const signals = generateSignals(reference, options);
  // The bus's producers never create topics implicitly (a typo would silently make a new one), and
  // the simulator may well run before any hub has created the signals topic.
  const { topic, retentionMs } = target;
  await bus.ensureTopics([{ topic, partitions: PARTITIONS, retentionMs }]);
  const producer = hooks.producer ?? (await bus.createProducer());
  // Each produced chunk is one signed batch per creditor, as a connector signs what it produces.
  const toRecords = hooks.signers
    ? signedKafkaBatch(hooks.signers)
    : (chunk: readonly SyntheticSignal[]) => chunk.map((s) => toKafkaRecord(s));
  let published = 0;
  try {
    for (let i = 0; i < signals.length; i += CHUNK_SIZE) {
      const chunk = signals.slice(i, i + CHUNK_SIZE);
      const started = process.hrtime.bigint();
      await producer.send(topic, toRecords(chunk));
      published += chunk.length;
      hooks.onChunk?.(chunk, Number(process.hrtime.bigint() - started) / 1e9);
    }
  } finally {
    if (!hooks.producer) await producer.disconnect();
  }
  return { published };
}
