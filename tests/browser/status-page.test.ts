/**
 * In real Chromium: the relay serves the built PWA with its security headers, the Italian web
 * app manifest and the service worker; the page starts in Italian on its first-run screen.
 */
import { expect, it } from 'vitest';
import { relayEBrowser } from '../support/pwa';

const banco = relayEBrowser();

it('serves the PWA with its security headers, and the page starts in Italian', async () => {
  const page = await banco.browser.newPage();
  const response = await page.goto(banco.relay.url);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(await page.locator('html').getAttribute('lang')).toBe('it');
  await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
  expect(await page.title()).toBe('Cartella');
});

it('serves an Italian web app manifest named "Cartella" with its icons, and the service worker', async () => {
  const page = await banco.browser.newPage();
  await page.goto(banco.relay.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await page.request.get(new URL(href ?? '', banco.relay.url).toString())).json()) as {
    name: string; lang: string; display: string; icons: Array<{ src: string; sizes: string; purpose?: string }>;
  };
  expect(manifest).toMatchObject({ name: 'Cartella', lang: 'it', display: 'standalone' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    expect((await page.request.get(new URL(icon.src, banco.relay.url).toString())).status()).toBe(200);
  }
  const sw = await page.request.get(new URL('/sw.js', banco.relay.url).toString());
  expect(sw.status()).toBe(200);
  expect(await sw.text()).toContain('index.html');
});
