/**
 * Offline start (issue 4, item 6): after the first visit the service worker has precached the
 * app, so with the network off the page reloads, unlocks and shows the shell, and the sync
 * status says "Non in linea".
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { artifactsDir } from '../support/browser';
import { collegamento, primoAvvio, sblocca, relayEBrowser } from '../support/pwa';

const banco = relayEBrowser();

it('starts, unlocks and works with the network off after the first visit', { timeout: 60_000 }, async () => {
  const page = await banco.browser.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(banco.relay.url);
  await primoAvvio(page);
  await expect.poll(() => collegamento(page)).toBe('In linea');
  // The service worker is active once its install (the precache) completed.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  const precached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  expect(precached).toEqual(expect.arrayContaining(['/index.html', '/manifest.webmanifest']));
  expect(precached.some((u) => /\/assets\/sodium-.*\.js$/.test(u))).toBe(true);

  await banco.browser.setOffline(true);
  try {
    await page.reload();
    await sblocca(page);
    await expect.poll(() => collegamento(page)).toBe('Non in linea');
    await page.screenshot({ path: join(artifactsDir(), 'offline.png'), fullPage: true });
    // Navigation and settings still work without the network.
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
    await page.getByLabel('Blocca dopo quanti minuti di inattività').fill('30');
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await expect.poll(() => page.getByTestId('imp-esito').textContent()).toBe('Impostazioni salvate.');
  } finally {
    await banco.browser.setOffline(false);
  }
});
