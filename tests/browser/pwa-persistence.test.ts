/**
 * The device keeps its work: after the first run and a cartella with a diary entry, Chromium
 * is closed entirely and started again on the same profile folder with the relay stopped; the
 * page comes from the service worker, the passphrase unlocks the device's own encrypted store,
 * and the cartella and its entry are there. Screenshot: pwa-persistence.png.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { foto, sezione } from '../support/cartellaPwa';
import { collegamento, primoAvvio, sblocca } from '../support/pwa';
import { apriCartella, avviaRelay, inAttesa, launchBrowserIn, nuovoProfilo, scriviVoceDiario, type RelayConCartella } from '../support/pwaExtra';

let relay: RelayConCartella;
let profilo: string;
let browser: BrowserContext | undefined;
let page: Page | undefined;

const VOCE = `Colloquio con la signora Ferraris, voce da ritrovare ${Date.now().toString(36)}.`;

beforeAll(async () => {
  relay = await avviaRelay();
  profilo = nuovoProfilo();
});
afterAll(async () => {
  await browser?.close();
  await relay?.ferma();
  relay?.rimuovi();
  if (profilo) rmSync(profilo, { recursive: true, force: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page && !page.isClosed()) await foto(page, 'pwa-persistence-errore.png').catch(() => undefined);
});

async function apri(): Promise<Page> {
  browser = await launchBrowserIn(profilo);
  const p = browser.pages()[0] ?? await browser.newPage();
  await p.setViewportSize({ width: 1280, height: 900 });
  p.setDefaultTimeout(15_000);
  page = p;
  return p;
}

it('keeps the cartella and its diary across a browser restart, with the relay stopped', { timeout: 90_000 }, async () => {
  let p = await apri();
  await p.goto(relay.url);
  await primoAvvio(p, { nome: 'Giulia Bianchi' });
  await apriCartella(p, { cognome: 'Ferraris', nome: 'Lucia' });
  await scriviVoceDiario(p, VOCE);
  await expect.poll(() => inAttesa(p)).toBe('Nessuna modifica in attesa di invio');
  expect(await p.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');

  await browser?.close();
  browser = undefined;
  await relay.ferma();

  const t0 = Date.now();
  p = await apri();
  await p.goto(relay.url);
  await sblocca(p);
  await expect.poll(() => collegamento(p)).toBe('Non in linea');
  await p.getByRole('link', { name: 'Ferraris Lucia' }).click();
  await expect.poll(() => p.getByTestId('nome-cartella').textContent()).toBe('Ferraris Lucia');
  await sezione(p, 'Diario');
  await expect.poll(() => p.getByTestId('voce-diario').filter({ hasText: VOCE }).count()).toBe(1);
  await foto(p, 'pwa-persistence.png');
  console.info(`relaunch → entry visible: ${Date.now() - t0} ms`);
});

