/**
 * An administrative worker's device holds only the admin part of a cartella (the
 * professional key never reaches it): the professional sections are absent — no tab, no
 * route — and what the administrative part allows still works and reaches the social
 * worker. Screenshot: amministrativo.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { affidaConLink, foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { primoAvvio, startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browserA: BrowserContext;
let browserB: BrowserContext;
let giulia: Page;
let luca: Page;

beforeAll(async () => {
  relay = await startRelay();
  [browserA, browserB] = await Promise.all([launchBrowser(), launchBrowser()]);
  [giulia, luca] = await Promise.all([browserA.newPage(), browserB.newPage()]);
  for (const p of [giulia, luca]) {
    await p.setViewportSize({ width: 1280, height: 900 });
    p.setDefaultTimeout(20_000);
  }
});
afterAll(async () => {
  await browserA?.close();
  await browserB?.close();
  await relay?.stop();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await foto(luca, 'amministrativo-errore.png');
});

describe('an administrative device', () => {
  it('shows only the administrative sections, and its work reaches the social worker', { timeout: 90_000 }, async () => {
    await Promise.all([giulia.goto(relay.url), luca.goto(relay.url)]);
    await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
    await primoAvvio(luca, { nome: 'Luca Neri', ruolo: 'Personale amministrativo' });
    await registraAccesso(giulia, { cognome: 'Ferri', nome: 'Paola' });
    await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
    await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
    await giulia.getByLabel('Area di utenza').selectOption({ label: 'Anziani' });
    await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await giulia.getByTestId('nome-cartella').waitFor();
    const id = /#\/cartella\/([^/]+)/.exec(giulia.url())?.[1] ?? '';
    const visto = await affidaConLink(giulia, luca, { nome: 'Luca Neri', ruolo: 'Personale amministrativo' });
    // The hand-over itself says that the professional part does not travel.
    expect(visto).toContain('Solo la parte amministrativa');

    expect(await luca.getByRole('tab').allTextContents()).toEqual(['Riepilogo', 'Anagrafica', 'Documenti', 'Procedimento', 'Chiusura', 'Équipe e chiavi']);
    await luca.getByText(/c’è solo la parte amministrativa/).waitFor();
    // A professional section by its address is not there either.
    await luca.evaluate((c) => { location.hash = `#/cartella/${c}/diario`; }, id);
    await luca.getByRole('tab', { name: 'Riepilogo', selected: true }).waitFor();
    expect(await luca.getByTestId('diario').count()).toBe(0);
    await foto(luca, 'amministrativo.png');

    await sezione(luca, 'Documenti');
    await luca.getByRole('button', { name: /Registra: Stato di famiglia/ }).click();
    await luca.getByRole('button', { name: 'Registra', exact: true }).click();
    await sezione(giulia, 'Documenti');
    await expect.poll(() => giulia.locator('.tabella-documenti').textContent(), { timeout: 20_000 }).toContain('Luca Neri');
  });
});
