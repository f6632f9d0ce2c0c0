/**
 * Fan-out: one writer and R readers in one room; the writer makes E small edits, one every
 * `intervalMs` (a precise loop against the clock). Each edit appends a fixed-size token to a
 * Y.Text, so a reader knows from the text length which edits it holds and records when each
 * arrived. Relay CPU (utime + stime of the server process) is read just before the first
 * edit and when every reader holds every edit. Each run uses a fresh server process.
 */
import { makeClient, newCounter, newRoom, waitFor, type BenchClient } from './support/clients';
import { startServer, type ServerKind, type StartOptions } from './support/processes';
import { mapLimit, median, percentile, sleep } from './support/stats';

export interface FanOutConfig {
  readonly kinds: readonly ServerKind[];
  readonly runs: number;
  readonly readers: number;
  readonly edits: number;
  readonly intervalMs: number;
  /** Extra start options per server (e.g. --cpu-prof for the Cartella relay). */
  readonly startOptions?: (kind: ServerKind) => StartOptions;
  readonly log: (line: string) => void;
}

export interface FanOutSample {
  readonly relayCpuMs: number;
  /** Frames all readers received during the phase. */
  readonly framesDelivered: number;
  readonly bytesDelivered: number;
  /** Frames the writer sent during the phase (Cartella: push frames). */
  readonly writerFrames: number;
  /** Cartella: envelopes stored (seqs) during the phase. */
  readonly envelopes?: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** How long the writer's loop took (target: edits × interval). */
  readonly editLoopMs: number;
  /** From the first edit until every reader held every edit. */
  readonly phaseMs: number;
  readonly cpuPerEditUs: number;
  readonly cpuPerFrameUs: number;
  /** CLOCK_MONOTONIC µs (process.hrtime) of the measured phase, to cut a server's CPU profile to it. */
  readonly windowUs?: readonly [number, number];
}

export interface FanOutServerResult {
  readonly kind: ServerKind;
  readonly samples: readonly FanOutSample[];
  readonly median: FanOutSample;
}

export interface FanOutResult {
  readonly readers: number;
  readonly edits: number;
  readonly intervalMs: number;
  readonly servers: FanOutServerResult[];
}

const TOKEN_CHARS = 8;
const token = (i: number): string => `${i.toString(36).padStart(TOKEN_CHARS - 1, '0')};`;

export async function fanOutBench(config: FanOutConfig): Promise<FanOutResult> {
  const samples = new Map<ServerKind, FanOutSample[]>(config.kinds.map((k) => [k, []]));
  for (let run = 0; run < config.runs; run++) {
    for (const kind of config.kinds) {
      const sample = await fanOutOnce(kind, config);
      samples.get(kind)?.push(sample);
      config.log(
        `  ${kind}: run ${run + 1}/${config.runs} relay CPU ${sample.relayCpuMs.toFixed(0)} ms = ${sample.cpuPerEditUs.toFixed(2)} µs/delivered edit, ` +
          `${sample.cpuPerFrameUs.toFixed(2)} µs/frame (${sample.framesDelivered} frames), p50 ${sample.p50Ms.toFixed(1)} ms, p99 ${sample.p99Ms.toFixed(1)} ms` +
          `${sample.envelopes === undefined ? '' : `, ${sample.envelopes} envelopes`}, writer ${sample.writerFrames} frames, loop ${sample.editLoopMs.toFixed(0)} ms`,
      );
    }
  }
  return {
    readers: config.readers,
    edits: config.edits,
    intervalMs: config.intervalMs,
    servers: config.kinds.map((kind) => {
      const s = samples.get(kind) ?? [];
      const pick = (f: (x: FanOutSample) => number): number => median(s.map(f));
      const envelopes = s.map((x) => x.envelopes).filter((x): x is number => x !== undefined);
      return {
        kind,
        samples: s,
        median: {
          relayCpuMs: pick((x) => x.relayCpuMs),
          framesDelivered: pick((x) => x.framesDelivered),
          bytesDelivered: pick((x) => x.bytesDelivered),
          writerFrames: pick((x) => x.writerFrames),
          ...(envelopes.length ? { envelopes: median(envelopes) } : {}),
          p50Ms: pick((x) => x.p50Ms),
          p99Ms: pick((x) => x.p99Ms),
          maxMs: pick((x) => x.maxMs),
          editLoopMs: pick((x) => x.editLoopMs),
          phaseMs: pick((x) => x.phaseMs),
          cpuPerEditUs: pick((x) => x.cpuPerEditUs),
          cpuPerFrameUs: pick((x) => x.cpuPerFrameUs),
        },
      };
    }),
  };
}

async function fanOutOnce(kind: ServerKind, config: FanOutConfig): Promise<FanOutSample> {
  const { readers: R, edits: E, intervalMs } = config;
  const server = await startServer(kind, config.startOptions?.(kind) ?? {});
  const room = newRoom('fanout');
  const clients: BenchClient[] = [];
  try {
    const writerCounter = newCounter();
    const writer = await makeClient(kind, server.wsBase, room, { counter: writerCounter });
    clients.push(writer);
    await waitFor(() => writer.isReady(), `${kind} writer ready`, 30_000, 5, (fn) => writer.onReadyChange(fn));
    const readerCounter = newCounter();
    const readers = await mapLimit(Array.from({ length: R }, (_, i) => i), 10, async () => {
      const reader = await makeClient(kind, server.wsBase, room, { counter: readerCounter });
      clients.push(reader);
      return reader;
    });
    await waitFor(() => readers.every((r) => r.isReady()), `${kind} readers ready`, 60_000, 5);
    const arrivals = readers.map(() => new Float64Array(E).fill(Number.NaN));
    const counts = new Array<number>(R).fill(0);
    readers.forEach((reader, r) => {
      const text = reader.doc.getText('t');
      const mine = arrivals[r] as Float64Array;
      reader.doc.on('update', () => {
        const now = performance.now();
        const n = Math.min(E, Math.floor(text.length / TOKEN_CHARS));
        for (let k = counts[r] as number; k < n; k++) mine[k] = now;
        if (n > (counts[r] as number)) counts[r] = n;
      });
    });
    await sleep(1000); // connection work (awareness, catch-up) is over before the measured phase

    const framesIn0 = readerCounter.framesIn;
    const bytesIn0 = readerCounter.bytesIn;
    const writerFrames0 = writerCounter.framesOut;
    const head0 = writer.room?.status.head ?? 0;
    const sent = new Float64Array(E);
    const text = writer.doc.getText('t');
    const cpu0 = server.cpuMs();
    const windowStartUs = Number(process.hrtime.bigint() / 1000n);
    const t0 = performance.now();
    let i = 0;
    while (i < E) {
      const now = performance.now();
      while (i < E && t0 + i * intervalMs <= now) {
        text.insert(text.length, token(i));
        sent[i] = performance.now();
        i++;
      }
      if (i < E) await sleep(Math.max(0, t0 + i * intervalMs - performance.now()));
    }
    const editLoopMs = performance.now() - t0;
    await waitFor(() => counts.every((c) => c >= E), `${kind} readers hold every edit`, 120_000, 1);
    const phaseMs = performance.now() - t0;
    const relayCpuMs = server.cpuMs() - cpu0;
    const windowEndUs = Number(process.hrtime.bigint() / 1000n);
    const framesDelivered = readerCounter.framesIn - framesIn0;
    const bytesDelivered = readerCounter.bytesIn - bytesIn0;
    const writerFrames = writerCounter.framesOut - writerFrames0;

    if (writer.room) await waitFor(() => (writer.room?.status.pending ?? 0) === 0, 'writer outbox drained', 30_000);
    const envelopes = writer.room ? writer.room.status.head - head0 : undefined;
    const expected = text.toString();
    for (const reader of readers) {
      if (reader.doc.getText('t').toString() !== expected) throw new Error(`${kind}: a reader diverged from the writer`);
    }
    const problems = clients.flatMap((c) => c.problems);
    if (problems.length) throw new Error(`${kind} fan-out problems: ${problems.slice(0, 5).join('; ')}`);

    const latencies: number[] = [];
    for (const mine of arrivals) for (let k = 0; k < E; k++) latencies.push((mine[k] as number) - (sent[k] as number));
    return {
      relayCpuMs,
      framesDelivered,
      bytesDelivered,
      writerFrames,
      ...(envelopes === undefined ? {} : { envelopes }),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: percentile(latencies, 100),
      editLoopMs,
      phaseMs,
      cpuPerEditUs: (relayCpuMs * 1000) / (E * R),
      cpuPerFrameUs: (relayCpuMs * 1000) / Math.max(1, framesDelivered),
      windowUs: [windowStartUs, windowEndUs],
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  }
}
