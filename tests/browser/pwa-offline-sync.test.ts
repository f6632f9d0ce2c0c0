/**
 * Writing offline and syncing later: two workers share a cartella; Giulia's device goes
 * offline, the page reloads from the service worker, she unlocks and writes a diary entry,
 * which waits as a pending change; once back online the entry reaches Marco and nothing is
 * left pending. Screenshots: pwa-offline-sync-*.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { affidaConLink, foto, sezione } from '../support/cartellaPwa';
import { collegamento, primoAvvio, sblocca, startRelay, type TestRelay } from '../support/pwa';
import { apriCartella, inAttesa, scriviVoceDiario } from '../support/pwaExtra';

let relay: TestRelay;
let browserA: BrowserContext;
let browserB: BrowserContext;
let giulia: Page;
let marco: Page;

const MARCATORE = `Voce scritta offline ${Date.now().toString(36)}-ofs`;

beforeAll(async () => {
  relay = await startRelay();
  [browserA, browserB] = await Promise.all([launchBrowser(), launchBrowser()]);
  [giulia, marco] = await Promise.all([browserA.newPage(), browserB.newPage()]);
  for (const p of [giulia, marco]) {
    await p.setViewportSize({ width: 1280, height: 900 });
    p.setDefaultTimeout(15_000);
  }
});
afterAll(async () => {
  await browserA?.setOffline(false).catch(() => undefined);
  await browserA?.close();
  await browserB?.close();
  await relay?.stop();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await foto(giulia, 'pwa-offline-sync-errore-giulia.png').catch(() => undefined);
  await foto(marco, 'pwa-offline-sync-errore-marco.png').catch(() => undefined);
});

describe('a diary entry written offline', () => {
  it('is shared by two workers first', { timeout: 60_000 }, async () => {
    await Promise.all([giulia.goto(relay.url), marco.goto(relay.url)]);
    await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
    await primoAvvio(marco, { nome: 'Marco Verdi' });
    await apriCartella(giulia, { cognome: 'Esposito', nome: 'Anna' });

    await affidaConLink(giulia, marco, { nome: 'Marco Verdi', ruolo: 'Assistente sociale' });
    await sezione(marco, 'Diario');
    await expect.poll(() => inAttesa(giulia)).toBe('Nessuna modifica in attesa di invio');
  });

  it('reloads from the service worker, waits as pending, then reaches the colleague once online', { timeout: 90_000 }, async () => {
    const t0 = Date.now();
    // The service worker must control the page before the network goes away.
    expect(await giulia.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
    await browserA.setOffline(true);
    await giulia.reload();
    await sblocca(giulia);
    await expect.poll(() => collegamento(giulia)).toBe('Non in linea');

    // The reload kept the address: the cartella is open again, from the device's own store.
    await expect.poll(() => giulia.getByTestId('nome-cartella').textContent()).toBe('Esposito Anna');
    await scriviVoceDiario(giulia, MARCATORE);
    await expect.poll(() => inAttesa(giulia)).toMatch(/^(1 modifica|\d+ modifiche) in attesa di invio$/);
    await foto(giulia, 'pwa-offline-sync-in-attesa.png');
    // Marco cannot have it yet.
    expect(await marco.getByTestId('voce-diario').filter({ hasText: MARCATORE }).count()).toBe(0);

    await browserA.setOffline(false);
    await expect.poll(() => collegamento(giulia), { timeout: 30_000 }).toBe('In linea');
    const voceMarco = marco.getByTestId('voce-diario').filter({ hasText: MARCATORE });
    await expect.poll(() => voceMarco.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => inAttesa(giulia), { timeout: 30_000 }).toBe('Nessuna modifica in attesa di invio');
    // Nothing lost, nothing doubled: the entry is there once on both devices.
    expect(await giulia.getByTestId('voce-diario').filter({ hasText: MARCATORE }).count()).toBe(1);
    await foto(marco, 'pwa-offline-sync-ricevuta.png');
    console.info(`offline→online round trip: ${Date.now() - t0} ms`);
  });
});
