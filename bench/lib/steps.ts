// What each step of the hub's ingest pipeline costs, on the benchmark's own signed records. Every step
// is timed alone over the same sample; its inputs are the outputs of the steps before it, computed
// beforehand and untimed, so a row is the cost of that step and nothing else. Single thread, no Kafka.
import type { KeyObject } from 'node:crypto';
import {
  decodeEnvelope,
  decodeSignal,
  verifiedBatchRoots,
  verifyEnvelope,
  verifyEnvelopeAsync,
} from '@signaalhub/contracts';
import {
  evaluateSignal,
  minimiseSignal,
  routeToMunicipality,
  validateSignal,
  type NormalisedSignal,
} from '@signaalhub/domain';
import type { ConsumedMessage } from '@signaalhub/kafka';
import type { ReferenceData } from '@signaalhub/reference';
import { createDatabase, dropDatabase } from '@signaalhub/devstack';
import type { DataSource } from 'typeorm';
import {
  type AcceptedSignal,
  createDataSource,
  type RegistrySnapshot,
  runMigrations,
  SignalPipeline,
  SignalStore,
} from '../../apps/hub/src/index.js';
import { int, median, textTable } from './report.js';

/** Steps run over at most this many records: enough for stable medians, and the store stays quick. */
export const STEP_SAMPLE = 50_000;
/** Signatures in flight at once in the async variant, and signals per storeBatch call. */
const BATCH = 2_000;

interface Step {
  name: string;
  /**
   * `part`: one step inside SignalPipeline.check + decide (`whole`); `store`: after them; `variant`: another
   * way of doing a part, not added into any total.
   */
  kind: 'part' | 'whole' | 'store' | 'variant';
  /** Every item must pass (signature checks): otherwise the step measured the refusal path. */
  allPass?: boolean;
  /** Does the step once over the whole sample; returns how many items passed (keeps the results alive). */
  run: () => number | Promise<number>;
  /** Untimed, around every run: the store step gets a fresh database each time. */
  before?: () => Promise<void>;
  after?: () => Promise<void>;
}

export interface StepRow {
  name: string;
  /** µs per sample signal of each timed run; empty for the derived rows. */
  micros: number[];
  medianMicros: number;
  /** 1e6 / medianMicros: what this step alone allows on one thread; null for the remainder row. */
  perSecond: number | null;
  /** Of the pipeline total (8 + 9); null for a variant, which does not add up into it. */
  share: number | null;
  /** Items that passed the step in its last run (signatures valid, signals routed, …); null when derived. */
  passed: number | null;
}

export interface StepsReport {
  sample: number;
  runs: number;
  threadpool: string;
  rows: StepRow[];
}

export interface StepsInput {
  reference: Pick<ReferenceData, 'pc4' | 'mergers'>;
  registry: RegistrySnapshot;
  /** The records as the hub's consumer hands them over; the first STEP_SAMPLE are used. */
  messages: ConsumedMessage[];
  databaseServer: string;
  /** Unique per benchmark run: names the store step's databases. */
  id: string;
}

/** libuv reads UV_THREADPOOL_SIZE once, at the pool's first use; unset, it has 4 threads. */
const THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE ?? '4';
const THREADPOOL = process.env.UV_THREADPOOL_SIZE ? THREADPOOL_SIZE : `${THREADPOOL_SIZE} (default)`;

/** How many items pass: the step's results are used, so none of its work can be optimised away. */
function count<T>(items: readonly T[], pass: (item: T, index: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < items.length; i++) if (pass(items[i], i)) n++;
  return n;
}

/** The steps, in pipeline order, each with its inputs prepared. */
function pipelineSteps({ reference, registry, messages, databaseServer, id }: StepsInput): Step[] {
  const pipeline = new SignalPipeline(reference);
  const envelopes = messages.map((m) => decodeEnvelope(m.value as Buffer));
  const keys = envelopes.map((e, i): KeyObject => {
    const key = registry.key(e.creditorId, e.keyId, new Date(messages[i].timestamp));
    if (!key) throw new Error(`record ${i}: key ${e.creditorId}/${e.keyId} is not in the registry`);
    return key.publicKey;
  });
  const decoded = envelopes.map((e) => decodeSignal(e.payload));
  const valid = decoded.flatMap((d, i) => {
    const v = validateSignal(d);
    return v.ok ? [{ creditorId: envelopes[i].creditorId, signal: v.value }] : [];
  });
  const route = (signal: NormalisedSignal) =>
    routeToMunicipality({ postcode: signal.postcode, place: signal.place }, reference);
  const routed = valid.flatMap((v) => {
    const r = route(v.signal);
    return r.kind === 'routed' ? [{ ...v, municipality: r.municipality }] : [];
  });
  // As decide() applies them: the snapshot's agreement and policy, no earlier signal of the same arrears.
  const rules = (r: (typeof routed)[number]) =>
    evaluateSignal(r.signal, {
      agreement: registry.agreement(r.creditorId, r.municipality, r.signal.sector, r.signal.signalDate),
      policy: registry.policy(r.municipality),
      previous: null,
    });
  const refused = new Set(routed.filter((r) => rules(r).outcome === 'REJECTED').map((r) => r.signal));
  // Minimisation sees what the hub keeps: unrouted signals and routed ones the rules did not refuse.
  const kept = valid.filter((v) => !refused.has(v.signal)).map((v) => v.signal);
  // The whole pipeline as the bench's judgeRecords and the hub call it; its output feeds the store.
  const judge = (): AcceptedSignal[] => {
    // Every run starts as the hub meets new batches: no batch root verified yet (see signingModes).
    verifiedBatchRoots.clear();
    const accepted: AcceptedSignal[] = [];
    for (const m of messages) {
      const checked = pipeline.check(m, registry);
      if (!checked.ok) continue;
      const decided = pipeline.decide(m, checked.value, registry, null);
      if (decided.ok) accepted.push(decided.value);
    }
    return accepted;
  };
  const accepted = judge();

  let dataSource: DataSource | undefined;
  let database = '';
  let fresh = 0;
  // The hub's own async check: the signature covers a domain prefix, creditor and key id, not the payload alone.
  const verifyAsync = (i: number) => verifyEnvelopeAsync(keys[i], envelopes[i]);

  return [
    {
      kind: 'part',
      name: '1. decode envelope (decodeEnvelope)',
      run: () => count(messages, (m) => !!decodeEnvelope(m.value as Buffer)),
    },
    {
      kind: 'part',
      name: `2. verify signature (verifyEnvelope, sync, ${signingModes(envelopes)})`,
      allPass: true,
      run: () => {
        verifiedBatchRoots.clear();
        return count(envelopes, (e, i) => verifyEnvelope(keys[i], e));
      },
    },
    {
      kind: 'part',
      name: '3. decode signal (decodeSignal)',
      run: () => count(envelopes, (e) => !!decodeSignal(e.payload)),
    },
    { kind: 'part', name: '4. validate (validateSignal)', run: () => count(decoded, (d) => validateSignal(d).ok) },
    {
      kind: 'part',
      name: '5. route (routeToMunicipality)',
      run: () => count(valid, (v) => route(v.signal).kind === 'routed'),
    },
    {
      kind: 'part',
      name: '6. convenant rules (agreement, policy, evaluateSignal)',
      run: () => count(routed, (r) => rules(r).outcome !== 'REJECTED'),
    },
    { kind: 'part', name: '7. data minimisation (minimiseSignal)', run: () => count(kept, (s) => !!minimiseSignal(s)) },
    { kind: 'whole', name: '8. SignalPipeline.check + decide', run: () => judge().length },
    {
      kind: 'store',
      name: `9. store (SignalStore.storeBatch, ${int(BATCH)} per batch)`,
      // A fresh migrated database per run: into a used one every signal would be a known duplicate.
      before: async () => {
        database = `bench_steps_${id}_${++fresh}`;
        const url = await createDatabase(databaseServer, database);
        await runMigrations(url);
        dataSource = createDataSource(url);
        await dataSource.initialize();
      },
      run: async () => {
        const store = new SignalStore(dataSource as DataSource);
        let stored = 0;
        for (let i = 0; i < accepted.length; i += BATCH) {
          stored += (await store.storeBatch(accepted.slice(i, i + BATCH))).stored.length;
        }
        return stored;
      },
      after: async () => {
        await dataSource?.destroy();
        await dropDatabase(databaseServer, database);
      },
    },
    {
      // libuv's threadpool verifies while the event loop waits: wall clock per signal, not CPU time.
      kind: 'variant',
      name: `2b. verify signature async (${int(BATCH)} in flight, UV_THREADPOOL_SIZE=${THREADPOOL_SIZE})`,
      allPass: true,
      run: async () => {
        verifiedBatchRoots.clear();
        let verified = 0;
        for (let i = 0; i < envelopes.length; i += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, envelopes.length - i) }, (_, j) => verifyAsync(i + j));
          verified += count(await Promise.all(batch), Boolean);
        }
        return verified;
      },
    },
  ];
}

/**
 * Times every step `runs` times and takes the median. Round 0 warms each step up (JIT, the pool's
 * first connections) and is not counted; each round runs all steps in turn, so a drift of the machine
 * hits every step alike.
 */
export async function measureSteps(input: StepsInput, runs: number): Promise<StepsReport> {
  const messages = input.messages.slice(0, STEP_SAMPLE);
  const n = messages.length;
  const steps = pipelineSteps({ ...input, messages });
  const timed = steps.map((step) => ({ step, micros: [] as number[], passed: 0 }));
  for (let round = 0; round <= runs; round++) {
    for (const t of timed) {
      await t.step.before?.();
      try {
        const t0 = process.hrtime.bigint();
        t.passed = await t.step.run();
        const ns = process.hrtime.bigint() - t0;
        if (round > 0) t.micros.push(Number(ns) / 1_000 / n);
      } finally {
        await t.step.after?.();
      }
    }
  }
  for (const t of timed) {
    if (t.step.allPass && t.passed !== n) throw new Error(`${t.step.name}: only ${t.passed} of ${n} passed`);
  }

  const rows = timed.map((t): StepRow => ({
    name: t.step.name,
    micros: t.micros,
    medianMicros: median(t.micros),
    perSecond: 1e6 / median(t.micros),
    share: null,
    passed: t.passed,
  }));
  const of = (kind: Step['kind']) => rows.filter((_, i) => steps[i].kind === kind);
  const [whole] = of('whole');
  const [store] = of('store');
  const total = whole.medianMicros + store.medianMicros;
  const derived = (name: string, us: number, perSecond: number | null): StepRow => ({
    name,
    micros: [],
    medianMicros: us,
    perSecond,
    share: null,
    passed: null,
  });
  const separately = of('part').reduce((sum, r) => sum + r.medianMicros, 0);
  const withShare = (r: StepRow) => ({ ...r, share: r.medianMicros / total });
  return {
    sample: n,
    runs,
    threadpool: THREADPOOL,
    rows: [
      ...[
        ...of('part'),
        // What check + decide do besides the steps: registry look-ups, message key, sector, SHA-256, objects.
        derived('   rest of check + decide (8 − steps 1–7)', whole.medianMicros - separately, null),
        whole,
        store,
        derived('   pipeline total (8 + 9)', total, 1e6 / total),
      ].map(withShare),
      ...of('variant'),
    ],
  };
}

export function stepsTable(report: StepsReport): string {
  return textTable(
    ['step', 'median µs/signal', 'signals/s', 'share'],
    report.rows.map((r) => [
      r.name,
      r.medianMicros.toFixed(2),
      r.perSecond === null ? '—' : int(r.perSecond),
      r.share === null ? '—' : `${(r.share * 100).toFixed(1)}%`,
    ]),
  );
}

/** How to read the per-step table. */
export function stepsNotes(steps: StepsReport, cores: string | number): string[] {
  return [
    `each step timed alone over the same ${int(steps.sample)} signed records, its inputs made beforehand by the steps before it (untimed); ` +
      `µs/signal = the step's time / ${int(steps.sample)}, also for steps that see fewer (rules: routed signals only; minimisation: those the rules keep).`,
    `rest = 8 − (1…7): what check + decide do besides the steps (registry look-ups, message key, sector check, SHA-256 of the payload, result objects).`,
    `9: SignalStore.storeBatch of the accepted signals one batch after another (the hub splits each batch over 2 store lanes by household, side by side) into a fresh migrated database, ` +
      `no rejection feedback; wall clock including PostgreSQL's work.`,
    `share: of the pipeline total 8 + 9, the single-thread cost of one signal outside Kafka.`,
    `2b: wall clock of verifyEnvelopeAsync (node:crypto verify with a callback, over the signed bytes), ${int(BATCH)} calls in flight at a time on libuv's threadpool ` +
      `(UV_THREADPOOL_SIZE=${steps.threadpool}, ${cores} cores); ` +
      `the event loop is free meanwhile; compare with 2, which it would replace.`,
    `2, 2b and 8 on batch-mode records: each envelope's leaf hashed and its proof folded (SHA-256), each distinct batch root ` +
      `verified once per run (the verified-root cache is cleared before every run).`,
  ];
}

/**
 * Which signing modes the sample holds, e.g. `batch mode, 25 roots`. Batch-mode roots are verified
 * once each per timed run: the runs clear the verified-root cache first, since repeated runs over the
 * same sample would otherwise time cache hits the hub only gets within one produced batch.
 */
function signingModes(envelopes: ReadonlyArray<{ signature: Uint8Array; batch?: { root: Uint8Array } }>): string {
  const roots = new Set(envelopes.flatMap((e) => (e.batch ? [Buffer.from(e.batch.root).toString('hex')] : [])));
  const perMessage = envelopes.filter((e) => !e.batch).length;
  if (roots.size === 0) return 'per-message signatures';
  return perMessage === 0
    ? `batch mode, ${int(roots.size)} roots`
    : `mixed: ${int(roots.size)} roots, ${int(perMessage)} per message`;
}
