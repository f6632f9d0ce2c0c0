/**
 * Continuity in real Chromium (docs/RECOVERY.md): Giulia's profile gets the ente's public
 * recovery key in the settings and the app deposits her cartella's recovery copy on the relay
 * (the settings say so); her laptop is then "lost" (the profile closed for good). The
 * responsabile, on a new profile, types the printed private key — a typo first, refused in
 * Italian — and gets the cartella back, named, with Giulia named as the one whose device sealed
 * the copy; the cartella opens with what Giulia wrote. Screenshots: recupero-*.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { generateRecoveryKey, initSodium, recoveryPrivateKeyToText, recoveryPublicKeyToText, type RecoveryKeyPair } from '../../crypto';
import { launchBrowser } from '../support/browser';
import { foto, registraAccesso } from '../support/cartellaPwa';
import { primoAvvio, startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browserA: BrowserContext | undefined;
let browserR: BrowserContext | undefined;
let ente: RecoveryKeyPair;

beforeAll(async () => {
  await initSodium();
  ente = generateRecoveryKey();
  relay = await startRelay();
});
afterAll(async () => {
  await browserA?.close();
  await browserR?.close();
  await relay?.stop();
});

async function pagina(browser: BrowserContext): Promise<Page> {
  const p = await browser.newPage();
  await p.setViewportSize({ width: 1280, height: 900 });
  p.setDefaultTimeout(20_000);
  await p.goto(relay.url);
  return p;
}

it('recovers a lost laptop\'s cartella on the responsabile\'s new profile with the printed key alone', { timeout: 180_000 }, async () => {
  browserA = await launchBrowser();
  const giulia = await pagina(browserA);
  await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
  await registraAccesso(giulia, { cognome: 'Moretti', nome: 'Luca' });
  await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
  await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
  await giulia.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await giulia.getByTestId('nome-cartella').waitFor();

  // Without the ente's key the settings say continuity is off.
  await giulia.goto(`${relay.url}/#/impostazioni`);
  await expect.poll(() => giulia.getByTestId('continuita-assente').isVisible()).toBe(true);
  await giulia.getByLabel('Chiave pubblica di recupero').fill(recoveryPublicKeyToText(ente.publicKey));
  await giulia.getByRole('button', { name: 'Imposta la chiave di recupero' }).click();
  await expect.poll(() => giulia.getByTestId('continuita-stato').textContent(), { timeout: 30_000 })
    .toBe('La cartella ha la sua copia di recupero sul server.');
  await foto(giulia, 'recupero-1-continuita-attiva.png');
  await browserA.close(); // the laptop is lost
  browserA = undefined;

  browserR = await launchBrowser();
  const resp = await pagina(browserR);
  await primoAvvio(resp, { nome: 'Rita Neri', ruolo: 'Responsabile del servizio' });
  await resp.goto(`${relay.url}/#/impostazioni`);
  await resp.getByTestId('vai-recupero').click();
  await resp.getByRole('heading', { name: 'Recupera cartelle con la chiave dell’ente' }).waitFor();

  const stampata = recoveryPrivateKeyToText(ente);
  // One character wrong: the checksum catches it, nothing is asked of the server.
  const ultimo = stampata.at(-1) === 'A' ? 'B' : 'A';
  await resp.getByLabel('Chiave di recupero privata').fill(`${stampata.slice(0, -1)}${ultimo}`);
  await resp.getByRole('button', { name: 'Recupera le cartelle' }).click();
  await expect.poll(() => resp.getByRole('alert').first().textContent()).toMatch(/errore|battitura|non valid/i);

  // Typed as people do: lower case, spaces instead of the hyphens between the groups.
  const [prefisso, gruppi] = stampata.split(':') as [string, string];
  await resp.getByLabel('Chiave di recupero privata').fill(`${prefisso.toLowerCase()}: ${gruppi.toLowerCase().replace(/-/g, ' ')}`);
  await resp.getByRole('button', { name: 'Recupera le cartelle' }).click();
  const riga = resp.getByTestId('recupero-riga');
  await riga.waitFor({ timeout: 40_000 });
  await expect.poll(() => riga.getAttribute('data-stato')).toBe('recuperata');
  expect(await riga.textContent()).toContain('Moretti Luca');
  expect(await riga.textContent()).toContain('Giulia Bianchi');
  expect(await resp.getByLabel('Chiave di recupero privata').inputValue()).toBe('');
  await foto(resp, 'recupero-2-esito.png');

  await riga.getByRole('link', { name: 'Apri' }).click();
  await expect.poll(() => resp.getByTestId('nome-cartella').textContent()).toContain('Moretti');
});
