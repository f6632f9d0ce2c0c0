/**
 * Steps of the PWA shared by the browser tests: a relay serving dist/ on a free port, the
 * first run, unlocking and waiting for the unlocked shell. Each step awaits what a person
 * would see, never a fixed delay.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { createRelayServer, type RelayServer } from '../../server/app';

export const PASSPHRASE = 'cavallo batteria graffetta';

export interface TestRelay {
  readonly server: RelayServer;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * One relay and one Chromium for a whole test file, started before its tests and stopped after
 * them: `const banco = relayEBrowser();` then `banco.relay.url`, `banco.browser.newPage()`.
 */
export function relayEBrowser(): { readonly relay: TestRelay; readonly browser: BrowserContext } {
  let relay: TestRelay | undefined;
  let browser: BrowserContext | undefined;
  beforeAll(async () => {
    relay = await startRelay();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
  });
  return {
    get relay(): TestRelay {
      if (!relay) throw new Error('relayEBrowser: the relay starts in beforeAll');
      return relay;
    },
    get browser(): BrowserContext {
      if (!browser) throw new Error('relayEBrowser: Chromium starts in beforeAll');
      return browser;
    },
  };
}

/** Two colleagues, each on a browser profile of their own, set up once for a test file. */
export interface DueColleghi {
  readonly relay: TestRelay;
  readonly browserA: BrowserContext;
  readonly browserB: BrowserContext;
  /** Giulia Bianchi (assistente sociale) on profile A. */
  readonly giulia: Page;
  /** Marco Rossi on profile B (role as given). */
  readonly marco: Page;
}

/**
 * One relay and two Chromium profiles for a whole test file, each with a page at 1280×900 whose
 * first run is done (Giulia Bianchi, Marco Rossi): `const c = dueColleghi();` then `c.giulia`,
 * `c.marco`, `c.browserA.setOffline(…)`. Both profiles are back online before they close.
 */
export function dueColleghi(options: { marco?: { nome?: string; ruolo?: string }; timeoutMs?: number } = {}): DueColleghi {
  let state: DueColleghi | undefined;
  beforeAll(async () => {
    const relay = await startRelay();
    const [browserA, browserB] = await Promise.all([launchBrowser(), launchBrowser()]);
    const [giulia, marco] = await Promise.all([browserA.newPage(), browserB.newPage()]);
    state = { relay, browserA, browserB, giulia, marco };
    for (const p of [giulia, marco]) {
      await p.setViewportSize({ width: 1280, height: 900 });
      p.setDefaultTimeout(options.timeoutMs ?? 20_000);
      await p.goto(relay.url);
    }
    await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
    await primoAvvio(marco, { nome: options.marco?.nome ?? 'Marco Rossi', ...(options.marco?.ruolo ? { ruolo: options.marco.ruolo } : {}) });
  });
  afterAll(async () => {
    for (const b of [state?.browserA, state?.browserB]) {
      await b?.setOffline(false).catch(() => undefined);
      await b?.close();
    }
    await state?.relay.stop();
  });
  const get = (): DueColleghi => {
    if (!state) throw new Error('dueColleghi: the profiles start in beforeAll');
    return state;
  };
  return {
    get relay() { return get().relay; },
    get browserA() { return get().browserA; },
    get browserB() { return get().browserB; },
    get giulia() { return get().giulia; },
    get marco() { return get().marco; },
  };
}

/** The relay with a fresh SQLite folder, serving the built PWA (dist/). */
export async function startRelay(): Promise<TestRelay> {
  if (!existsSync(join(process.env.CARTELLA_DIST ?? join(process.cwd(), 'dist'), 'index.html'))) throw new Error('dist/ is missing: npm test builds it first (npx vite build)');
  const dataDir = mkdtempSync(join(tmpdir(), 'cartella-browser-'));
  const server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
  return {
    server,
    url: server.url,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fills the first-run form and creates the profile; resolves once the shell is shown. */
export async function primoAvvio(
  page: Page,
  options: { nome?: string; ruolo?: string; passphrase?: string } = {},
): Promise<void> {
  const passphrase = options.passphrase ?? PASSPHRASE;
  await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
  await page.getByLabel('Nome e cognome').fill(options.nome ?? 'Giulia Bianchi');
  await page.getByRole('radio', { name: options.ruolo ?? 'Assistente sociale' }).check();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Ripeti la passphrase').fill(passphrase);
  await page.getByRole('checkbox', { name: /Ho capito/ }).check();
  await page.getByRole('button', { name: 'Crea il profilo' }).click();
  await shellVisibile(page);
}

/** Types the passphrase on the lock screen and submits it. */
export async function inserisciPassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  const campo = page.getByLabel('Passphrase', { exact: true });
  await expect.poll(() => campo.isEnabled()).toBe(true);
  await campo.fill(passphrase);
  await page.getByRole('button', { name: 'Sblocca' }).click();
}

/** Unlocks with the right passphrase and waits for the shell. */
export async function sblocca(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await inserisciPassphrase(page, passphrase);
  await shellVisibile(page);
}

export async function shellVisibile(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigazione principale' }).waitFor();
}

/** The text of the connection state in the sync status ("In linea", "Non in linea", …). */
export function collegamento(page: Page): Promise<string | null> {
  return page.getByTestId('sync-collegamento').textContent();
}

/** One worker's browser on a fresh relay: what most browser test files set up in `beforeAll`. */
export interface PwaSession {
  readonly relay: TestRelay;
  readonly browser: BrowserContext;
  readonly page: Page;
}

/**
 * Starts a relay and Chromium, opens one 1280×900 page on the PWA and, unless `primoAvvio` is
 * false, goes through the first run with the given name.
 */
export async function apriPwa(options: { nome?: string; primoAvvio?: boolean } = {}): Promise<PwaSession> {
  const relay = await startRelay();
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.setDefaultTimeout(15_000);
  await page.goto(relay.url);
  if (options.primoAvvio !== false) await primoAvvio(page, { nome: options.nome ?? 'Giulia Bianchi' });
  return { relay, browser, page };
}

/** Closes what `apriPwa` opened (safe when it failed half-way). */
export async function chiudiPwa(session: Partial<PwaSession> | undefined): Promise<void> {
  await session?.browser?.close();
  await session?.relay?.stop();
}
