/**
 * Renders benchmark results as the markdown of docs/BENCHMARKS.md: command, machine, method,
 * the results table with ours/theirs ratios and targets, every run's figures, and notes.
 */
import { phases, type ColdLoadResult } from '../coldload';
import type { FanOutResult } from '../fanout';
import type { MemoryResult } from '../memory';
import { JS_GZIP_TARGET_BYTES, type PwaResult } from '../pwa';
import type { ServerKind } from './processes';

export interface MachineInfo {
  readonly nproc: number;
  readonly cpu: string;
  readonly memGiB: number;
  readonly node: string;
  readonly os: string;
  readonly date: string;
  readonly commit: string;
  /** 1-minute load average when the run started and ended (other work on the machine). */
  readonly loadAvg?: readonly [number, number];
}

export interface BenchResults {
  readonly command: string;
  readonly machine: MachineInfo;
  readonly runs: number;
  readonly quick: boolean;
  readonly durationS: number;
  readonly coldload?: ColdLoadResult;
  readonly fanout?: FanOutResult;
  readonly memory?: MemoryResult;
  readonly pwa?: PwaResult;
  /** A CPU profile of the Cartella relay during one extra fan-out run, when asked. */
  readonly profile?: {
    readonly totalMs: number;
    readonly categories: Array<{ name: string; ms: number; share: number }>;
    readonly functions: Array<{ name: string; where: string; category: string; ms: number; share: number }>;
  };
}

const NAMES: Record<ServerKind, string> = { cartella: 'Cartella', 'y-websocket': 'y-websocket', hocuspocus: 'Hocuspocus' };
const KINDS: readonly ServerKind[] = ['cartella', 'y-websocket', 'hocuspocus'];

const fmt = (v: number | undefined, digits = 1): string => (v === undefined || Number.isNaN(v) ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const kib = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${fmt(bytes / 1024, 1)} KiB`);
const ratio = (ours: number | undefined, theirs: number | undefined): number | undefined =>
  ours === undefined || theirs === undefined || theirs === 0 ? undefined : ours / theirs;
const ratioText = (r: number | undefined): string => (r === undefined ? '—' : `${fmt(r, 2)}×`);

interface Row {
  what: string;
  /** Ratios are shown only when the baseline's value is at least this (tiny baselines make silly ratios). */
  minDenominator?: number;
  values: Partial<Record<ServerKind, string>>;
  raw: Partial<Record<ServerKind, number>>;
  target?: string;
  met?: (r: { yws?: number; hp?: number }) => string;
}

function rows(results: BenchResults): Row[] {
  const out: Row[] = [];
  const c = results.coldload;
  if (c) {
    const by = (k: ServerKind) => c.servers.find((s) => s.kind === k);
    const row = (what: string, f: (k: ServerKind) => number | undefined, show: (v: number) => string, extra: Partial<Row> = {}): void => {
      const raw: Partial<Record<ServerKind, number>> = {};
      const values: Partial<Record<ServerKind, string>> = {};
      for (const k of KINDS) {
        const v = by(k) ? f(k) : undefined;
        if (v !== undefined) { raw[k] = v; values[k] = show(v); }
      }
      out.push({ what, values, raw, ...extra });
    };
    row('**Cold load**: new client until ready with endContent (median)', (k) => by(k)?.medianMs, (v) => `${fmt(v)} ms`, {
      target: '≤ 1.2× baseline',
      met: ({ yws, hp }) => metText(yws, hp, (r) => r <= 1.2),
    });
    row('Cold load: first load after writing (one sample)', (k) => by(k)?.first.ms, (v) => `${fmt(v)} ms`);
    row('Cold load: bytes downloaded by the new client', (k) => by(k)?.medianBytes, (v) => kib(v));
    row('Cold load: relay CPU per load', (k) => by(k)?.medianRelayCpuMs, (v) => `${fmt(v, 0)} ms`);
  }
  const f = results.fanout;
  if (f) {
    const by = (k: ServerKind) => f.servers.find((s) => s.kind === k)?.median;
    const row = (what: string, get: (k: ServerKind) => number | undefined, show: (v: number) => string, extra: Partial<Row> = {}): void => {
      const raw: Partial<Record<ServerKind, number>> = {};
      const values: Partial<Record<ServerKind, string>> = {};
      for (const k of KINDS) {
        const v = get(k);
        if (v !== undefined) { raw[k] = v; values[k] = show(v); }
      }
      out.push({ what, values, raw, ...extra });
    };
    row(`**Fan-out** (${f.readers} readers, ${f.edits} edits ${f.intervalMs} ms apart): relay CPU per delivered edit`, (k) => by(k)?.cpuPerEditUs, (v) => `${fmt(v, 2)} µs`, {
      target: '≤ 0.7× baseline',
      met: ({ yws, hp }) => metText(yws, hp, (r) => r <= 0.7),
    });
    row('Fan-out: relay CPU per delivered frame', (k) => by(k)?.cpuPerFrameUs, (v) => `${fmt(v, 2)} µs`);
    row('Fan-out: relay CPU, whole phase', (k) => by(k)?.relayCpuMs, (v) => `${fmt(v, 0)} ms`);
    row('Fan-out: frames delivered to all readers', (k) => by(k)?.framesDelivered, (v) => fmt(v, 0));
    row('Fan-out: frames the writer sent (Cartella: pushes)', (k) => by(k)?.writerFrames, (v) => fmt(v, 0));
    row('Fan-out: envelopes stored (Cartella)', (k) => by(k)?.envelopes, (v) => fmt(v, 0));
    row('Fan-out: writer-to-reader latency p50', (k) => by(k)?.p50Ms, (v) => `${fmt(v)} ms`);
    row('Fan-out: writer-to-reader latency p99', (k) => by(k)?.p99Ms, (v) => `${fmt(v)} ms`, {
      target: '≤ 100 ms (absolute)',
      met: () => {
        const p99 = by('cartella')?.p99Ms;
        return p99 === undefined ? '—' : p99 <= 100 ? '**yes**' : '**no**';
      },
    });
  }
  const m = results.memory;
  if (m) {
    const by = (k: ServerKind) => m.servers.find((s) => s.kind === k)?.median;
    const row = (what: string, get: (k: ServerKind) => number | undefined): void => {
      const raw: Partial<Record<ServerKind, number>> = {};
      const values: Partial<Record<ServerKind, string>> = {};
      for (const k of KINDS) {
        const v = get(k);
        if (v !== undefined) { raw[k] = v; values[k] = kib(v); }
      }
      out.push({ what, values, raw, target: 'reported', met: () => '—', minDenominator: 10 * 1024 });
    };
    row(`**Memory** (${m.rooms} idle rooms): relay RSS per room with its own socket`, (k) => by(k)?.perRoomWithSocketBytes);
    row(`Memory: per room, ${m.rooms} rooms on ${m.sharedSockets} shared sockets`, (k) => by(k)?.perRoomSharedBytes);
    row('Memory: per socket (solved from both phases)', (k) => by(k)?.perSocketBytes);
    row('Memory: per room without its socket (solved)', (k) => by(k)?.perRoomBytes);
  }
  return out;
}

function metText(yws: number | undefined, hp: number | undefined, ok: (r: number) => boolean): string {
  if (yws === undefined) return '—';
  const main = ok(yws) ? '**yes**' : '**no**';
  return hp === undefined ? main : `${main} (vs Hocuspocus: ${ok(hp) ? 'yes' : 'no'})`;
}

/** The PWA section's own table: one client, no baselines — measured value, target, met. */
function renderPwaTable(p: PwaResult): string {
  const b = p.bundle;
  const kb = (bytes: number): string => `${fmt(bytes / 1024)} KiB (${fmt(bytes / 1000)} kB)`;
  const ms = (v: number): string => `${fmt(v, 0)} ms`;
  const l = p.list.median;
  const d = p.diary.median;
  const jsMet = b.jsGzipBytes <= JS_GZIP_TARGET_BYTES ? '**yes**' : `**no** (${fmt((b.jsGzipBytes - JS_GZIP_TARGET_BYTES) / 1024)} KiB over)`;
  const lines = [
    '| measurement (PWA, one client) | value | target | met |',
    '|---|---:|---|---|',
    `| **Bundle**: total JS, gzip -9 (${b.jsFiles} files in dist/, service worker included) | ${kb(b.jsGzipBytes)} | ≤ 400 KB gzip | ${jsMet} |`,
    `| Bundle: the page's JS only (dist/assets/*.js, without sw.js and workbox) | ${kb(b.appJsGzipBytes)} | | ${b.appJsGzipBytes <= JS_GZIP_TARGET_BYTES ? 'yes' : 'no'} |`,
    `| Bundle: total JS uncompressed | ${kb(b.jsRawBytes)} | | |`,
    ...(b.wasmRawBytes !== undefined && b.wasmGzipBytes !== undefined ? [
      `| Bundle: WebAssembly (libsodium, a file of its own since this build — it used to be inlined in JS as base64), gzip -9 (raw) | ${kb(b.wasmGzipBytes)} (${fmt(b.wasmRawBytes / 1024)} KiB) | reported | — |`,
      `| Bundle: JS + WebAssembly, gzip -9 (all code a device downloads) | ${kb(b.jsGzipBytes + b.wasmGzipBytes)} | reported | — |`,
    ] : []),
    `| Bundle: Workbox precache (${b.precacheEntries} entries of dist/sw.js, uncompressed) | ${kb(b.precacheBytes)} | reported | — |`,
    ...b.biggest.map((c, i) => `| Bundle: chunk ${i + 1}, \`${c.file}\` gzip (raw) | ${kb(c.gzipBytes)} (${fmt(c.rawBytes / 1024)} KiB) | | |`),
    ...(p.coldStart ? [
      `| **Cold start of the real app, ${p.coldStart.cartelle} cartelle in IndexedDB**: navigation → lock screen + passphrase submitted → list of ${p.coldStart.cartelle} shown (median) | ${ms(p.coldStart.median.totalMs)} | none set | — |`,
      `| Cold start: navigation until the lock screen is ready (service worker, libsodium) | ${ms(p.coldStart.median.toLockScreenMs)} | | |`,
      `| Cold start: "Sblocca" until the list of ${p.coldStart.cartelle} shows (Argon2id, ${p.coldStart.cartelle * 2} rooms opened from IndexedDB, list) | ${ms(p.coldStart.median.unlockToListMs)} | | |`,
      `| Setup (not cold start): keyring backup imported at first run until all ${p.coldStart.cartelle} cartelle synced from the relay | ${ms(p.coldStart.importToListMs)} | | |`,
    ] : []),
    `| **List of ${p.cartelle} demo cartelle** (harness, not the unlocked PWA): navigation until "${p.cartelle} cartelle" shows (median) | ${ms(l.totalMs)} | none set | — |`,
    `| List: fetching + applying the ${p.cartelle} cartelle's Yjs updates (harness only) | ${ms(l.loadDocsMs)} | | |`,
    `| List: documents ready → list rendered (summaries + render) | ${ms(l.docsToListMs)} | | |`,
    `| List: reading the summaries (\`cartelle:lettura\`) | ${ms(l.summariesMs)} | | |`,
    `| **Diary of ${fmt(p.voci, 0)} entries** (harness): in the booted app, hash change until the first entry is painted (median) | ${ms(d.inAppMs)} | none set | — |`,
    `| Diary: navigation to #/cartella/…/diario in a new page until the first entry (boot + load + render) | ${ms(d.navigationMs)} | | |`,
  ];
  return lines.join('\n');
}

export function renderTable(results: BenchResults): string {
  const pwa = results.pwa ? renderPwaTable(results.pwa) : '';
  const main = renderServerTable(results);
  if (!main) return pwa;
  return pwa ? `${main}\n\n${pwa}` : main;
}

function renderServerTable(results: BenchResults): string {
  const all = rows(results);
  if (all.length === 0) return '';
  const lines = [
    '| measurement | Cartella | y-websocket | Hocuspocus | ours ÷ y-websocket | ours ÷ Hocuspocus | target (vs y-websocket) | met |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of all) {
    const min = r.minDenominator ?? 0;
    const usable = (v: number | undefined): number | undefined => (v !== undefined && v >= min ? v : undefined);
    const yws = ratio(r.raw.cartella, usable(r.raw['y-websocket']));
    const hp = ratio(r.raw.cartella, usable(r.raw.hocuspocus));
    lines.push(
      `| ${r.what} | ${r.values.cartella ?? '—'} | ${r.values['y-websocket'] ?? '—'} | ${r.values.hocuspocus ?? '—'} | ${ratioText(yws)} | ${ratioText(hp)} | ${r.target ?? ''} | ${r.met ? r.met({ ...(yws === undefined ? {} : { yws }), ...(hp === undefined ? {} : { hp }) }) : ''} |`,
    );
  }
  return lines.join('\n');
}

function runTables(results: BenchResults): string {
  const parts: string[] = [];
  const c = results.coldload;
  if (c) {
    parts.push('#### Cold load, every load (ms; KiB downloaded; relay CPU ms)', '', '| server | first | runs (ms) | KiB | relay CPU (ms) | history written in | writer frames sent | relay RSS after writing |', '|---|---:|---|---:|---|---:|---:|---:|');
    for (const s of c.servers) {
      parts.push(
        `| ${NAMES[s.kind]} | ${fmt(s.first.ms)} | ${s.samples.map((x) => fmt(x.ms)).join(', ')} | ${fmt(s.medianBytes / 1024, 0)} | ${s.samples.map((x) => fmt(x.relayCpuMs, 0)).join(', ')} | ${fmt(s.writeMs / 1000)} s | ${fmt(s.writerFrames, 0)} | ${fmt(s.relayRssAfterWriteBytes / 1048576)} MiB |`,
      );
    }
    const ours = c.servers.find((s) => s.kind === 'cartella');
    const tally = ours?.samples[0]?.tally;
    if (ours && tally) {
      parts.push('', `Cartella's new client received ${tally.snapshots} snapshot frame (${kib(tally.snapshotBytes)}) and ${tally.envelopes} update envelopes in ${tally.envelopeFrames} \`envelopes\` frames; the relay stored ${ours.storedUpdates ?? '?'} updates. Timeline of each Cartella load (ms after the client was created: first frame of each type, then ready): ${ours.samples.map((x) => phases(x)).join('; ')}. Relay CPU while the history was written: ${fmt(ours.writeRelayCpuMs / 1000)} s (${fmt((ours.writeRelayCpuMs * 1000) / Math.max(1, ours.writerFrames), 0)} µs per frame received).`);
    }
    parts.push('');
  }
  const f = results.fanout;
  if (f) {
    parts.push('#### Fan-out, every run', '', '| server | relay CPU (ms) | µs / delivered edit | µs / frame | frames delivered | writer frames | p50 (ms) | p99 (ms) | max (ms) | edit loop (ms) |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const s of f.servers) {
      const col = (g: (x: (typeof s.samples)[number]) => number, d = 1): string => s.samples.map((x) => fmt(g(x), d)).join(', ');
      parts.push(`| ${NAMES[s.kind]} | ${col((x) => x.relayCpuMs, 0)} | ${col((x) => x.cpuPerEditUs, 2)} | ${col((x) => x.cpuPerFrameUs, 2)} | ${col((x) => x.framesDelivered, 0)} | ${col((x) => x.writerFrames, 0)} | ${col((x) => x.p50Ms)} | ${col((x) => x.p99Ms)} | ${col((x) => x.maxMs)} | ${col((x) => x.editLoopMs, 0)} |`);
    }
    parts.push('');
  }
  const m = results.memory;
  if (m) {
    parts.push('#### Memory, every run (KiB)', '', '| server | RSS before → after (MiB) | room + own socket | room on shared socket | socket | room |', '|---|---|---|---|---|---|');
    for (const s of m.servers) {
      const col = (g: (x: (typeof s.samples)[number]) => number | undefined): string => s.samples.map((x) => { const v = g(x); return v === undefined ? '—' : fmt(v / 1024); }).join(', ');
      parts.push(`| ${NAMES[s.kind]} | ${s.samples.map((x) => `${fmt(x.rssBeforeBytes / 1048576)} → ${fmt(x.rssAfterBytes / 1048576)}`).join(', ')} | ${col((x) => x.perRoomWithSocketBytes)} | ${col((x) => x.perRoomSharedBytes)} | ${col((x) => x.perSocketBytes)} | ${col((x) => x.perRoomBytes)} |`);
    }
    parts.push('');
  }
  const w = results.pwa;
  if (w) {
    const col = <T,>(xs: readonly T[], g: (x: T) => number): string => xs.map((x) => fmt(g(x), 0)).join(', ');
    parts.push(
      `#### PWA, every run (ms; Chromium ${w.chromium})`, '',
      '| measurement | runs |', '|---|---|',
      `| list of ${w.cartelle}: navigation → count shown | ${col(w.list.samples, (x) => x.totalMs)} (warm-up, not counted: ${fmt(w.list.warmupMs, 0)}) |`,
      `| list: same, page clock | ${col(w.list.samples, (x) => x.inPageMs)} |`,
      `| list: documents fetched + applied | ${col(w.list.samples, (x) => x.loadDocsMs)} |`,
      `| list: documents → list | ${col(w.list.samples, (x) => x.docsToListMs)} |`,
      `| list: summaries read | ${col(w.list.samples, (x) => x.summariesMs)} |`,
      `| diary of ${w.voci}: in-app, hash change → first entry painted | ${col(w.diary.samples, (x) => x.inAppMs)} |`,
      `| diary: navigation → first entry | ${col(w.diary.samples, (x) => x.navigationMs)} |`,
      `| diary: entries shown at first render | ${col(w.diary.samples, (x) => x.entriesShown)} |`,
      '',
      `dist/ built ${w.bundle.distBuiltAt}${w.bundle.newerSources.length ? `; **${w.bundle.newerSources.length} source files were newer than dist/sw.js** (${w.bundle.newerSources.join(', ')}), so the bundle figures may be stale` : ''}${w.bundle.precacheMissing.length ? `; precache entries missing from dist/: ${w.bundle.precacheMissing.join(', ')}` : ''}.`,
      '',
    );
  }
  const p = results.profile;
  if (p) {
    parts.push(`#### Where the Cartella relay's CPU goes in fan-out (\`node --cpu-prof\`, one extra run, samples of the measured phase only: ${fmt(p.totalMs, 0)} ms excluding idle)`, '', '| category | ms | share |', '|---|---:|---:|');
    for (const cat of p.categories) parts.push(`| ${cat.name} | ${fmt(cat.ms, 0)} | ${fmt(cat.share * 100)} % |`);
    parts.push('', '| function (self time) | where | category | ms | share |', '|---|---|---|---:|---:|');
    for (const fn of p.functions) parts.push(`| \`${fn.name}\` | ${fn.where} | ${fn.category} | ${fmt(fn.ms, 0)} | ${fmt(fn.share * 100)} % |`);
    parts.push('');
  }
  return parts.join('\n');
}

/** One more full run, shown as its summary table (to show the run-to-run spread on a shared machine). */
function otherRun(r: BenchResults): string {
  const m = r.machine;
  return [
    `### ${m.date}, commit ${m.commit}${m.loadAvg ? `, load average ${fmt(m.loadAvg[0], 2)} → ${fmt(m.loadAvg[1], 2)}` : ''} (\`${r.command}\`, ${r.runs} runs each)`,
    '',
    renderTable(r),
    '',
  ].join('\n');
}

export function renderMarkdown(results: BenchResults, notes: string, others: readonly BenchResults[] = []): string {
  const m = results.machine;
  const c = results.coldload;
  const f = results.fanout;
  const mem = results.memory;
  const pwa = results.pwa;
  const method = [
    `Each server runs in its own child process started as \`node …\` on loopback: **Cartella** (\`node --import tsx server/main.ts\`, fresh temporary DATA_DIR, real SQLite in WAL mode with synchronous FULL, default limits), **y-websocket** (@y/websocket-server 0.1.1, \`node node_modules/@y/websocket-server/src/server.js\`, in memory, no persistence) and **Hocuspocus** (@hocuspocus/server 4.7.0 with defaults, \`bench/servers/hocuspocus.ts\`, in memory). Clients run in the bench process: Cartella devices (\`SyncClient\` + \`RoomSync\`, in-memory envelope store, \`ws\`), y-websocket 3.1.0 providers (\`disableBc: true\`) and Hocuspocus 4.7.0 providers; every socket is a counting subclass of \`ws\`. Relay CPU = utime + stime of the server process from /proc/<pid>/stat (clock ticks of \`getconf CLK_TCK\`, so 10 ms resolution at 100 Hz) read before and after the measured phase; memory = VmRSS from /proc/<pid>/status. The machine is shared and noisy, so servers are measured in the same run, interleaved, and every figure is the median of ${results.runs} repetitions; ratios are ours ÷ theirs. The issue's baseline is y-websocket (targets are judged against it); Hocuspocus is a second reference.`,
  ];
  if (c) {
    method.push(
      `**Cold load.** The document is ../shared/data/editing-traces/${c.traceFile} (${fmt(c.txns, 0)} single-character edits, ${fmt(c.endLength, 0)} characters at the end). The edits are grouped the way our batcher groups them (an edit leaves at once when the previous envelope left ≥ ${c.batchIntervalMs} ms earlier, otherwise it waits with everything typed meanwhile) ${c.grouping === 'typist' ? `for a person typing one key every ${c.typingMs} ms — any typing slower than ${Math.floor(1000 / c.batchIntervalMs)} keys/s gives the same result: **${fmt(c.groups, 0)} groups, one envelope per keystroke**. The trace's own timestamps cannot be used: all ${fmt(c.txns, 0)} edits are stamped within ${fmt(c.traceSpanMs, 0)} ms of each other, which would make ${c.traceTimestampGroups} groups` : `using the trace's own timestamps: ${fmt(c.groups, 0)} groups`}. The history is written once per server by that server's own client: Cartella by a real RoomSync writer over WebSocket, one envelope per group paced by the relay's acks, production snapshot settings (an adaptive interval of at most 300 updates, see docs/SYNC.md); the relay's envelope rate limit is lifted for this phase only (200/s would take 20+ minutes) and the relay is then restarted on the same SQLite file with the default configuration. The baselines get the same groups, each as one transaction of a provider that stays connected (Hocuspocus drops a document without persistence when its last client leaves). A load = from creating a brand-new client (new Y.Doc, empty in-memory store; the device identity exists beforehand) until it reports synced (baselines) / live (Cartella) and its text equals endContent. The first load after writing is shown separately; then ${results.runs} loads per server, interleaved.`,
    );
  }
  if (f) {
    method.push(
      `**Fan-out.** A fresh server per run; 1 writer and ${f.readers} readers in one room, all connected and idle for 1 s; then the writer appends a fixed 8-character token ${f.edits} times, one every ${f.intervalMs} ms (a loop against the clock; each edit is its own Yjs transaction). Each reader records when each token arrives (from its text length); latency = arrival − the moment the writer made the edit, over all (edit, reader) pairs. Relay CPU covers from the first edit until every reader holds every edit; per delivered edit = CPU ÷ (${f.edits} × ${f.readers}); per delivered frame = CPU ÷ messages the readers received. Cartella's writer uses the production batcher (an edit leaves at once when nothing is in flight, later ones merge, ≥ 30 ms between envelopes). All clients share the bench process (one event loop on the other core), so latencies include their queueing behind each other.`,
    );
  }
  if (mem) {
    method.push(
      `**Memory.** A fresh server; RSS after 2 s idle; then ${fmt(mem.rooms, 0)} rooms, each with one client on its own socket (Cartella: hello + create; baselines: one provider per room name), all synced, 2 s idle, RSS again: growth ÷ ${fmt(mem.rooms, 0)} = room with its socket. A second fresh server gets the same number of rooms over ${mem.sharedSockets} shared sockets (Cartella multiplexes rooms on one socket, Hocuspocus attaches providers to one websocket; y-websocket cannot), which splits the cost into per room and per socket. Everything is closed afterwards.`,
    );
  }
  if (pwa) {
    method.push(
      `**PWA.** Bundle: the precache manifest of dist/sw.js (Workbox \`precacheAndRoute\`) with each entry's file size summed, and every dist/**/*.js gzipped with node:zlib at level 9, against the issue's budget of 400 KB gzip for all JS (shown in KiB = 1,024 bytes and kB = 1,000 bytes). Screens: Debian's Chromium ${pwa.chromium} headless through playwright-core with the flags of tests/support/browser.ts, a fresh profile (cold HTTP cache) for every load. **These screen figures come from the browser-test harness (tests/support/harness), not from the unlocked PWA**: Vite's dev server mounts the real \`ElencoCartelle\` and \`CartellaView\` on ${pwa.cartelle} demo cartelle (crdt/model/demo.ts, seed 42) fetched from /demo/ as plain Yjs updates, with a stand-in session and workspace — no passphrase or keyring, no IndexedDB, no envelope decryption, no relay, and modules served unbundled by the dev server (one warm-up load first, not counted, so Vite has transformed them). "List" = from \`page.goto\` until the count reads "${pwa.cartelle} cartelle su questo dispositivo", split by the harness's own marks into fetching + applying the documents and documents → list rendered. "Diary" = a cartella with ${fmt(pwa.voci, 0)} diary entries (tests/support/diarioLungo.ts): once in the booted app, the hash change a link click makes until the first entry is painted (the screen's own cost), and once as a navigation in a new page until the first entry is in the DOM. Medians of ${results.runs} runs.`,
    );
  }
  return [
    '# Benchmarks',
    '',
    `Made by \`${results.command}\` — \`npm run bench\` runs \`node --import tsx bench/run.ts\` (options: \`-- --only coldload|fanout|memory|pwa --runs N --quick --profile\`; \`-- --render bench/out/results-….json\` re-renders this file from saved results). Benchmarks are not part of \`npm test\`; \`bench/run.ts\` exits non-zero when a measurement fails. Raw results and the relay's CPU profile go to bench/out/ (not committed).`,
    '',
    `Machine: ${m.nproc} cores (nproc), ${m.cpu}, ${fmt(m.memGiB)} GiB RAM, ${m.os}, Node ${m.node}. Date: ${m.date}. Commit: ${m.commit}.${m.loadAvg ? ` Load average (1 min) at start / end: ${fmt(m.loadAvg[0], 2)} / ${fmt(m.loadAvg[1], 2)} on ${m.nproc} cores — the machine was shared with other work.` : ''} Whole run: ${fmt(results.durationS / 60)} min${results.quick ? ' (**--quick**: reduced sizes, smoke run only)' : ''}.`,
    '',
    '## Method',
    '',
    method.join('\n\n'),
    '',
    '## Results',
    '',
    renderTable(results),
    '',
    runTables(results),
    ...(others.length ? ['## Other full runs', '', 'The same benchmark run on the same machine the same day, for the spread between runs (summary tables only). Where a run was made by an earlier revision of bench/ the method was the same; only its relay profile (taken then from the wrong thread) is not shown.', '', ...others.map(otherRun)] : []),
    '## Notes',
    '',
    notes.trim(),
    '',
  ].join('\n');
}
