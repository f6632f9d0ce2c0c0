/**
 * In real Chromium: the relay serves the built PWA with its security headers, and the page
 * reports the relay's status in Italian.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { createRelayServer, type RelayServer } from '../../server/app';
import { artifactsDir, launchBrowser } from '../support/browser';

let server: RelayServer;
let browser: BrowserContext;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist', 'index.html'))) throw new Error('dist/ is missing: npm test builds it first (npx vite build)');
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-browser-'));
  server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('shows the relay as running, in Italian, on the page the relay serves', async () => {
  const page = await browser.newPage();
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect.poll(() => page.getByTestId('relay-state').textContent()).toBe('In funzione');
  expect(await page.locator('html').getAttribute('lang')).toBe('it');
  await page.screenshot({ path: join(artifactsDir(), 'relay-status.png'), fullPage: true });
});
