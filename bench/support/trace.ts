/**
 * The cold-load workload: a sequential editing trace (../shared/data/editing-traces, CC BY 4.0)
 * grouped into the envelopes our engine would send, and applied to a Y.Doc group by group.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type * as Y from 'yjs';

export const TRACES_DIR = new URL('../../../shared/data/editing-traces/', import.meta.url);

export type Patch = [number, number, string];
export interface SequentialTrace {
  readonly startContent: string;
  readonly endContent: string;
  readonly txns: ReadonlyArray<{ readonly time?: string; readonly timestamp?: string; readonly patches: readonly Patch[] }>;
}

export function loadSequentialTrace(file: string): SequentialTrace {
  const url = new URL(file, TRACES_DIR);
  if (!existsSync(url)) throw new Error(`editing trace not found: ${url.pathname} (the bench expects ../shared/data beside the repository)`);
  return JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')) as SequentialTrace;
}

/** The first `count` transactions of a trace, with the content they produce. */
export function truncateTrace(trace: SequentialTrace, count: number): SequentialTrace {
  if (count >= trace.txns.length) return trace;
  const txns = trace.txns.slice(0, count);
  const chars = [...trace.startContent];
  for (const txn of txns) for (const [pos, del, ins] of txn.patches) chars.splice(pos, del, ...ins);
  return { startContent: trace.startContent, endContent: chars.join(''), txns };
}

/** Timestamps of the trace's transactions in ms (NaN when absent). */
export function traceTimes(trace: SequentialTrace): number[] {
  return trace.txns.map((t) => Date.parse(t.time ?? t.timestamp ?? ''));
}

/**
 * Groups edits the way the engine's batcher does (crdt/sync/outgoingBatcher.ts), given when
 * each edit was typed: an edit goes out at once when the last envelope left at least
 * `intervalMs` ago (nothing in flight: loopback round trips are far below the interval);
 * edits typed within `intervalMs` of the last envelope wait and leave together when the
 * interval ends. Returns the group boundaries as [start, end) index pairs.
 */
export function groupLikeEngine(times: readonly number[], intervalMs: number): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let lastSeal = -Infinity;
  let i = 0;
  while (i < times.length) {
    const t = times[i] as number;
    if (t >= lastSeal + intervalMs) {
      // out at once, alone
      groups.push([i, i + 1]);
      lastSeal = t;
      i++;
      continue;
    }
    // waits for the interval to end, with everything typed meanwhile
    const sealAt = lastSeal + intervalMs;
    const start = i;
    while (i < times.length && (times[i] as number) < sealAt) i++;
    groups.push([start, i]);
    lastSeal = sealAt;
  }
  return groups;
}

/** Applies transactions [start, end) of the trace to `text` in one Yjs transaction. */
export function applyGroup(doc: Y.Doc, text: Y.Text, trace: SequentialTrace, start: number, end: number): void {
  doc.transact(() => {
    for (let i = start; i < end; i++) {
      for (const [pos, del, ins] of (trace.txns[i] as SequentialTrace['txns'][number]).patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    }
  });
}
