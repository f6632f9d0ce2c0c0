/**
 * One tab at a time (Web Locks): a second tab of the same browser profile explains why it
 * cannot open Cartella and offers to take over; taking over makes the first tab save, lock
 * and show the same explanation, and the second tab asks for the passphrase.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { artifactsDir } from '../support/browser';
import { primoAvvio, sblocca, relayEBrowser } from '../support/pwa';

const banco = relayEBrowser();

const TITOLO_ALTRA_SCHEDA = 'Cartella è già aperta in un’altra scheda';

it('a second tab sees the takeover message; taking over locks the first tab', { timeout: 60_000 }, async () => {
  const prima = await banco.browser.newPage();
  await prima.goto(banco.relay.url);
  await primoAvvio(prima);

  const seconda = await banco.browser.newPage();
  await seconda.setViewportSize({ width: 1280, height: 720 });
  await seconda.goto(banco.relay.url);
  await seconda.getByRole('heading', { name: TITOLO_ALTRA_SCHEDA }).waitFor();
  expect(await seconda.getByRole('navigation', { name: 'Navigazione principale' }).count()).toBe(0);
  await seconda.screenshot({ path: join(artifactsDir(), 'altra-scheda.png'), fullPage: true });
  // The first tab is untouched meanwhile.
  expect(await prima.getByRole('navigation', { name: 'Navigazione principale' }).isVisible()).toBe(true);

  await seconda.getByRole('button', { name: 'Usa Cartella in questa scheda' }).click();
  await seconda.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  // The first tab lost the lock: it saved, locked (reload) and now is the one that waits.
  await prima.getByRole('heading', { name: TITOLO_ALTRA_SCHEDA }).waitFor();

  await sblocca(seconda);
  expect(await seconda.getByTestId('utente').textContent()).toContain('Giulia Bianchi');

  // And back: the first tab takes over again.
  await prima.getByRole('button', { name: 'Usa Cartella in questa scheda' }).click();
  await prima.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  await seconda.getByRole('heading', { name: TITOLO_ALTRA_SCHEDA }).waitFor();
  await sblocca(prima);

  // Closing the tab that holds the device lets the waiting one go on by itself.
  await prima.close({ runBeforeUnload: false });
  await seconda.getByRole('heading', { name: 'Cartella è bloccata' }).waitFor();
  await sblocca(seconda);
});
