/**
 * The sync status follows the relay (issue 4, item 5): "In linea" while the socket is open,
 * "Non in linea" when the relay goes away, "In linea" again once it is back on the same
 * address (the transport reconnects by itself, with jittered backoff).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { createRelayServer, type RelayServer } from '../../server/app';
import { launchBrowser } from '../support/browser';
import { collegamento, primoAvvio } from '../support/pwa';

let dataDir: string;
let relay: RelayServer | undefined;
let browser: BrowserContext;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-browser-'));
  relay = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('says "Non in linea" when the relay stops and "In linea" when it is back', { timeout: 60_000 }, async () => {
  const running = relay;
  if (!running) throw new Error('relay not started');
  const page = await browser.newPage();
  await page.goto(running.url);
  await primoAvvio(page);
  await expect.poll(() => collegamento(page)).toBe('In linea');
  expect(await page.getByTestId('sync-ultima').textContent()).toMatch(/^Ultima sincronizzazione: \d\d:\d\d$/);

  const port = running.port;
  await running.close();
  relay = undefined;
  await expect.poll(() => collegamento(page)).toBe('Non in linea');
  // The last sync time stays: it is when this device was last known to be in sync.
  expect(await page.getByTestId('sync-ultima').textContent()).toMatch(/^Ultima sincronizzazione: \d\d:\d\d$/);

  relay = await createRelayServer({ port, host: '127.0.0.1', dataDir });
  await expect.poll(() => collegamento(page), { timeout: 20_000 }).toBe('In linea');
});
