/**
 * A social worker at the front office with the keyboard alone: Alt+N opens the new access
 * with the caret in the first field, Ctrl+Invio saves it from the request, the outcome and
 * the presa in carico are chosen with Tab, Space and type-ahead, Alt+3 opens the diary,
 * Alt+V starts an entry with the caret in it, Ctrl+Invio ends it; back in the list, "/"
 * searches and Invio opens the first result.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foto } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, type PwaSession } from '../support/pwa';

let session: PwaSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await apriPwa({ nome: 'Giulia Bianchi' });
  page = session.page;
});
afterAll(() => chiudiPwa(session));
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await foto(page, 'tastiera-errore.png');
});

const attivo = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || undefined);
async function tab(volte = 1): Promise<void> {
  for (let i = 0; i < volte; i++) await page.keyboard.press('Tab');
}

describe('the keyboard alone', () => {
  it('records an access, takes the person in charge and writes the diary', async () => {
    await page.keyboard.press('Alt+n');
    await expect.poll(attivo).toBe('accesso-cognome');
    await page.keyboard.type('Gallo');
    await tab();
    await page.keyboard.type('Sara');
    while ((await attivo()) !== 'accesso-richiesta') await tab();
    await page.keyboard.type('Chiede informazioni sul centro diurno per la madre.');
    await tab(2);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await attivo()).toBe('accesso-richiesta');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Esito del segretariato' }).waitFor();

    // Outcome: the first radio of each group gets the focus with Tab, Space chooses it.
    await tab();
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: /Presa in carico/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /D’ufficio/ }).waitFor();
    await tab();
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: /D’ufficio/ }).isChecked()).toBe(true);
    while ((await attivo()) !== 'apertura-area') await tab();
    await page.keyboard.type('Anz');
    expect(await page.getByLabel('Area di utenza').inputValue()).toBe('anziani');
    while ((await attivo()) !== 'apertura-termine') await tab();
    await page.keyboard.press('Enter');
    await page.getByTestId('nome-cartella').waitFor();

    await page.keyboard.press('Alt+3');
    await page.getByRole('tab', { name: 'Diario', selected: true }).waitFor();
    await page.keyboard.press('Alt+v');
    await expect.poll(attivo).toBe('editor-nuova-voce');
    await page.keyboard.type('Telefonata della figlia: conferma l’interesse per il centro diurno.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('voce-diario').first().textContent()).toContain('conferma l’interesse per il centro diurno');
    expect(await attivo()).toBe('nuova-voce');
  });

  it('finds the cartella again from the list with "/" and Invio', async () => {
    await page.keyboard.press('Alt+l');
    await page.getByTestId('conteggio-cartelle').waitFor();
    await page.locator('body').focus();
    await page.keyboard.press('/');
    await expect.poll(attivo).toBe('cerca-cartelle');
    await page.keyboard.type('gallo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('nome-cartella').textContent()).toBe('Gallo Sara');
  });
});
