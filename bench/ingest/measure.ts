import { mkdirSync, writeFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { join } from 'node:path';
import { startProfile, summariseProfile, type ProfileSummary } from '../lib/profile.js';
import { int, secs } from '../lib/report.js';
import { copyRun, type CopyRun } from './copy-run.js';
import { hubRun, type HubRun } from './hub-run.js';
import { kafkaRun, type KafkaRun } from './kafka-run.js';
import { cpuText, REPO_ROOT, RESULTS_DIR, say } from './support.js';
import { report } from './report.js';
import type { PreparedWorld } from './world.js';

/** Runs the measurements in interleaved rounds (and the profiled run when asked), then reports them. */
export async function measure(
  world: PreparedWorld,
  machine: Record<string, string | number>,
  versions: Record<string, string>,
): Promise<number> {
  const { options } = world;
  const hubRuns: HubRun[] = [];
  const kafkaRuns: KafkaRun[] = [];
  const platformaticRuns: KafkaRun[] = [];
  const copyRuns: CopyRun[] = [];
  // Interleaved rounds, so a drift of the machine (page cache, thermal, a noisy neighbour) hits all three alike.
  const step = <T>(run: () => Promise<T>): Promise<T> => {
    if (world.infra.stopping) throw new Error('interrupted');
    return run();
  };
  const endToEnd = options.only.has('hub') || options.only.has('kafka') || options.only.has('copy');
  for (let round = 1; endToEnd && round <= options.runs; round++) {
    say(`round ${round}/${options.runs}`);
    if (options.only.has('hub')) {
      const hub = await step(() => hubRun(world, round));
      hubRuns.push(hub);
      say(
        `  hub end-to-end:     ${secs(hub.seconds)} s, ${int(world.expectedRows / hub.seconds)} signals/s ` +
          `(createHubApp ${secs(hub.bootSeconds)} s, first row at ${secs(hub.firstRowSeconds)} s, ` +
          `10–90% rate ${int(hub.steadyRate)}/s, lag 0 at ${secs(hub.lagZeroSeconds)} s)`,
      );
      say(`                      CPU s: ${cpuText(hub.cpu, hub.seconds)}`);
    }
    if (options.only.has('kafka')) {
      const kafka = await step(() => kafkaRun(world, round, 'kafkajs'));
      kafkaRuns.push(kafka);
      say(
        `  kafkajs consume:    ${secs(kafka.seconds)} s, ${int(options.count / kafka.seconds)} signals/s (${kafka.batches} batches); CPU s: ${cpuText(kafka.cpu, kafka.seconds)}`,
      );
      const platformatic = await step(() => kafkaRun(world, round, 'platformatic'));
      platformaticRuns.push(platformatic);
      say(
        `  platformatic consume: ${secs(platformatic.seconds)} s, ${int(options.count / platformatic.seconds)} signals/s (${platformatic.batches} batches); CPU s: ${cpuText(platformatic.cpu, platformatic.seconds)}`,
      );
    }
    if (options.only.has('copy')) {
      const copy = await step(() => copyRun(world, round));
      copyRuns.push(copy);
      say(
        `  PostgreSQL COPY:    ${secs(copy.seconds)} s, ${int(world.expectedRows / copy.seconds)} signals/s; CPU s: ${cpuText(copy.cpu, copy.seconds)}`,
      );
    }
  }

  let profile: ProfileSummary | undefined;
  let profileFile: string | undefined;
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[:]/g, '-');
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (options.profile) {
    say('profile run (extra, not measured; the profiler slows the hub down)');
    let stopProfile: (() => Promise<Profiler.Profile>) | undefined;
    let raw: Profiler.Profile | undefined;
    const run = await step(() =>
      hubRun(world, options.runs + 1, {
        beforeStart: async () => {
          stopProfile = await startProfile();
        },
        afterDone: async () => {
          raw = await stopProfile?.();
        },
      }),
    );
    if (!raw) throw new Error('the profiler returned no profile');
    profileFile = join(RESULTS_DIR, `ingest-${stamp}.cpuprofile`);
    writeFileSync(profileFile, JSON.stringify(raw));
    profile = summariseProfile(raw, REPO_ROOT);
    say(
      `  profiled hub run: ${secs(run.seconds)} s, ${int(world.expectedRows / run.seconds)} signals/s; CPU s: ${cpuText(run.cpu, run.seconds)}`,
    );
  }

  return report(world, machine, versions, {
    hubRuns,
    kafkaRuns,
    platformaticRuns,
    copyRuns,
    stamp,
    profile,
    profileFile,
  });
}
