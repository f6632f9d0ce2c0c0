/**
 * In real Chromium: the relay serves the built PWA with its security headers, the Italian web
 * app manifest and the service worker; the page starts in Italian on its first-run screen.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browser: BrowserContext;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

it('serves the PWA with its security headers, and the page starts in Italian', async () => {
  const page = await browser.newPage();
  const response = await page.goto(relay.url);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(await page.locator('html').getAttribute('lang')).toBe('it');
  await page.getByRole('heading', { name: 'Configura Cartella su questo dispositivo' }).waitFor();
  expect(await page.title()).toBe('Cartella');
});

it('serves an Italian web app manifest named "Cartella" with its icons, and the service worker', async () => {
  const page = await browser.newPage();
  await page.goto(relay.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await page.request.get(new URL(href ?? '', relay.url).toString())).json()) as {
    name: string; lang: string; display: string; icons: Array<{ src: string; sizes: string; purpose?: string }>;
  };
  expect(manifest).toMatchObject({ name: 'Cartella', lang: 'it', display: 'standalone' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    expect((await page.request.get(new URL(icon.src, relay.url).toString())).status()).toBe(200);
  }
  const sw = await page.request.get(new URL('/sw.js', relay.url).toString());
  expect(sw.status()).toBe(200);
  expect(await sw.text()).toContain('index.html');
});
