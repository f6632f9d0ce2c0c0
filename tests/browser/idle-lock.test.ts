/**
 * The app locks itself after the minutes of inactivity set in Impostazioni. Time is
 * Playwright's fake clock (installed before the page loads), moved forward explicitly: the
 * real setting (1 minute, the smallest allowed) is tested without waiting a minute.
 */
import { expect, it } from 'vitest';
import { primoAvvio, relayEBrowser } from '../support/pwa';

const banco = relayEBrowser();

it('locks after the configured idle minutes, and input in between postpones the lock', { timeout: 60_000 }, async () => {
  const page = await banco.browser.newPage();
  await page.clock.install();
  await page.goto(banco.relay.url);
  await primoAvvio(page);
  const nav = page.getByRole('navigation', { name: 'Navigazione principale' });

  await page.getByRole('link', { name: 'Impostazioni' }).click();
  await page.getByLabel('Blocca dopo quanti minuti di inattività').fill('1');
  await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
  await expect.poll(() => page.getByTestId('imp-esito').textContent()).toBe('Impostazioni salvate.');

  // 40 s idle, then a key press: the minute starts again.
  await page.clock.fastForward(40_000);
  expect(await nav.isVisible()).toBe(true);
  await page.keyboard.press('Shift');
  await page.clock.fastForward(40_000);
  expect(await nav.isVisible()).toBe(true);

  // A full minute with nothing: locked.
  await page.clock.fastForward(61_000);
  await page.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  expect(await nav.count()).toBe(0);
});
