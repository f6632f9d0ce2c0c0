/**
 * Memory: N idle rooms, each joined by one client on its own socket (Cartella: hello + create;
 * baselines: one provider per room name). Relay RSS growth ÷ N = cost of a room with its
 * socket. A second phase puts the same N rooms on S shared sockets (Cartella multiplexes rooms
 * on one socket; Hocuspocus attaches several providers to one websocket; y-websocket cannot),
 * which separates the cost of a room from the cost of a socket:
 *   ΔA = N·room + N·socket,  ΔB = N·room + S·socket.
 * Every phase starts a fresh server process and closes everything afterwards.
 */
import { makeClient, makeSharedSocketGroup, newRoom, waitFor, type BenchClient } from './support/clients';
import { startServer, type ServerKind } from './support/processes';
import { mapLimit, median, sleep } from './support/stats';

export interface MemoryConfig {
  readonly kinds: readonly ServerKind[];
  readonly runs: number;
  readonly rooms: number;
  readonly sharedSockets: number;
  readonly log: (line: string) => void;
}

export interface MemorySample {
  readonly rssBeforeBytes: number;
  readonly rssAfterBytes: number;
  /** ΔA ÷ N: one room with its own socket. */
  readonly perRoomWithSocketBytes: number;
  /** ΔB ÷ N (rooms on shared sockets), when the server multiplexes. */
  readonly perRoomSharedBytes?: number;
  /** Solved from both phases. */
  readonly perSocketBytes?: number;
  readonly perRoomBytes?: number;
}

export interface MemoryServerResult {
  readonly kind: ServerKind;
  readonly samples: readonly MemorySample[];
  readonly median: MemorySample;
}

export interface MemoryResult {
  readonly rooms: number;
  readonly sharedSockets: number;
  readonly servers: MemoryServerResult[];
}

const SETTLE_MS = 2000;

export async function memoryBench(config: MemoryConfig): Promise<MemoryResult> {
  const samples = new Map<ServerKind, MemorySample[]>(config.kinds.map((k) => [k, []]));
  for (let run = 0; run < config.runs; run++) {
    for (const kind of config.kinds) {
      const sample = await memoryOnce(kind, config);
      samples.get(kind)?.push(sample);
      const kib = (b: number | undefined): string => (b === undefined ? 'n/a' : `${(b / 1024).toFixed(1)} KiB`);
      config.log(
        `  ${kind}: run ${run + 1}/${config.runs} RSS ${(sample.rssBeforeBytes / 1048576).toFixed(1)} → ${(sample.rssAfterBytes / 1048576).toFixed(1)} MiB; ` +
          `room+socket ${kib(sample.perRoomWithSocketBytes)}, room on a shared socket ${kib(sample.perRoomSharedBytes)}, ` +
          `socket ${kib(sample.perSocketBytes)}, room ${kib(sample.perRoomBytes)}`,
      );
    }
  }
  return {
    rooms: config.rooms,
    sharedSockets: config.sharedSockets,
    servers: config.kinds.map((kind) => {
      const s = samples.get(kind) ?? [];
      const opt = (f: (x: MemorySample) => number | undefined): number | undefined => {
        const v = s.map(f).filter((x): x is number => x !== undefined);
        return v.length ? median(v) : undefined;
      };
      const perRoomSharedBytes = opt((x) => x.perRoomSharedBytes);
      const perSocketBytes = opt((x) => x.perSocketBytes);
      const perRoomBytes = opt((x) => x.perRoomBytes);
      return {
        kind,
        samples: s,
        median: {
          rssBeforeBytes: median(s.map((x) => x.rssBeforeBytes)),
          rssAfterBytes: median(s.map((x) => x.rssAfterBytes)),
          perRoomWithSocketBytes: median(s.map((x) => x.perRoomWithSocketBytes)),
          ...(perRoomSharedBytes === undefined ? {} : { perRoomSharedBytes }),
          ...(perSocketBytes === undefined ? {} : { perSocketBytes }),
          ...(perRoomBytes === undefined ? {} : { perRoomBytes }),
        },
      };
    }),
  };
}

async function memoryOnce(kind: ServerKind, config: MemoryConfig): Promise<MemorySample> {
  const N = config.rooms;
  const S = config.sharedSockets;
  // phase A: one socket per room
  let before: number;
  let after: number;
  {
    const server = await startServer(kind);
    const clients: BenchClient[] = [];
    try {
      await sleep(SETTLE_MS);
      before = server.rssBytes();
      await mapLimit(Array.from({ length: N }, (_, i) => i), 50, async () => {
        const client = await makeClient(kind, server.wsBase, newRoom('memory'));
        clients.push(client);
        await waitFor(() => client.isReady(), `${kind} room ready`, 60_000, 5, (fn) => client.onReadyChange(fn));
      });
      await sleep(SETTLE_MS);
      after = server.rssBytes();
      const problems = clients.flatMap((c) => c.problems);
      if (problems.length) throw new Error(`${kind} memory problems: ${problems.slice(0, 5).join('; ')}`);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await server.stop();
    }
  }
  const deltaA = after - before;
  const sample: MemorySample = { rssBeforeBytes: before, rssAfterBytes: after, perRoomWithSocketBytes: deltaA / N };
  // phase B: N rooms on S shared sockets
  const server = await startServer(kind);
  const groups = Array.from({ length: S }, () => makeSharedSocketGroup(kind, server.wsBase));
  try {
    if (groups.some((g) => g === undefined)) return sample;
    await sleep(SETTLE_MS);
    const beforeB = server.rssBytes();
    const ready: Array<() => boolean> = [];
    await mapLimit(Array.from({ length: N }, (_, i) => i), 50, async (i) => {
      const group = groups[i % S];
      if (group) ready.push(await group.addRoom(newRoom('memory-shared')));
    });
    await waitFor(() => ready.every((r) => r()), `${kind} shared rooms ready`, 120_000, 10);
    await sleep(SETTLE_MS);
    const deltaB = server.rssBytes() - beforeB;
    const perSocketBytes = (deltaA - deltaB) / (N - S);
    return { ...sample, perRoomSharedBytes: deltaB / N, perSocketBytes, perRoomBytes: (deltaB - S * perSocketBytes) / N };
  } finally {
    await Promise.all(groups.map((g) => g?.close()));
    await server.stop();
  }
}
