/**
 * `npm run bench` — Cartella's relay and sync engine against y-websocket's server (the issue's
 * baseline) and Hocuspocus, measured in the same run: cold load, fan-out and memory.
 *
 *   npm run bench -- [--only coldload,fanout,memory,pwa] [--runs N] [--quick] [--profile]
 *                    [--servers cartella,y-websocket,hocuspocus] [--grouping typist|trace]
 *                    [--write-docs | --no-docs] [--render results.json [--also other-results.json]]
 *
 * Prints a markdown table and writes docs/BENCHMARKS.md when every section ran at full size
 * (otherwise bench/out/BENCHMARKS.md). Raw results go to bench/out/results-*.json. Exits
 * non-zero on any error; every server child is killed on exit, error or Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { initSodium } from '../crypto';
import { coldLoadBench } from './coldload';
import { fanOutBench } from './fanout';
import { memoryBench } from './memory';
import { pwaBench } from './pwa';
import { installCleanupHandlers, killAllChildren, ROOT, SERVER_KINDS, tempDir } from './support/processes';
import { latestProfile, summariseProfile } from './support/profile';
import { renderMarkdown, renderTable, type BenchResults, type MachineInfo } from './support/report';

const SECTIONS = ['coldload', 'fanout', 'memory', 'pwa'] as const;

const log = (line: string): void => {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

function machineInfo(): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `Linux ${release()}`,
    date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    commit,
  };
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`unknown ${what} "${item}" (one of ${allowed.join(', ')})`);
  return items as T[];
}

function readNotes(): string {
  const file = join(ROOT, 'bench', 'NOTES.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function writeOutputs(results: BenchResults, toDocs: boolean, others: readonly BenchResults[] = []): void {
  const markdown = renderMarkdown(results, readNotes(), others);
  const outDir = join(ROOT, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const target = toDocs ? join(ROOT, 'docs', 'BENCHMARKS.md') : join(outDir, 'BENCHMARKS.md');
  writeFileSync(target, markdown);
  process.stdout.write(`\n${renderTable(results)}\n\n`);
  log(`wrote ${target}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      servers: { type: 'string' },
      grouping: { type: 'string', default: 'typist' },
      'typing-ms': { type: 'string', default: '120' },
      'write-docs': { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      render: { type: 'string' },
      also: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0] + '*/\n');
    return;
  }
  if (values.render) {
    // re-render a saved run (e.g. after editing bench/NOTES.md)
    const results = JSON.parse(readFileSync(values.render, 'utf8')) as BenchResults;
    const others = (values.also ?? []).map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchResults);
    writeOutputs(results, !values['no-docs'], others);
    return;
  }
  installCleanupHandlers();
  process.setMaxListeners(0); // y-websocket's providers each add a process 'exit' listener
  const sections = parseList(values.only, SECTIONS, 'section') ?? [...SECTIONS];
  const kinds = parseList(values.servers, SERVER_KINDS, 'server') ?? [...SERVER_KINDS];
  const quick = values.quick;
  const runs = values.runs === undefined ? (quick ? 1 : 3) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  const grouping = values.grouping;
  if (grouping !== 'typist' && grouping !== 'trace') throw new Error('--grouping is typist or trace');
  const typingMs = Number(values['typing-ms']);
  if (!(typingMs > 0)) throw new Error('--typing-ms must be positive');

  await initSodium();
  const started = performance.now();
  const argv = process.argv.slice(2).join(' ');
  const machine = machineInfo();
  const loadAtStart = loadavg()[0] ?? 0;
  log(`bench: ${sections.join(', ')} × ${runs} runs${quick ? ' (quick)' : ''}; servers ${kinds.join(', ')}; ${machine.nproc} cores, Node ${machine.node}`);
  let results: BenchResults = { command: `npm run bench${argv ? ` -- ${argv}` : ''}`, machine, runs, quick, durationS: 0 };

  if (sections.includes('coldload')) {
    log('— cold load —');
    const coldload = await coldLoadBench({
      kinds,
      runs,
      traceFile: 'sequential-automerge-paper.json.gz',
      ...(quick ? { txnLimit: 20_000 } : {}),
      grouping,
      typingMs,
      batchIntervalMs: 30,
      log,
    });
    results = { ...results, coldload };
  }
  if (sections.includes('fanout')) {
    log('— fan-out —');
    const fanout = await fanOutBench({ kinds, runs, readers: quick ? 10 : 50, edits: quick ? 300 : 2000, intervalMs: 2, log });
    results = { ...results, fanout };
    if (values.profile && kinds.includes('cartella')) {
      log('— fan-out, one extra Cartella run under --cpu-prof (not in the figures) —');
      const dir = tempDir('cartella-bench-prof-');
      const profiled = await fanOutBench({
        kinds: ['cartella'],
        runs: 1,
        readers: quick ? 10 : 50,
        edits: quick ? 300 : 2000,
        intervalMs: 2,
        startOptions: () => ({ nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] }),
        log,
      });
      const file = latestProfile(dir);
      if (!file) throw new Error('the relay wrote no CPU profile');
      const kept = join(ROOT, 'bench', 'out', 'relay-fanout.cpuprofile');
      mkdirSync(dirname(kept), { recursive: true });
      copyFileSync(file, kept);
      log(`  profile kept as ${kept} (open it in Chrome DevTools)`);
      const windowUs = profiled.servers[0]?.samples[0]?.windowUs;
      log(`  phase window ${windowUs?.join('–') ?? 'unknown'} µs (CLOCK_MONOTONIC)`);
      const profile = summariseProfile(file, 25, windowUs);
      results = { ...results, profile };
      for (const cat of profile.categories) log(`  ${cat.name}: ${cat.ms.toFixed(0)} ms (${(cat.share * 100).toFixed(1)} %)`);
    }
  }
  if (sections.includes('memory')) {
    log('— memory —');
    const memory = await memoryBench({ kinds, runs, rooms: quick ? 100 : 1000, sharedSockets: quick ? 5 : 10, log });
    results = { ...results, memory };
  }
  if (sections.includes('pwa')) {
    log('— pwa —');
    const pwa = await pwaBench({ runs, log });
    results = { ...results, pwa };
  }
  results = {
    ...results,
    machine: { ...machine, loadAvg: [loadAtStart, loadavg()[0] ?? 0] },
    durationS: (performance.now() - started) / 1000,
  };

  const outDir = join(ROOT, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(json, JSON.stringify(results, null, 2));
  log(`raw results: ${json}`);
  const complete = !quick && SECTIONS.every((s) => sections.includes(s)) && kinds.length === SERVER_KINDS.length;
  writeOutputs(results, !values['no-docs'] && (values['write-docs'] || complete));
}

main().then(
  () => {
    killAllChildren();
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killAllChildren();
    process.exit(1);
  },
);
