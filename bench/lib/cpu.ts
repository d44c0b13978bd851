// CPU seconds spent by this Node process, the embedded PostgreSQL (postmaster and its backends) and
// the embedded Kafka JVM, read from /proc: where a measurement's time goes on a small machine.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSample {
  node: number;
  postgres: number | undefined;
  kafka: number | undefined;
}

const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number.parseInt(out.stdout ?? '', 10);
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

interface Stat {
  ppid: number;
  /** utime + stime of the process itself, in seconds. */
  own: number;
  /** cutime + cstime: its exited and reaped children, in seconds. */
  children: number;
}

function readStat(pid: number | string): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces and parentheses) start at field 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(fields[i - 3]);
  return { ppid: n(4), own: (n(14) + n(15)) / CLOCK_TICKS, children: (n(16) + n(17)) / CLOCK_TICKS };
}

function postgresSeconds(postmaster: number): number | undefined {
  const main = readStat(postmaster);
  if (!main) return undefined;
  // Live backends are the postmaster's children; exited ones are already in its cutime/cstime.
  let total = main.own + main.children;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat?.ppid === postmaster) total += stat.own;
  }
  return total;
}

export function sampleCpu(pids: { postgresPid: number | undefined; kafkaPid: number | undefined }): CpuSample {
  const usage = process.cpuUsage();
  return {
    node: (usage.user + usage.system) / 1e6,
    postgres: pids.postgresPid === undefined ? undefined : postgresSeconds(pids.postgresPid),
    kafka: pids.kafkaPid === undefined ? undefined : readStat(pids.kafkaPid)?.own,
  };
}

export function cpuDelta(before: CpuSample, after: CpuSample): CpuSample {
  const d = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
  return {
    node: after.node - before.node,
    postgres: d(before.postgres, after.postgres),
    kafka: d(before.kafka, after.kafka),
  };
}
