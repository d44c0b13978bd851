// An in-process CPU profile of the main JS thread (node:inspector), summarised by area and by function.
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { int, textTable } from './report.js';

export async function startProfile(): Promise<() => Promise<Profiler.Profile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await session.post('Profiler.disable');
    session.disconnect();
    return profile;
  };
}

/** Where a frame's code lives: a package, a workspace folder, Node internals or a V8 pseudo-frame. */
function areaOf(url: string, functionName: string, repoRoot: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith(repoRoot)) {
    const rel = path.slice(repoRoot.length).split('/');
    // apps/hub/src/ingest/x.ts → apps/hub/src/ingest; libs/contracts/src/gen/… → libs/contracts
    if (rel[0] === 'apps') return rel.slice(0, 4).join('/');
    if (rel[0] === 'libs') return rel.slice(0, 2).join('/');
    return rel.slice(0, 1).join('/');
  }
  return path;
}

export interface ProfileSummary {
  totalMs: number;
  areas: Array<{ area: string; ms: number; share: number }>;
  functions: Array<{ name: string; where: string; ms: number; share: number }>;
}

export function summariseProfile(profile: Profiler.Profile, repoRoot: string, top = 20): ProfileSummary {
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; ms: number }>();
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url } = node.callFrame;
    const area = areaOf(url, functionName, repoRoot);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
    const name = functionName || '(anonymous)';
    const file = url
      ? url
          .replace(/^file:\/\//, '')
          .replace(repoRoot, '')
          .replace(/^.*\/node_modules\//, '')
      : '';
    // V8 reports lines of the SWC output, not of the .ts source, so only the file is shown.
    const where = file;
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  return {
    totalMs,
    areas: [...byArea.entries()]
      .map(([area, ms]) => ({ area, ms, share: ms / totalMs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
    functions: [...byFunction.values()]
      .map((f) => ({ ...f, share: f.ms / totalMs }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top),
  };
}

/** A profile summary as text: the title, then time by area and by function. */
export function profileTables(profile: ProfileSummary, title: string): string {
  const areas = textTable(
    ['area', 'self ms', 'share'],
    profile.areas.slice(0, 14).map((a) => [a.area, int(a.ms), `${(a.share * 100).toFixed(1)}%`]),
  );
  const functions = textTable(
    ['function', 'where', 'self ms', 'share'],
    profile.functions.map((f) => [f.name, f.where, int(f.ms), `${(f.share * 100).toFixed(1)}%`]),
  );
  return `${title}\n${areas}\n\n${functions}`;
}
