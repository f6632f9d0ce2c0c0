/**
 * The PWA section: what a device downloads (dist/: Workbox precache and gzip-9 JS) and how fast
 * the cartella screens are with realistic volumes in Debian's Chromium (playwright-core, the
 * flags of tests/support/browser.ts).
 *
 * The screens are measured on the browser-test harness (tests/support/harness: the real
 * ElencoCartelle and CartellaView mounted by Vite's dev server on demo cartelle fetched as
 * plain Yjs updates from /demo/, with a stand-in session and workspace) — NOT on the built PWA
 * with an unlocked keyring and sealed envelopes in IndexedDB: no decryption, no IndexedDB read,
 * no relay, and modules served unbundled by the dev server. See the method text in report.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../tests/support/browser';
import { diarioLungo } from '../tests/support/diarioLungo';
import { avviaBanco, cartelleDemo, type Banco } from '../tests/support/harness';
import { ROOT } from './support/processes';
import { pwaColdStartBench, type ColdStartResult } from './pwaColdStart';
import { median } from './support/stats';

/** The issue's budget for the shipped JavaScript. */
export const JS_GZIP_TARGET_BYTES = 400 * 1024;

export interface ChunkSize {
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface BundleResult {
  readonly distBuiltAt: string;
  /** Source files under client/, crdt/, crypto/ modified after dist/sw.js (dist may be stale). */
  readonly newerSources: string[];
  readonly precacheEntries: number;
  readonly precacheBytes: number;
  /** Precache entries the manifest lists but dist/ lacks. */
  readonly precacheMissing: string[];
  readonly jsFiles: number;
  readonly jsRawBytes: number;
  readonly jsGzipBytes: number;
  /** The page's own JS (dist/assets/*.js), without the service worker (sw.js, workbox-*.js). */
  readonly appJsGzipBytes: number;
  /** WebAssembly files (libsodium's, taken out of its JS by vite.config.ts), gzip -9: not JS, reported beside it. */
  readonly wasmGzipBytes?: number;
  readonly wasmRawBytes?: number;
  readonly biggest: ChunkSize[];
}

export interface ListSample {
  /** Navigation (page.goto) until the count reads "500 cartelle su questo dispositivo", measured in Node. */
  readonly totalMs: number;
  /** Same end point, in the page's clock (from its navigation start). */
  readonly inPageMs: number;
  /** Harness: fetching + applying the 500 × (admin, prof) Yjs updates. */
  readonly loadDocsMs: number;
  /** Documents ready → count shown (summaries read + list rendered). */
  readonly docsToListMs: number;
  /** Sum of the `cartelle:lettura` performance measures (reading the summaries). */
  readonly summariesMs: number;
  readonly links: number;
}

export interface DiarySample {
  /** page.goto of #/cartella/<id>/diario in a fresh page until the first entry is in the DOM (Node clock). */
  readonly navigationMs: number;
  /** In an app already booted on that cartella's list: hash change to the diary until the first entry is painted. */
  readonly inAppMs: number;
  readonly entriesShown: number;
}

export interface PwaResult {
  readonly chromium: string;
  readonly cartelle: number;
  readonly voci: number;
  readonly bundle: BundleResult;
  readonly list: { readonly warmupMs: number; readonly samples: ListSample[]; readonly median: ListSample };
  readonly diary: { readonly samples: DiarySample[]; readonly median: DiarySample };
  /** The real app (bench/pwaColdStart.ts); absent in results recorded before it existed. */
  readonly coldStart?: ColdStartResult;
}

export interface PwaOptions {
  readonly runs: number;
  readonly cartelle?: number;
  readonly voci?: number;
  readonly log: (line: string) => void;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

export function measureBundle(): BundleResult {
  const dist = join(ROOT, 'dist');
  const sw = join(dist, 'sw.js');
  if (!existsSync(sw)) throw new Error('dist/sw.js is missing: build with `npx vite build` first');
  const swText = readFileSync(sw, 'utf8');
  const manifest = /precacheAndRoute\(\s*(\[[\s\S]*?\])/.exec(swText)?.[1];
  if (!manifest) throw new Error('no precacheAndRoute([...]) manifest in dist/sw.js');
  const urls = [...manifest.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1] as string);
  if (urls.length === 0) throw new Error('empty precache manifest in dist/sw.js');
  let precacheBytes = 0;
  const precacheMissing: string[] = [];
  for (const url of urls) {
    const file = join(dist, url);
    if (existsSync(file)) precacheBytes += statSync(file).size;
    else precacheMissing.push(url);
  }
  const chunks: ChunkSize[] = walk(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(f);
      return { file: relative(dist, f), rawBytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const wasm = walk(dist).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(f));
  const builtAt = statSync(sw).mtimeMs;
  const newerSources = ['client', 'crdt', 'crypto']
    .flatMap((d) => (existsSync(join(ROOT, d)) ? walk(join(ROOT, d)) : []))
    .filter((f) => /\.(tsx?|css|html)$/.test(f) && !/\.test\.tsx?$/.test(f) && statSync(f).mtimeMs > builtAt)
    .map((f) => relative(ROOT, f));
  return {
    distBuiltAt: new Date(builtAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC',
    newerSources,
    precacheEntries: urls.length,
    precacheBytes,
    precacheMissing,
    jsFiles: chunks.length,
    jsRawBytes: chunks.reduce((s, c) => s + c.rawBytes, 0),
    jsGzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
    appJsGzipBytes: chunks.filter((c) => c.file.startsWith('assets/')).reduce((s, c) => s + c.gzipBytes, 0),
    wasmGzipBytes: wasm.reduce((s, b) => s + gzipSync(b, { level: 9 }).byteLength, 0),
    wasmRawBytes: wasm.reduce((s, b) => s + b.byteLength, 0),
    biggest: chunks.slice(0, 5),
  };
}

const CONTEGGIO = (n: number): string => `${n} cartelle su questo dispositivo`;

/** One cold load of the list in a fresh Chromium profile (cold HTTP cache). */
async function listRun(banco: Banco, cartelle: number): Promise<ListSample> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const t0 = performance.now();
    await page.goto(banco.url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      (testo) => document.querySelector('[data-testid="conteggio-cartelle"]')?.textContent === testo && performance.now(),
      CONTEGGIO(cartelle), { polling: 'raf', timeout: 120_000 });
    const totalMs = performance.now() - t0;
    const inPageMs = Number(await handle.jsonValue());
    const info = await page.evaluate(() => {
      const banco = (window as unknown as { __banco?: { msCaricamento: number; pronteA: number } }).__banco;
      return {
      loadDocsMs: banco?.msCaricamento ?? Number.NaN,
      pronteA: banco?.pronteA ?? Number.NaN,
      summariesMs: performance.getEntriesByName('cartelle:lettura').reduce((s, e) => s + e.duration, 0),
      links: document.querySelectorAll('a.link-cartella').length,
      };
    });
    if (info.links !== cartelle) throw new Error(`the list shows ${info.links} links, expected ${cartelle}`);
    return { totalMs, inPageMs, loadDocsMs: info.loadDocsMs, docsToListMs: inPageMs - info.pronteA, summariesMs: info.summariesMs, links: info.links };
  } finally {
    await browser.close();
  }
}

async function firstEntry(page: Page): Promise<void> {
  await page.getByTestId('voce-diario').first().waitFor({ timeout: 120_000 });
}

async function diaryRun(banco: Banco, id: string): Promise<DiarySample> {
  const browser: BrowserContext = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(`${banco.url}#/cartella/${id}/diario`, { waitUntil: 'commit' });
    await firstEntry(page);
    const navigationMs = performance.now() - t0;
    // In-app: back to the list (one cartella), then the hash change a click on a link makes.
    await page.evaluate(() => { location.hash = ''; });
    await page.waitForFunction(() => document.querySelector('[data-testid="voce-diario"]') === null && document.querySelector('[data-testid="conteggio-cartelle"]') !== null, undefined, { timeout: 60_000 });
    // A string, not a function: tsx's esbuild would wrap inner named functions in __name(), absent in the page.
    const inAppMs = Number(await page.evaluate(`(async () => {
      const t = performance.now();
      location.hash = ${JSON.stringify(`#/cartella/${id}/diario`)};
      await new Promise((resolve, reject) => {
        const limit = setTimeout(() => reject(new Error('no diary entry after 60 s')), 60000);
        const check = () => {
          if (document.querySelector('[data-testid="voce-diario"]')) { clearTimeout(limit); resolve(); } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t;
    })()`));
    const entriesShown = await page.getByTestId('voce-diario').count();
    return { navigationMs, inAppMs, entriesShown };
  } finally {
    await browser.close();
  }
}

function medianOf<T extends object>(samples: readonly T[]): T {
  const first = samples[0];
  if (!first) throw new Error('no samples');
  const out: Record<string, number> = {};
  for (const key of Object.keys(first)) out[key] = median(samples.map((s) => (s as Record<string, number>)[key] as number));
  return out as T;
}

export async function pwaBench(options: PwaOptions): Promise<PwaResult> {
  const { runs, log } = options;
  const cartelle = options.cartelle ?? 500;
  const voci = options.voci ?? 2000;
  log('  bundle: dist/ precache and gzip-9 JS');
  const bundle = measureBundle();
  log(`  precache ${bundle.precacheEntries} entries, ${(bundle.precacheBytes / 1024).toFixed(1)} KiB; JS ${bundle.jsFiles} files, ${(bundle.jsGzipBytes / 1024).toFixed(1)} KiB gzip`);
  if (bundle.newerSources.length) log(`  warning: ${bundle.newerSources.length} source files are newer than dist/sw.js (${bundle.newerSources.slice(0, 3).join(', ')}…)`);

  log(`  demo data: ${cartelle} demo cartelle (seed 42) and a diary of ${voci} entries (cached in the temp folder; about a minute the first time)`);
  const demoDir = cartelleDemo(42, cartelle);
  const diario = diarioLungo(voci);
  const banco = await avviaBanco();
  let chromium = 'unknown';
  try {
    // Warm-up (not counted): Vite transforms the harness's modules on first request.
    banco.usa(demoDir);
    const warm = await listRun(banco, cartelle);
    log(`  warm-up list load (dev server transforming modules, not counted): ${warm.totalMs.toFixed(0)} ms`);
    {
      const b = await launchBrowser();
      chromium = b.browser()?.version() ?? 'unknown';
      await b.close();
    }
    const listSamples: ListSample[] = [];
    const diarySamples: DiarySample[] = [];
    for (let i = 0; i < runs; i++) {
      banco.usa(demoDir);
      const l = await listRun(banco, cartelle);
      listSamples.push(l);
      log(`  run ${i + 1}/${runs}: list of ${cartelle}: ${l.totalMs.toFixed(0)} ms (documents ${l.loadDocsMs.toFixed(0)} ms, documents → list ${l.docsToListMs.toFixed(0)} ms, summaries ${l.summariesMs.toFixed(0)} ms)`);
      banco.usa(diario.dir);
      if (i === 0) await diaryRun(banco, diario.id); // warm-up for the diary's modules, not counted
      const d = await diaryRun(banco, diario.id);
      diarySamples.push(d);
      log(`  run ${i + 1}/${runs}: diary of ${voci}: navigation ${d.navigationMs.toFixed(0)} ms, in-app ${d.inAppMs.toFixed(0)} ms (${d.entriesShown} entries shown)`);
    }
    return {
      chromium,
      cartelle,
      voci,
      bundle,
      list: { warmupMs: warm.totalMs, samples: listSamples, median: medianOf(listSamples) },
      diary: { samples: diarySamples, median: medianOf(diarySamples) },
      coldStart: await pwaColdStartBench({ runs, cartelle, log }),
    };
  } finally {
    await banco.close();
  }
}
