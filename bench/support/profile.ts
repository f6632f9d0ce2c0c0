/**
 * Summarises a V8 .cpuprofile (written by `node --cpu-prof`): self time per function and per
 * coarse category (crypto, SQLite, WebSocket, Yjs, GC…), to say where a server's CPU goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly categories: Array<{ name: string; ms: number; share: number }>;
  readonly functions: Array<{ name: string; where: string; category: string; ms: number; share: number }>;
}

function category(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(idle)') return 'idle';
  if (fn === '(program)') return 'V8/native (program)';
  if (/libsodium|^wasm:/.test(url)) return 'libsodium (verify, hash)';
  if (/better-sqlite3/.test(url) || /sqliteRelayStore|store\//.test(url)) return 'SQLite store';
  if (/node_modules\/ws\//.test(url)) return 'ws (WebSocket framing)';
  if (/node_modules\/(yjs|lib0|y-protocols)\//.test(url)) return 'Yjs/lib0';
  if (/@hocuspocus/.test(url)) return 'Hocuspocus';
  if (/@hono|node_modules\/hono/.test(url)) return 'Hono';
  if (/\/crdt\/wire/.test(url)) return 'wire codec';
  if (/\/crypto\//.test(url)) return 'crypto wrappers';
  if (/\/server\//.test(url)) return 'relay code';
  if (/tsx|esbuild/.test(url)) return 'tsx loader';
  if (url.startsWith('node:')) return 'Node internals (JS)';
  if (url === '') return `native/builtin (${fn || 'anonymous'})`;
  return 'other';
}

/**
 * Self time per function and category. `windowUs` (CLOCK_MONOTONIC µs, as process.hrtime gives
 * in any process of the machine — V8 stamps profiles with the same clock) keeps only the
 * samples of the measured phase.
 */
export function summariseProfile(file: string, top = 20, windowUs?: readonly [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (windowUs && (at < windowUs[0] || at > windowUs[1])) return;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const fns = new Map<string, { name: string; where: string; category: string; ms: number }>();
  const cats = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const cat = category(url, functionName);
    if (cat === 'idle') continue;
    total += ms;
    cats.set(cat, (cats.get(cat) ?? 0) + ms);
    const short = url.replace(/^file:\/\/.*?\/(node_modules|server|crdt|crypto|bench)\//, '$1/');
    const key = `${functionName}@${short}:${lineNumber}`;
    const entry = fns.get(key) ?? { name: functionName || '(anonymous)', where: `${short}:${lineNumber + 1}`, category: cat, ms: 0 };
    entry.ms += ms;
    fns.set(key, entry);
  }
  return {
    totalMs: total,
    categories: [...cats].map(([name, ms]) => ({ name, ms, share: ms / total })).sort((a, b) => b.ms - a.ms),
    functions: [...fns.values()].map((f) => ({ ...f, share: f.ms / total })).sort((a, b) => b.ms - a.ms).slice(0, top),
  };
}

/**
 * The main thread's .cpuprofile in `dir` (the newest if several). Node writes one file per
 * thread, CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; tsx's loader hooks run on a
 * thread of their own, busy only at startup.
 */
export function latestProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.split('.')[4] === '0')
    .sort();
  const last = files[files.length - 1];
  return last === undefined ? undefined : join(dir, last);
}
