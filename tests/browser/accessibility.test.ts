/**
 * Accessibility (issue 4): axe-core, run in real Chromium, finds no serious or critical
 * violation on the main screens — first run, lock screen, the list, new access, and the
 * sections of a cartella (diary with its editor open, relazione).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prendiInCarico, registraAccesso, sezione } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, primoAvvio, sblocca, type PwaSession } from '../support/pwa';

const oggi = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
// Evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3).join(', ')}`);
}

let session: PwaSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await apriPwa({ primoAvvio: false });
  page = session.page;
});
afterAll(() => chiudiPwa(session));

describe('axe-core on the main screens', () => {
  it('first run has no serious violation', async () => {
    await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the list, the new access form and the lock screen have no serious violation', async () => {
    await primoAvvio(page, { nome: 'Giulia Bianchi' });
    expect(await violations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Nuovo accesso' }).first().click();
    await page.getByLabel('Cognome').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: /Blocca/ }).click();
    await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await sblocca(page);
    await page.getByRole('link', { name: 'Cartelle' }).first().click();
  });

  it('the sections of a cartella have no serious violation', async () => {
    await registraAccesso(page, { cognome: 'Esposito', nome: 'Anna' });
    expect(await violations(page)).toEqual([]);
    await prendiInCarico(page, { protocollo: '2026/123', ricezione: oggi });
    await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await page.getByTestId('nome-cartella').waitFor();
    for (const nome of ['Riepilogo', 'Anagrafica', 'Diario', 'Documenti', 'Procedimento', 'Relazioni', 'Progetto', 'Chiusura']) {
      await sezione(page, nome);
      const found = await violations(page);
      expect(found, nome).toEqual([]);
    }
  });

  it('the agenda, the statistics, the SIUSS flow and the settings with the keys have no serious violation', async () => {
    for (const [hash, titolo] of [['#/agenda', 'Agenda'], ['#/statistiche', 'Statistiche'], ['#/siuss', /Flusso SIUSS/], ['#/impostazioni', 'Impostazioni']] as const) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.getByRole('heading', { name: titolo, level: 1 }).waitFor();
      if (hash === '#/statistiche') await page.locator('.tabella-stat').first().waitFor();
      const found = await violations(page);
      expect(found, hash).toEqual([]);
    }
  });
});
