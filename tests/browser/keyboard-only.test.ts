/**
 * Keyboard only (issue 4, item 8): a worker who never touches the mouse sets up the device,
 * moves around, locks and unlocks — Tab, Space, Enter, arrows and the shortcuts.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PASSPHRASE, shellVisibile, relayEBrowser } from '../support/pwa';

const banco = relayEBrowser();

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName.toLowerCase()}${el.type ? `:${el.type}` : ''}${el.id ? `#${el.id}` : ''}` : '';
  });

it('sets up, navigates, locks and unlocks with the keyboard alone', { timeout: 60_000 }, async () => {
  const page = await banco.browser.newPage();
  await page.goto(banco.relay.url);
  await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
  const k = page.keyboard;

  await k.press('Tab');
  expect(await focused(page)).toBe('input:text#primo-nome');
  await k.type('Marta Verdi');
  await k.press('Tab');
  expect(await focused(page)).toBe('input:radio');
  // In a radio group the arrows move and select: down twice is "Responsabile del servizio".
  await k.press('ArrowDown');
  await k.press('ArrowDown');
  expect(await page.getByRole('radio', { name: 'Responsabile del servizio' }).isChecked()).toBe(true);
  await k.press('Tab');
  expect(await focused(page)).toBe('input:password#primo-passphrase');
  await k.type(PASSPHRASE);
  await k.press('Tab');
  await k.type(PASSPHRASE);
  await k.press('Tab'); // "Mostra le passphrase"
  await k.press('Tab'); // "Ho capito…"
  expect(await focused(page)).toBe('input:checkbox#primo-capito');
  await k.press('Space');
  await k.press('Tab');
  await k.press('Enter');
  await shellVisibile(page);
  expect(await page.getByTestId('utente').textContent()).toContain('Responsabile del servizio');

  await k.press('Alt+KeyI');
  await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
  await k.press('Alt+KeyB');
  await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  // The passphrase field has the focus: type and Enter.
  await expect.poll(() => focused(page)).toBe('input:password#sblocco-passphrase');
  await k.type(PASSPHRASE);
  await k.press('Enter');
  await shellVisibile(page);
  expect(await page.evaluate(() => location.hash)).toBe('#/impostazioni');
});
