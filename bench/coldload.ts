/**
 * Cold load: a document made by replaying a real editing trace, then the time until a
 * brand-new client (empty local store, new Y.Doc) holds `endContent` and reports synced/live.
 *
 * History is written once per server with that server's own client. Cartella: a real RoomSync
 * writer over WebSocket with the production snapshotEvery (300), one envelope per group,
 * paced by the relay's acks (batchIntervalMs 0, so the bench does not sit out the 30 ms that
 * separated the keystrokes of a typist). The relay runs with its envelope rate limit lifted
 * while the history is written, then is restarted on the same SQLite file with the default
 * configuration for the loads. Baselines: a provider applying the same groups, each as one
 * transaction; their writer stays connected (Hocuspocus drops an unpersisted document when
 * its last client leaves; y-websocket keeps it anyway).
 */
import { generateDeviceIdentity } from '../crypto';
import {
  makeClient, newCounter, newRoom, tallyCartellaFrames, waitFor, type BenchClient, type BenchRoom, type CartellaTally,
} from './support/clients';
import { startServer, waitForQuiet, type ServerKind, type ServerProcess } from './support/processes';
import { median, sleep, yieldToIo } from './support/stats';
import { applyGroup, groupLikeEngine, loadSequentialTrace, traceTimes, truncateTrace, type SequentialTrace } from './support/trace';

export interface ColdLoadConfig {
  readonly kinds: readonly ServerKind[];
  readonly runs: number;
  readonly traceFile: string;
  /** Only the first N transactions (quick runs). */
  readonly txnLimit?: number;
  /** 'typist': keystrokes `typingMs` apart; 'trace': the trace's own timestamps. */
  readonly grouping: 'typist' | 'trace';
  readonly typingMs: number;
  readonly batchIntervalMs: number;
  readonly log: (line: string) => void;
}

export interface LoadSample {
  readonly ms: number;
  readonly bytesIn: number;
  readonly framesIn: number;
  readonly relayCpuMs: number;
  readonly tally?: CartellaTally;
}

export interface ColdLoadServerResult {
  readonly kind: ServerKind;
  readonly writeMs: number;
  /** Messages the writer sent (Cartella: push frames). */
  readonly writerFrames: number;
  readonly writerBytes: number;
  /** Cartella: updates stored by the relay (= groups). */
  readonly storedUpdates?: number;
  readonly relayRssAfterWriteBytes: number;
  /** Relay CPU while the history was written. */
  readonly writeRelayCpuMs: number;
  /** First load after writing (and, for Cartella, after the relay restart). */
  readonly first: LoadSample;
  readonly samples: readonly LoadSample[];
  readonly medianMs: number;
  readonly medianBytes: number;
  readonly medianRelayCpuMs: number;
}

export interface ColdLoadResult {
  readonly traceFile: string;
  readonly txns: number;
  readonly endLength: number;
  readonly grouping: 'typist' | 'trace';
  readonly typingMs: number;
  readonly batchIntervalMs: number;
  readonly groups: number;
  /** Groups the trace's own timestamps would give (reported; see notes). */
  readonly traceTimestampGroups: number;
  readonly traceSpanMs: number;
  readonly servers: ColdLoadServerResult[];
}

const LOAD_TIMEOUT_MS = 180_000;

interface Prepared {
  readonly kind: ServerKind;
  server: ServerProcess;
  readonly room: BenchRoom;
  readonly writer?: BenchClient;
  readonly writeMs: number;
  readonly writerFrames: number;
  readonly writerBytes: number;
  readonly storedUpdates?: number;
  readonly relayRssAfterWriteBytes: number;
  readonly writeRelayCpuMs: number;
}

export async function coldLoadBench(config: ColdLoadConfig): Promise<ColdLoadResult> {
  const { log } = config;
  const full = loadSequentialTrace(config.traceFile);
  const trace = config.txnLimit ? truncateTrace(full, config.txnLimit) : full;
  const times = traceTimes(trace);
  const traceGroups = groupLikeEngine(times, config.batchIntervalMs);
  const typed = trace.txns.map((_, i) => i * config.typingMs);
  const groups = config.grouping === 'trace' ? traceGroups : groupLikeEngine(typed, config.batchIntervalMs);
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  log(`cold load: ${trace.txns.length} txns, ${groups.length} groups (${config.grouping}); the trace's timestamps span ${span} ms and would give ${traceGroups.length} groups`);

  const prepared: Prepared[] = [];
  try {
    for (const kind of config.kinds) prepared.push(await writeHistory(kind, trace, groups, log));

    // a first (warm-up) load per server checks that the server holds the whole document
    const first = new Map<ServerKind, LoadSample>();
    for (const p of prepared) {
      const sample = await loadOnce(p, trace.endContent);
      first.set(p.kind, sample);
      log(`  ${p.kind}: first load ${sample.ms.toFixed(1)} ms, ${(sample.bytesIn / 1024).toFixed(0)} KiB`);
    }
    const samples = new Map<ServerKind, LoadSample[]>(config.kinds.map((k) => [k, []]));
    for (let run = 0; run < config.runs; run++) {
      for (const p of prepared) {
        await sleep(300);
        const sample = await loadOnce(p, trace.endContent);
        samples.get(p.kind)?.push(sample);
        log(`  ${p.kind}: load ${run + 1}/${config.runs} ${sample.ms.toFixed(1)} ms, ${(sample.bytesIn / 1024).toFixed(0)} KiB, relay CPU ${sample.relayCpuMs.toFixed(0)} ms${sample.tally ? `, ${sample.tally.snapshots} snapshot + ${sample.tally.envelopes} envelopes; ${phases(sample)}` : ''}`);
      }
    }
    return {
      traceFile: config.traceFile,
      txns: trace.txns.length,
      endLength: trace.endContent.length,
      grouping: config.grouping,
      typingMs: config.typingMs,
      batchIntervalMs: config.batchIntervalMs,
      groups: groups.length,
      traceTimestampGroups: traceGroups.length,
      traceSpanMs: span,
      servers: prepared.map((p) => {
        const s = samples.get(p.kind) ?? [];
        return {
          kind: p.kind,
          writeMs: p.writeMs,
          writerFrames: p.writerFrames,
          writerBytes: p.writerBytes,
          ...(p.storedUpdates === undefined ? {} : { storedUpdates: p.storedUpdates }),
          relayRssAfterWriteBytes: p.relayRssAfterWriteBytes,
          writeRelayCpuMs: p.writeRelayCpuMs,
          first: first.get(p.kind) as LoadSample,
          samples: s,
          medianMs: median(s.map((x) => x.ms)),
          medianBytes: median(s.map((x) => x.bytesIn)),
          medianRelayCpuMs: median(s.map((x) => x.relayCpuMs)),
        };
      }),
    };
  } finally {
    for (const p of prepared) {
      await p.writer?.close();
      await p.server.stop();
    }
  }
}

async function writeHistory(kind: ServerKind, trace: SequentialTrace, groups: ReadonlyArray<[number, number]>, log: (line: string) => void): Promise<Prepared> {
  const room = newRoom('coldload');
  // Cartella: the rate limit (200 envelopes/s per socket) would make writing 260k envelopes take
  // over 20 minutes; it is lifted for this phase only and the relay restarted with defaults after.
  const env: Record<string, string> = kind === 'cartella' ? { MAX_ENVELOPES_PER_SECOND: '1000000', MAX_ENVELOPES_BURST: '10000000' } : {};
  let server = await startServer(kind, { env });
  const counter = newCounter();
  const writer = await makeClient(kind, server.wsBase, room, { counter, engine: { batchIntervalMs: 0 } });
  await waitFor(() => writer.isReady(), `${kind} writer ready`, 30_000, 5, (fn) => writer.onReadyChange(fn));
  const text = writer.doc.getText('t');
  const cpu0 = server.cpuMs();
  const started = performance.now();
  let lastLog = started;
  for (let g = 0; g < groups.length; g++) {
    const [start, end] = groups[g] as [number, number];
    applyGroup(writer.doc, text, trace, start, end);
    if (writer.room) {
      // one envelope per group: wait for its ack before the next keystroke
      while (writer.room.status.pending > 0) await yieldToIo();
    } else if (g % 500 === 499) {
      await yieldToIo();
    }
    const now = performance.now();
    if (now - lastLog > 15_000) {
      lastLog = now;
      log(`  ${kind}: writing history ${g + 1}/${groups.length} groups (${((g + 1) / ((now - started) / 1000)).toFixed(0)}/s)`);
    }
  }
  if (text.toString() !== trace.endContent) throw new Error(`${kind} writer does not hold endContent after replay`);
  if (writer.problems.length) throw new Error(`${kind} writer problems: ${writer.problems.slice(0, 5).join('; ')}`);
  let storedUpdates: number | undefined;
  if (writer.room) {
    await waitFor(() => (writer.room?.status.pending ?? 0) === 0, 'outbox drained', 60_000);
    storedUpdates = writer.room.status.head;
    await sleep(1000); // the last snapshot push settles
  }
  await waitForQuiet(server); // the server has processed everything it was sent
  const writeMs = performance.now() - started;
  const writeRelayCpuMs = server.cpuMs() - cpu0;
  const relayRssAfterWriteBytes = server.rssBytes();
  log(`  ${kind}: history written in ${(writeMs / 1000).toFixed(1)} s (${counter.framesOut} frames sent, ${(counter.bytesOut / 1048576).toFixed(1)} MiB, relay CPU ${(writeRelayCpuMs / 1000).toFixed(1)} s)`);
  let keep: BenchClient | undefined = writer;
  if (kind === 'cartella') {
    await writer.close();
    keep = undefined;
    const dataDir = server.dataDir;
    if (dataDir === undefined) throw new Error('cartella server without a data folder');
    await server.stop();
    server = await startServer('cartella', { dataDir });
    await waitForQuiet(server);
  }
  return {
    kind,
    server,
    room,
    ...(keep ? { writer: keep } : {}),
    writeMs,
    writerFrames: counter.framesOut,
    writerBytes: counter.bytesOut,
    ...(storedUpdates === undefined ? {} : { storedUpdates }),
    relayRssAfterWriteBytes,
    writeRelayCpuMs,
  };
}

async function loadOnce(p: Prepared, endContent: string): Promise<LoadSample> {
  const identity = generateDeviceIdentity(); // a device has its identity before it opens a cartella
  const counter = newCounter();
  const tally = p.kind === 'cartella' ? tallyCartellaFrames(counter) : undefined;
  const cpu0 = p.server.cpuMs();
  const t0 = performance.now();
  const client = await makeClient(p.kind, p.server.wsBase, p.room, { counter, identity });
  const text = client.doc.getText('t');
  try {
    await waitFor(
      () => client.isReady() && text.length === endContent.length && text.toString() === endContent,
      `${p.kind} cold load`,
      LOAD_TIMEOUT_MS,
      1,
      (fn) => client.onReadyChange(fn),
    );
    const ms = performance.now() - t0;
    const relayCpuMs = p.server.cpuMs() - cpu0;
    if (client.problems.length) throw new Error(`${p.kind} cold load problems: ${client.problems.slice(0, 5).join('; ')}`);
    const relative = tally
      ? {
          ...tally,
          firstAt: Object.fromEntries(Object.entries(tally.firstAt).map(([k, v]) => [k, v - t0])),
          ...(tally.lastEnvelopesAt === undefined ? {} : { lastEnvelopesAt: tally.lastEnvelopesAt - t0 }),
        }
      : undefined;
    return { ms, bytesIn: counter.bytesIn, framesIn: counter.framesIn, relayCpuMs, ...(relative ? { tally: relative } : {}) };
  } finally {
    await client.close();
  }
}

/** Cartella's load timeline: when the first challenge, snapshot, envelopes and synced frames arrived. */
export function phases(sample: LoadSample): string {
  const t = sample.tally;
  if (!t) return '';
  const at = (v: number | undefined): string => (v === undefined ? '—' : v.toFixed(1));
  return `challenge ${at(t.firstAt.challenge)}, snapshot ${at(t.firstAt.snapshot)}, envelopes ${at(t.firstAt.envelopes)}–${at(t.lastEnvelopesAt)}, synced ${at(t.firstAt.synced)}, ready ${at(sample.ms)} ms`;
}
