/**
 * An offline conflict and its resolution, through the screens: two workers of the same
 * cartella change the same phone number while the relay is down; when it is back, both see
 * the conflict on the riepilogo with both values, who wrote them and when; one worker keeps
 * a value and the conflict is gone for both. Screenshot: conflitto.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createRelayServer, type RelayServer } from '../../server/app';
import { launchBrowser } from '../support/browser';
import { affidaConLink, foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { collegamento, primoAvvio } from '../support/pwa';

let dataDir: string;
let server: RelayServer;
let browserA: BrowserContext;
let browserB: BrowserContext;
let giulia: Page;
let marco: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-conflitti-'));
  server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir, closeGraceMs: 200 });
  [browserA, browserB] = await Promise.all([launchBrowser(), launchBrowser()]);
  [giulia, marco] = await Promise.all([browserA.newPage(), browserB.newPage()]);
  for (const p of [giulia, marco]) {
    await p.setViewportSize({ width: 1280, height: 900 });
    p.setDefaultTimeout(20_000);
  }
});
afterAll(async () => {
  await browserA?.close();
  await browserB?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await foto(giulia, 'conflitto-errore-giulia.png');
  await foto(marco, 'conflitto-errore-marco.png');
});

async function telefono(p: Page, numero: string): Promise<void> {
  await sezione(p, 'Anagrafica');
  await p.getByLabel('Telefono').fill(numero);
  await p.getByRole('button', { name: 'Salva l’anagrafica' }).click();
  await p.getByText('Anagrafica salvata.').waitFor();
}

describe('an offline conflict', () => {
  it('is shown to both workers and resolved by one of them', { timeout: 120_000 }, async () => {
    const url = server.url;
    await Promise.all([giulia.goto(url), marco.goto(url)]);
    await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
    await primoAvvio(marco, { nome: 'Marco Verdi' });
    await registraAccesso(giulia, { cognome: 'Colombo', nome: 'Luca' });
    await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
    await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
    await giulia.getByLabel('Area di utenza').selectOption({ label: 'Dipendenze' });
    await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await giulia.getByTestId('nome-cartella').waitFor();
    await affidaConLink(giulia, marco, { nome: 'Marco Verdi', ruolo: 'Assistente sociale' });

    // The relay goes down; both change the same field.
    const port = server.port;
    await server.close();
    await expect.poll(() => collegamento(giulia), { timeout: 20_000 }).toBe('Non in linea');
    await expect.poll(() => collegamento(marco), { timeout: 20_000 }).toBe('Non in linea');
    await telefono(giulia, '035 111111');
    await telefono(marco, '035 222222');

    server = await createRelayServer({ port, host: '127.0.0.1', dataDir, closeGraceMs: 200 });
    for (const p of [giulia, marco]) {
      await sezione(p, 'Riepilogo');
      await p.getByTestId('conflitti').waitFor({ timeout: 60_000 });
      const testo = await p.getByTestId('conflitti').textContent();
      expect(testo).toContain('035 111111');
      expect(testo).toContain('035 222222');
      expect(testo).toContain('Giulia Bianchi');
      expect(testo).toContain('Marco Verdi');
    }
    await foto(giulia, 'conflitto.png');

    await giulia.locator('.valore-conflitto', { hasText: '035 222222' }).getByRole('button', { name: 'Tieni questo valore' }).click();
    for (const p of [giulia, marco]) {
      await p.getByTestId('conflitti').waitFor({ state: 'detached', timeout: 30_000 });
      await sezione(p, 'Anagrafica');
      await expect.poll(() => p.getByLabel('Telefono').inputValue()).toBe('035 222222');
    }
  });
});
