/**
 * Reads the real editing traces (tests/data/editing-traces, copied from ../shared/data; CC BY 4.0, see SOURCE.md
 * there) and turns a concurrent trace into per-transaction Yjs updates that respect its
 * `parents`: every transaction is applied to a branch that holds exactly its causal history,
 * so positions mean what the typist saw.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';

/** The copy inside the repository (tests/data, for a clean clone), then the shared data beside it. */
export const TRACES_DIRS = [
  new URL('../data/editing-traces/', import.meta.url),
  new URL('../../../shared/data/editing-traces/', import.meta.url),
];

type Patch = [number, number, string];
export interface ConcurrentTrace {
  endContent: string;
  numAgents: number;
  txns: Array<{ parents: number[]; agent: number; patches: Patch[] }>;
}
export interface SequentialTrace {
  startContent: string;
  endContent: string;
  txns: Array<{ patches: Patch[] }>;
}

/** Loads a gzipped JSON trace by file name; throws with the path when the data folder is missing. */
export function loadTrace<T>(file: string): T {
  const url = TRACES_DIRS.map((dir) => new URL(file, dir)).find((u) => existsSync(u));
  if (!url) throw new Error(`editing trace ${file} not found in ${TRACES_DIRS.map((d) => d.pathname).join(' or ')}`);
  return JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')) as T;
}

/** One transaction ready to replay: who types it, the Yjs update, and the state it needs first. */
export interface ReplayStep { agent: number; update: Uint8Array; needs: Map<number, number> }

/** Computes the Yjs update of every transaction of a concurrent trace (clientID = agent + 1). */
export function concurrentTraceToUpdates(trace: ConcurrentTrace, textName = 't'): ReplayStep[] {
  const updates: Uint8Array[] = [];
  const branches = Array.from({ length: trace.numAgents }, (_, agent) => {
    const doc = new Y.Doc();
    doc.clientID = agent + 1;
    return { doc, has: new Set<number>() };
  });
  const steps: ReplayStep[] = [];
  trace.txns.forEach((txn, index) => {
    const branch = branches[txn.agent];
    if (!branch) throw new Error(`agent ${txn.agent} out of range`);
    // bring the branch to exactly the causal history of the parents
    const missing: number[] = [];
    const stack = [...txn.parents];
    while (stack.length) {
      const p = stack.pop() as number;
      if (branch.has.has(p)) continue;
      branch.has.add(p);
      missing.push(p);
      stack.push(...(trace.txns[p]?.parents ?? []));
    }
    // in trace order, which is causal: out of order, Yjs would keep re-merging pending updates
    missing.sort((a, b) => a - b);
    for (const p of missing) Y.applyUpdate(branch.doc, updates[p] as Uint8Array);
    const needs = Y.decodeStateVector(Y.encodeStateVector(branch.doc));
    const text = branch.doc.getText(textName);
    // The transaction's own update, as a typist's device emits it (a diff against a state
    // vector would carry the whole delete set every time and make the replay quadratic).
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array): void => { update = u; };
    branch.doc.on('update', capture);
    branch.doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins) text.insert(pos, ins);
      }
    });
    branch.doc.off('update', capture);
    if (!update) throw new Error(`transaction ${index} changed nothing`);
    branch.has.add(index);
    updates.push(update);
    steps.push({ agent: txn.agent, update, needs });
  });
  return steps;
}

/** True when `doc` holds at least the state `needs` names. */
export function hasState(doc: Y.Doc, needs: Map<number, number>): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of needs) if ((sv.get(client) ?? 0) < clock) return false;
  return true;
}
