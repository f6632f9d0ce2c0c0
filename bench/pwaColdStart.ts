/**
 * The PWA's cold start with a realistic device, measured in the real app (no harness): a
 * worker whose keyring holds 500 demo cartelle (crdt/model/demo.ts, seed 42), every one of
 * them synced into the browser's encrypted envelope log (IndexedDB) from a real relay.
 *
 * Setup (not timed as cold start): a Node "device" opens a Workspace against the relay, adds
 * the 500 cartelle with fresh keys and pushes their content as sealed envelopes; its keyring
 * is exported as a backup file (crypto/keyringBackup) and imported in Chromium at first run
 * (client/chiavi/ImportaBackup) — the path a worker takes on a new computer — until the list
 * shows 500 cartelle and the sync status shows a last sync. Then, for each run, a new page of
 * the same profile (service worker and IndexedDB warm, like a worker opening the app in the
 * morning) is timed: navigation → lock screen; passphrase submitted → list of 500 shown. *
 * Command line (not part of `npm run bench`; builds nothing: build the PWA first):
 *   CARTELLA_DIST=/abs/dist-b npx vite build
 *   node --import tsx bench/pwaColdStart.ts [--runs 3] [--cartelle 500] [--dist /abs/dist-a --dist /abs/dist-b] [--profile DIR] [--frames]
 * With several `--dist`, one seeded relay is copied once per build, each build gets its own
 * relay (serving it) and browser profile, and the runs are interleaved (A, B, A, B…) so a
 * noisy machine weighs on every variant alike. Without `--dist`: $CARTELLA_DIST, else dist/.
 * `--frames` counts the WebSocket frames the page received until the list, by type.
 * `--profile DIR` writes a Chromium CPU profile of each variant's last run (sampling 0.5 ms).

 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  exportKeyringBackup, generateDeviceIdentity, generatePartKey, generateRoomId, newKeyringData, type CartellaKeys,
} from '../crypto';
import { makeMemoryEnvelopeStore } from '../crdt/sync/memoryEnvelopeStore';
import { makeWebSocketTransport, type WebSocketConstructor } from '../crdt/sync/webSocketTransport';
import { decodeFrame } from '../crdt/wire';
import { Workspace } from '../crdt/workspace';
import { createRelayServer } from '../server/app';
import { launchBrowser } from '../tests/support/browser';
import { cartelleDemo } from '../tests/support/harness';
import { median } from './support/stats';

const PASSPHRASE = 'avvio a freddo della cartella';

export interface ColdStartSample {
  /** page.goto until the lock screen's passphrase field is enabled. */
  readonly toLockScreenMs: number;
  /** "Sblocca" clicked until the list reads "500 cartelle su questo dispositivo" (Argon2id, keyring, 1,000 rooms from IndexedDB, list). */
  readonly unlockToListMs: number;
  /** Both together (the person's wait, minus typing). */
  readonly totalMs: number;
}

export interface ColdStartResult {
  readonly cartelle: number;
  /** Node: adding the cartelle to a workspace and pushing them to the relay. */
  readonly seedMs: number;
  /** Chromium: backup imported at first run until the list of all cartelle shows and a last sync is shown. */
  readonly importToListMs: number;
  readonly samples: ColdStartSample[];
  readonly median: ColdStartSample;
}

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The cold start of one build (`dist`: a built PWA folder; undefined: $CARTELLA_DIST, else dist/). */
export async function pwaColdStartBench(options: { runs: number; cartelle?: number; log: (line: string) => void }): Promise<ColdStartResult> {
  const [only] = await pwaColdStartCompare({ ...options, dists: [undefined] });
  if (!only) throw new Error('no result');
  return only;
}

interface Variant {
  readonly name: string;
  readonly relay: Awaited<ReturnType<typeof createRelayServer>>;
  readonly browser: BrowserContext;
  readonly samples: ColdStartSample[];
  importToListMs: number;
}

/**
 * Cold starts of several builds against copies of one seeded relay, runs interleaved. Returns
 * one result per build, in the order given.
 */
export async function pwaColdStartCompare(options: {
  runs: number; cartelle?: number; dists: ReadonlyArray<string | undefined>; profileDir?: string; frames?: boolean; log: (line: string) => void;
}): Promise<ColdStartResult[]> {
  const { runs, log } = options;
  const cartelle = options.cartelle ?? 500;
  const conteggio = `${cartelle} cartelle su questo dispositivo`;
  const demoDir = cartelleDemo(42, cartelle);
  const indice = JSON.parse(readFileSync(join(demoDir, 'indice.json'), 'utf8')) as {
    cartelle: { id: string; admin: string; prof: string | null }[];
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'cartella-bench-coldstart-'));
  const variants: Variant[] = [];
  try {
    // 1. A Node device puts the demo cartelle on the relay, each under fresh keys.
    const seedDir = join(dataDir, 'seed');
    const relay = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir: seedDir });
    const t0 = performance.now();
    const identity = generateDeviceIdentity();
    const chiavi: CartellaKeys[] = [];
    try {
      const transport = makeWebSocketTransport({ url: `${relay.url.replace(/^http/, 'ws')}/sync`, WebSocket: WebSocket as unknown as WebSocketConstructor });
      const store = makeMemoryEnvelopeStore();
      const ws = await Workspace.open({ identity, cartelle: [], store, transport, saveKeys: () => Promise.resolve() });
      for (const c of indice.cartelle) {
        const parte = () => ({ roomId: generateRoomId(), currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] });
        const keys: CartellaKeys = { cartellaId: c.id, admin: parte(), ...(c.prof ? { prof: parte() } : {}), addedAt: new Date().toISOString() };
        const aperta = await ws.aggiungiCartella(keys);
        Y.applyUpdate(aperta.cartella.admin, readFileSync(join(demoDir, c.admin)));
        if (c.prof && aperta.cartella.prof) Y.applyUpdate(aperta.cartella.prof, readFileSync(join(demoDir, c.prof)));
        chiavi.push(keys);
      }
      await ws.flush();
      await until(() => ws.status().pending === 0 && ws.status().lastSyncedAt !== undefined, 'the seeding device pushed everything', 600_000);
      await ws.close();
    } finally {
      await relay.close();
    }
    const seedMs = performance.now() - t0;
    log(`  cold start: ${cartelle} cartelle pushed to the relay by a Node device in ${(seedMs / 1000).toFixed(1)} s`);

    const data = newKeyringData({ nome: 'Operatrice di prova', ruolo: 'assistente_sociale' }, identity, new Date());
    if (!data.ok) throw new Error(data.message);
    const backupFile = join(dataDir, 'chiavi.cartella-backup');
    writeFileSync(backupFile, exportKeyringBackup({ ...data.value, cartelle: chiavi }, PASSPHRASE));

    // 2. Per build: a copy of the relay's data served with that build, and a browser profile
    //    that imports the backup at first run and syncs every room into IndexedDB.
    for (const [n, dist] of options.dists.entries()) {
      const dir = join(dataDir, `relay-${n}`);
      cpSync(seedDir, dir, { recursive: true });
      const name = dist ? basename(dist) : 'default';
      const vRelay = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir: dir, ...(dist ? { staticDir: dist } : {}) });
      const browser = await launchBrowser();
      const v: Variant = { name, relay: vRelay, browser, samples: [], importToListMs: 0 };
      variants.push(v);
      const first = await browser.newPage();
      await first.setViewportSize({ width: 1280, height: 900 });
      await first.goto(vRelay.url);
      const t1 = performance.now();
      await first.getByRole('button', { name: 'Ho una copia di sicurezza delle chiavi' }).click();
      await first.getByLabel('File della copia di sicurezza').setInputFiles(backupFile);
      await first.getByLabel('Passphrase della copia').fill(PASSPHRASE);
      await first.getByRole('button', { name: 'Importa e apri Cartella' }).click();
      await first.waitForFunction((testo) => document.querySelector('[data-testid="conteggio-cartelle"]')?.textContent === testo, conteggio, { timeout: 600_000, polling: 500 });
      await first.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="sync-ultima"]')?.textContent ?? ''), undefined, { timeout: 600_000, polling: 500 });
      await first.waitForFunction(() => /Nessuna modifica/.test(document.querySelector('[data-testid="sync-in-attesa"]')?.textContent ?? ''), undefined, { timeout: 600_000, polling: 500 });
      v.importToListMs = performance.now() - t1;
      log(`  cold start [${name}]: backup imported and ${cartelle} cartelle synced into the browser in ${(v.importToListMs / 1000).toFixed(1)} s`);
      await lockAndClose(first);
    }

    // 3. Cold starts of the same profiles, interleaved across builds (a warm-up each first).
    for (let i = 0; i < runs + 1; i++) {
      for (const v of variants) {
        const page = await v.browser.newPage();
        await page.setViewportSize({ width: 1280, height: 900 });
        const profiling = options.profileDir !== undefined && i === runs;
        const cdp = profiling || options.frames ? await v.browser.newCDPSession(page) : undefined;
        const frames = new Map<string, number>();
        if (cdp && options.frames) {
          await cdp.send('Network.enable');
          cdp.on('Network.webSocketFrameReceived', (e) => {
            const decoded = decodeFrame(Buffer.from(e.response.payloadData, 'base64'), Number.MAX_SAFE_INTEGER);
            const k = decoded.ok ? decoded.value.type : 'undecodable';
            frames.set(k, (frames.get(k) ?? 0) + 1);
          });
        }
        if (cdp && profiling) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        }
        const a = performance.now();
        await page.goto(v.relay.url, { waitUntil: 'commit' });
        const campo = page.getByLabel('Passphrase', { exact: true });
        await campo.waitFor({ timeout: 120_000 });
        await page.waitForFunction(() => !(document.getElementById('sblocco-passphrase') as HTMLInputElement | null)?.disabled, undefined, { timeout: 120_000 });
        const b = performance.now();
        await campo.fill(PASSPHRASE);
        if (cdp && profiling) await cdp.send('Profiler.start');
        const c = performance.now();
        await page.getByRole('button', { name: 'Sblocca' }).click();
        await page.waitForFunction((testo) => document.querySelector('[data-testid="conteggio-cartelle"]')?.textContent === testo, conteggio, { timeout: 300_000, polling: 'raf' });
        const d = performance.now();
        if (options.frames) log(`  frames received until the list: ${[...frames].map(([k, n]) => `${k} ${n}`).join(', ')}`);
        if (cdp && profiling && options.profileDir) {
          const { profile } = await cdp.send('Profiler.stop');
          mkdirSync(options.profileDir, { recursive: true });
          const file = join(options.profileDir, `coldstart-${v.name}.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          log(`  cold start [${v.name}]: CPU profile of the last run in ${file}`);
        }
        const sample = { toLockScreenMs: b - a, unlockToListMs: d - c, totalMs: (b - a) + (d - c) };
        if (i === 0) log(`  cold start [${v.name}] warm-up (not counted): lock screen ${sample.toLockScreenMs.toFixed(0)} ms, unlock → list ${sample.unlockToListMs.toFixed(0)} ms`);
        else {
          v.samples.push(sample);
          log(`  cold start [${v.name}] run ${i}/${runs}: lock screen ${sample.toLockScreenMs.toFixed(0)} ms, unlock → list of ${cartelle} ${sample.unlockToListMs.toFixed(0)} ms`);
        }
        await lockAndClose(page);
      }
    }
    return variants.map((v) => {
      const med = (k: keyof ColdStartSample): number => median(v.samples.map((s) => s[k]));
      return {
        cartelle, seedMs, importToListMs: v.importToListMs, samples: v.samples,
        median: { toLockScreenMs: med('toLockScreenMs'), unlockToListMs: med('unlockToListMs'), totalMs: med('totalMs') },
      };
    });
  } finally {
    for (const v of variants) {
      await v.browser.close().catch(() => undefined);
      await v.relay.close().catch(() => undefined);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Ends a page as a person does: once nothing waits to be sent, "Blocca" (the workspace is flushed
 * and closed, its local writes — acks, received envelopes — awaited). Closing the tab right after
 * the list left some writes undone, and the next cold start caught up on them (resyncs, outboxes).
 */
async function lockAndClose(page: Page): Promise<void> {
  await page.waitForFunction(() => /Nessuna modifica/.test(document.querySelector('[data-testid="sync-in-attesa"]')?.textContent ?? ''), undefined, { timeout: 300_000, polling: 500 });
  await page.locator('button.btn-blocca').click();
  await page.getByLabel('Passphrase', { exact: true }).waitFor({ timeout: 120_000 });
  await page.close();
}

function argValues(args: readonly string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1] as string] : []));
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const runs = Number(argValues(args, '--runs')[0] ?? 3);
  const cartelle = Number(argValues(args, '--cartelle')[0] ?? 500);
  const dists = argValues(args, '--dist');
  const profileDir = argValues(args, '--profile')[0];
  const results = await pwaColdStartCompare({
    runs, cartelle, dists: dists.length ? dists : [undefined], ...(profileDir ? { profileDir } : {}), frames: args.includes('--frames'), log: (l) => console.log(l),
  });
  results.forEach((r, n) => {
    const name = dists[n] ? basename(dists[n]) : 'default';
    console.log(`${name}: unlock → list median ${r.median.unlockToListMs.toFixed(0)} ms of [${r.samples.map((s) => s.unlockToListMs.toFixed(0)).join(', ')}]; lock screen ${r.median.toLockScreenMs.toFixed(0)} ms`);
  });
}
