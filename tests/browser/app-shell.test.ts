/**
 * The app shell in Debian's Chromium, served by the relay: first run, the sealed keyring at
 * rest, unlock (wrong and right passphrase), lock, settings, keyboard shortcuts and labels.
 * The tests of this file run in order on one browser profile (one device).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactsDir, launchBrowser } from '../support/browser';
import { collegamento, inserisciPassphrase, PASSPHRASE, primoAvvio, sblocca, shellVisibile, startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
});
afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifactsDir(), name), fullPage: true });
}

/** The sealed keyring as stored in IndexedDB 'cartella-device' (bytes as a plain array). */
function keyringAtRest(p: Page): Promise<number[] | null> {
  return p.evaluate(
    () =>
      new Promise<number[] | null>((resolve, reject) => {
        const open = indexedDB.open('cartella-device');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('keyring', 'readonly').objectStore('keyring').get('sealed');
          get.onsuccess = () => {
            const v: unknown = get.result;
            db.close();
            resolve(v instanceof Uint8Array ? Array.from(v) : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

describe('first run, unlock and lock', () => {
  it('judges a new passphrase inline and refuses to create without the warning acknowledged', async () => {
    const response = await page.goto(relay.url);
    expect(response?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
    await shot('primo-avvio.png');

    await page.getByLabel('Passphrase', { exact: true }).fill('juventus');
    await expect.poll(() => page.getByText('La passphrase deve avere almeno 10 caratteri.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/troppo facile da indovinare/).isVisible()).toBe(true);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Ripeti la passphrase').fill('cavallo batteria graffett0');
    await page.getByLabel('Ripeti la passphrase').blur();
    await expect.poll(() => page.getByText('Le due passphrase non coincidono.').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Crea il profilo' }).click();
    await expect.poll(() => page.getByText('Scrivi il tuo nome e cognome.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Scegli il tuo ruolo.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Conferma di aver letto l’avviso sulla passphrase.').isVisible()).toBe(true);
    // The first field in error has the focus, and nothing was written.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('primo-nome');
    expect(await keyringAtRest(page)).toBeNull();
    await shot('primo-avvio-errori.png');
  });

  it('creates the profile, opens the shell and keeps only the sealed keyring at rest', async () => {
    await page.reload();
    await primoAvvio(page, { nome: 'Giulia Bianchi', ruolo: 'Assistente sociale' });
    await expect.poll(() => page.getByTestId('utente').textContent()).toBe('Operatore collegato: Giulia BianchiAssistente sociale');
    await expect.poll(() => collegamento(page)).toBe('In linea');
    await expect.poll(() => page.getByTestId('sync-in-attesa').textContent()).toBe('Nessuna modifica in attesa di invio');
    await expect.poll(() => page.getByTestId('sync-ultima').textContent()).toMatch(/^Ultima sincronizzazione: \d\d:\d\d$/);
    await shot('shell.png');

    const sealed = await keyringAtRest(page);
    expect(sealed).not.toBeNull();
    const bytes = Buffer.from(sealed ?? []);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('CRTKEYR1');
    for (const marker of ['Giulia', 'Bianchi', 'assistente_sociale', 'lockAfterMinutes']) {
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
    }
  });

  it('after a reload is locked: a wrong passphrase is refused by name, the right one unlocks', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sblocco-passphrase');
    await shot('sblocco.png');

    await inserisciPassphrase(page, 'cavallo batteria graffetto');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Passphrase errata.');
    await expect.poll(() => page.getByLabel('Passphrase', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot('sblocco-errata.png');

    await sblocca(page, PASSPHRASE);
    await expect.poll(() => page.getByTestId('utente').textContent()).toBe('Operatore collegato: Giulia BianchiAssistente sociale');
  });

  it('shows "Sblocco in corso…" while Argon2id runs, then "Apertura delle cartelle…"', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
    // Record every state the unlock shows (the page paints it before Argon2id blocks the thread).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statiSblocco: string[] }).statiSblocco = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="sblocco-stato"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await inserisciPassphrase(page, PASSPHRASE);
    await shellVisibile(page);
    const seen = await page.evaluate(() => (window as unknown as { statiSblocco: string[] }).statiSblocco);
    expect(seen).toEqual(['Sblocco in corso…', 'Apertura delle cartelle…']);
  });

  it('"Blocca" locks the app and asks for the passphrase again', async () => {
    await page.getByRole('button', { name: 'Blocca' }).click();
    await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigazione principale' }).count()).toBe(0);
    await sblocca(page);
  });
});

describe('settings', () => {
  it('refuses invalid values inline, saves valid ones in the keyring, and keeps them after a lock', async () => {
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
    expect(await page.title()).toBe('Impostazioni — Cartella');
    expect(await page.getByRole('link', { name: 'Impostazioni' }).getAttribute('aria-current')).toBe('page');
    const minuti = page.getByLabel('Blocca dopo quanti minuti di inattività');
    expect(await minuti.inputValue()).toBe('15');

    await minuti.fill('0');
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await expect.poll(() => page.getByText('Indica un numero intero di minuti tra 1 e 240.').isVisible()).toBe(true);
    await minuti.fill('241');
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await expect.poll(() => page.getByText('Indica un numero intero di minuti tra 1 e 240.').isVisible()).toBe(true);

    await minuti.fill('20');
    await page.getByLabel('Nome dell’ente').fill('Comune di Valdimonte — Servizi sociali');
    await page.getByLabel('Indirizzo e recapiti').fill('Piazza del Municipio 1, 24010 Valdimonte (BG)\nTel. 035 000000 · PEC servizisociali@pec.valdimonte.it');
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await expect.poll(() => page.getByTestId('imp-esito').textContent()).toBe('Impostazioni salvate.');
    await shot('impostazioni.png');

    const sealed = Buffer.from((await keyringAtRest(page)) ?? []);
    expect(sealed.includes(Buffer.from('Valdimonte'))).toBe(false);

    await page.getByRole('button', { name: 'Blocca' }).click();
    await sblocca(page);
    expect(await page.evaluate(() => location.hash)).toBe('#/impostazioni');
    await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
    expect(await page.getByLabel('Blocca dopo quanti minuti di inattività').inputValue()).toBe('20');
    expect(await page.getByLabel('Nome dell’ente').inputValue()).toBe('Comune di Valdimonte — Servizi sociali');
    expect(await page.getByLabel('Indirizzo e recapiti').inputValue()).toContain('\nTel. 035 000000');
  });
});

describe('keyboard and labels', () => {
  it('moves around with the shortcuts and shows them in "Scorciatoie"', async () => {
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('Alt+KeyN');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/nuovo');
    await page.keyboard.press('Alt+KeyL');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
    await page.keyboard.press('Alt+KeyI');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/impostazioni');

    // "/" goes to the list and focuses its search field.
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    // …where "?" is an ordinary character.
    await page.keyboard.type('?');
    await expect.poll(() => page.getByTestId('scorciatoie').isVisible()).toBe(false);

    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('Shift+?');
    await expect.poll(() => page.getByTestId('scorciatoie').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('dialog').getByText('Blocca Cartella').isVisible()).toBe(true);
    await shot('scorciatoie.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scorciatoie').isVisible()).toBe(false);

    await page.keyboard.press('Alt+KeyB');
    await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
    await sblocca(page);
  });

  it('gives every control of the shell an Italian accessible name', async () => {
    for (const hash of ['#/impostazioni', '#/']) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction((h) => location.hash === h, hash);
      const unnamed = await page.evaluate(() => {
        const controls = [...document.querySelectorAll<HTMLElement>('header input, header button, header a, main input, main select, main textarea, main button')];
        return controls
          .filter((el) => el.offsetParent !== null)
          .filter((el) => {
            const labelled = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement
              ? (el.labels?.length ?? 0) > 0
              : (el.textContent ?? '').trim() !== '';
            return !labelled && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby');
          })
          .map((el) => el.outerHTML.slice(0, 120));
      });
      expect(unnamed).toEqual([]);
    }
  });

  it('shows a visible focus ring when moving with Tab', async () => {
    await page.reload();
    await sblocca(page);
    await page.keyboard.press('Tab'); // the skip link
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenuto');
    expect(await page.evaluate(() => location.hash)).toBe('#/');
  });
});
