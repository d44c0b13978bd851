// `npm run bench -- signatures [--count N] [--batch B] [--runs R]`
//
// What signing and verifying one signal costs in each signing mode, single thread, no Kafka: per
// message (one Ed25519 signature per envelope) against batch mode (one Ed25519 signature over a
// Merkle root per batch of B envelopes, each envelope with its inclusion proof). Verification starts
// each run with no batch root verified, as the hub meets new batches; the async rows keep `--batch`
// verifications in flight on libuv's thread pool, as the hub's checkBatch does.
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  encodeSignal,
  generateSigningKeyPair,
  publicKeyFromPem,
  signEnvelopes,
  verifiedBatchRoots,
  verifyEnvelope,
  verifyEnvelopeAsync,
  type SignedContent,
  type SignedEnvelope,
  type SigningMode,
} from '@signaalhub/contracts';
import { int, median, textTable } from './lib/report.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { count: { type: 'string' }, batch: { type: 'string' }, runs: { type: 'string' } },
  });
  const count = Number(values.count ?? 20_000);
  const batch = Number(values.batch ?? 500);
  const runs = Number(values.runs ?? 3);
  if (![count, batch, runs].every((n) => Number.isSafeInteger(n) && n > 0)) {
    process.stderr.write('--count, --batch and --runs take positive integers\n');
    return 2;
  }
  const { privateKey, publicKeyPem } = generateSigningKeyPair();
  const publicKey = publicKeyFromPem(publicKeyPem);
  const contents: SignedContent[] = Array.from({ length: count }, (_, i) => ({
    creditorId: 'woningcorporatie-de-linde',
    keyId: 'linde-2026',
    payload: encodeSignal({ creditorSignalRef: `BENCH-${i}`, surname: 'Jansen', amountCents: BigInt(10_000 + i) }),
  }));
  const sign = (mode: SigningMode): SignedEnvelope[] => {
    const envelopes: SignedEnvelope[] = [];
    for (let i = 0; i < count; i += batch) {
      const chunk = contents.slice(i, i + batch);
      signEnvelopes(privateKey, chunk, { mode }).forEach((s, j) => envelopes.push({ ...chunk[j]!, ...s }));
    }
    return envelopes;
  };
  const time = async (run: () => number | Promise<number>): Promise<number> => {
    const seconds: number[] = [];
    for (let r = 0; r < runs; r++) {
      verifiedBatchRoots.clear();
      const started = process.hrtime.bigint();
      const valid = await run();
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (valid !== count) throw new Error(`only ${valid} of ${count} envelopes verified`);
    }
    return (median(seconds) / count) * 1e6;
  };
  const verifyAll = (envelopes: SignedEnvelope[]) => envelopes.filter((e) => verifyEnvelope(publicKey, e)).length;
  const verifyAllAsync = async (envelopes: SignedEnvelope[]) => {
    let valid = 0;
    for (let i = 0; i < envelopes.length; i += batch) {
      const verdicts = await Promise.all(envelopes.slice(i, i + batch).map((e) => verifyEnvelopeAsync(publicKey, e)));
      valid += verdicts.filter(Boolean).length;
    }
    return valid;
  };

  const rows: string[][] = [];
  for (const mode of ['message', 'batch'] as const) {
    let envelopes: SignedEnvelope[] = [];
    const signUs = await time(() => (envelopes = sign(mode)).length);
    const syncUs = await time(() => verifyAll(envelopes));
    const asyncUs = await time(() => verifyAllAsync(envelopes));
    const proof = envelopes.reduce((sum, e) => sum + (e.batch?.siblings.length ?? 0), 0) / count;
    rows.push([mode, signUs.toFixed(1), syncUs.toFixed(1), asyncUs.toFixed(1), proof.toFixed(1)]);
  }
  say(
    `${int(count)} signals, batches of ${int(batch)}, median of ${runs} runs, ${os.cpus().length} cores, ` +
      `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
  );
  say(
    textTable(
      ['mode', 'sign µs/signal', 'verify sync µs/signal', 'verify async µs/signal (wall)', 'proof length (siblings)'],
      rows,
    ),
  );
  return 0;
}
