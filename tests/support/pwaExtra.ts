/**
 * Extra steps for the PWA browser tests that need more than pwa.ts gives: a Chromium that
 * reuses a given profile folder (to relaunch the "same device"), a relay whose data folder
 * the test can read, opening a cartella, writing a diary entry, and dumping every IndexedDB
 * value of a page as bytes (for the at-rest checks).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createRelayServer, type RelayServer } from '../../server/app';
import { CHROMIUM } from './browser';
import { registraAccesso, sezione, type Persona } from './cartellaPwa';

/** A new, empty Chromium profile folder (the caller removes it). */
export function nuovoProfilo(): string {
  return mkdtempSync(join(tmpdir(), 'cartella-chromium-'));
}

/** Chromium as launchBrowser() starts it, but on the given profile folder (same device on relaunch). */
export function launchBrowserIn(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'it-IT',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export interface RelayConCartella {
  readonly server: RelayServer;
  readonly url: string;
  readonly dataDir: string;
  /** Stops the server; the data folder stays until `rimuovi()`. */
  ferma(): Promise<void>;
  rimuovi(): void;
}

/** The relay serving dist/, with a data folder the test can read. */
export async function avviaRelay(): Promise<RelayConCartella> {
  if (!existsSync(join(process.env.CARTELLA_DIST ?? join(process.cwd(), 'dist'), 'index.html'))) throw new Error('dist/ is missing: npx vite build');
  const dataDir = mkdtempSync(join(tmpdir(), 'cartella-browser-'));
  const server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
  let fermato = false;
  return {
    server,
    url: server.url,
    dataDir,
    async ferma() {
      if (fermato) return;
      fermato = true;
      await server.close();
    },
    rimuovi() { rmSync(dataDir, { recursive: true, force: true }); },
  };
}

/** Every file (recursively) in a folder, with its bytes. */
export function fileDellaCartella(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const nome of readdirSync(dir)) {
    const p = join(dir, nome);
    if (statSync(p).isDirectory()) out.push(...fileDellaCartella(p));
    else out.push({ path: p, bytes: readFileSync(p) });
  }
  return out;
}

/** Records a new access, takes the person in charge d'ufficio and opens the cartella; returns its id. */
export async function apriCartella(page: Page, persona: Persona): Promise<string> {
  await registraAccesso(page, persona);
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /D’ufficio/ }).check();
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await page.getByTestId('nome-cartella').waitFor();
  const id = /#\/cartella\/([^/]+)/.exec(page.url())?.[1] ?? '';
  if (!id) throw new Error(`no cartella id in ${page.url()}`);
  return id;
}

/** Writes and saves a diary entry in the open cartella; resolves once it is in the list. */
export async function scriviVoceDiario(page: Page, testo: string): Promise<void> {
  await sezione(page, 'Diario');
  await page.getByRole('button', { name: 'Nuova voce' }).click();
  await page.getByTestId('editor-nuova-voce').waitFor();
  await page.keyboard.type(testo);
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('voce-diario').filter({ hasText: testo }).waitFor();
}

/** The "pending changes" text of the sync status. */
export function inAttesa(page: Page): Promise<string | null> {
  return page.getByTestId('sync-in-attesa').textContent();
}

export interface ValoreIdb { db: string; store: string; bytes: Buffer }

/**
 * Every key and value of every object store of every IndexedDB database of the page's origin,
 * serialised to bytes: strings as UTF-8, ArrayBuffer/typed arrays/DataView as their bytes,
 * Blobs as their content, objects and arrays walked (property names included).
 */
export async function dumpIndexedDb(page: Page): Promise<ValoreIdb[]> {
  const righe = await page.evaluate(async () => {
    const enc = new TextEncoder();
    const b64 = (u: Uint8Array): string => {
      let s = '';
      for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode(...u.subarray(i, i + 0x8000));
      return btoa(s);
    };
    async function serializza(v: unknown, parti: Uint8Array[], visti: Set<unknown>): Promise<void> {
      if (v === null || v === undefined) return;
      if (typeof v === 'string') { parti.push(enc.encode(v)); return; }
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') { parti.push(enc.encode(String(v))); return; }
      if (typeof v !== 'object') return;
      if (visti.has(v)) return;
      visti.add(v);
      if (v instanceof ArrayBuffer) { parti.push(new Uint8Array(v)); return; }
      if (ArrayBuffer.isView(v)) { parti.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)); return; }
      if (v instanceof Blob) { parti.push(new Uint8Array(await v.arrayBuffer())); return; }
      if (v instanceof Date) { parti.push(enc.encode(v.toISOString())); return; }
      if (v instanceof Map) {
        for (const [k, x] of v) { await serializza(k, parti, visti); await serializza(x, parti, visti); }
        return;
      }
      if (v instanceof Set) { for (const x of v) await serializza(x, parti, visti); return; }
      for (const [k, x] of Object.entries(v)) {
        parti.push(enc.encode(k));
        await serializza(x, parti, visti);
      }
    }
    const richiesta = <T>(r: IDBRequest<T>): Promise<T> => new Promise((ok, ko) => {
      r.onsuccess = () => { ok(r.result); };
      r.onerror = () => { ko(r.error ?? new Error('IDBRequest failed')); };
    });
    const out: { db: string; store: string; b64: string }[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((ok, ko) => {
        const r = indexedDB.open(info.name ?? '');
        r.onsuccess = () => { ok(r.result); };
        r.onerror = () => { ko(r.error ?? new Error('open failed')); };
      });
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const tx = db.transaction(store, 'readonly');
          const os = tx.objectStore(store);
          const [chiavi, valori] = await Promise.all([richiesta(os.getAllKeys()), richiesta(os.getAll())]);
          for (let i = 0; i < valori.length; i++) {
            const parti: Uint8Array[] = [];
            await serializza(chiavi[i], parti, new Set());
            await serializza(valori[i], parti, new Set());
            const n = parti.reduce((a, p) => a + p.length + 1, 0);
            const tutto = new Uint8Array(n);
            let o = 0;
            // A zero byte between parts, so no marker is made up by joining two parts.
            for (const p of parti) { tutto.set(p, o); o += p.length + 1; }
            out.push({ db: info.name, store, b64: b64(tutto) });
          }
        }
      } finally {
        db.close();
      }
    }
    return out;
  });
  return righe.map((r) => ({ db: r.db, store: r.store, bytes: Buffer.from(r.b64, 'base64') }));
}

/** Which of the markers occur (as UTF-8 bytes) in which of the byte blobs, as readable lines. */
export function trovaMarcatori(blobs: { dove: string; bytes: Buffer }[], marcatori: readonly string[]): string[] {
  const trovati: string[] = [];
  for (const b of blobs) {
    for (const m of marcatori) if (b.bytes.includes(Buffer.from(m, 'utf8'))) trovati.push(`${m} in ${b.dove}`);
  }
  return trovati;
}
