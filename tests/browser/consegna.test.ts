/**
 * Handing a cartella over between two browser profiles, with the real screens (no test
 * bridge): Marco reads "il mio codice", Giulia prepares a link in "Équipe e chiavi" (consent
 * recorded), Marco opens it — the keys leave the address bar at once — unlocks, sees what he
 * receives, accepts, and the cartella syncs to him; Giulia's roster shows him as a member and
 * the hand-over in its log. Screenshots: consegna-*.png.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { dueColleghi, sblocca } from '../support/pwa';

const colleghi = dueColleghi();
let giulia: Page;
let marco: Page;
beforeAll(() => {
  ({ giulia, marco } = colleghi);
});

it('hands a cartella over by link between two profiles, recorded on the roster', { timeout: 120_000 }, async () => {
  await marco.getByRole('link', { name: 'Impostazioni' }).click();
  const codice = (await marco.getByTestId('mio-codice').textContent()) ?? '';
  expect(codice).toMatch(/^CODICE:/);

  await registraAccesso(giulia, { cognome: 'Ferri', nome: 'Anna' });
  await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
  await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
  await giulia.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await giulia.getByTestId('nome-cartella').waitFor();
  await sezione(giulia, 'Équipe e chiavi');
  await giulia.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
  await giulia.locator('#affida-nome').fill('Marco Rossi');
  await giulia.locator('#affida-codice').fill(codice.slice(0, -3));
  await giulia.getByRole('button', { name: 'Prepara la consegna' }).click();
  await expect.poll(() => giulia.locator('#affida-codice-errore').textContent()).toContain('non è valido');
  await giulia.locator('#affida-codice').fill(codice);
  await giulia.getByRole('button', { name: 'Prepara la consegna' }).click();
  const link = (await giulia.getByTestId('affida-link').textContent()) ?? '';
  expect(link).toContain('#ricevi=');
  await foto(giulia, 'consegna-01-link.png');

  await marco.goto('about:blank');
  await marco.goto(link);
  await sblocca(marco);
  expect(marco.url()).not.toContain('ricevi=');
  const riepilogo = marco.getByTestId('ricevi-riepilogo');
  await riepilogo.waitFor();
  expect(await riepilogo.textContent()).toContain('Da Giulia Bianchi');
  await foto(marco, 'consegna-02-ricevi.png');
  await marco.getByRole('button', { name: 'Accetta e apri la cartella' }).click();
  await expect.poll(() => marco.getByTestId('nome-cartella').textContent(), { timeout: 30_000 }).toContain('Ferri Anna');

  await expect.poll(async () => (await giulia.getByTestId('membro-equipe').allTextContents()).join(' | '), { timeout: 30_000 }).toContain('Marco Rossi');
  await expect.poll(() => giulia.getByTestId('storia-consegne').textContent(), { timeout: 30_000 }).toContain('Marco Rossi ha accettato la consegna');
  expect(await giulia.getByTestId('storia-consegne').textContent()).toContain('con il consenso della persona');
  await foto(giulia, 'consegna-03-equipe.png');

  // A second use of the same link on Marco's device is refused by name.
  await marco.goto('about:blank');
  await marco.goto(link);
  await sblocca(marco);
  await expect.poll(() => marco.getByTestId('ricevi-errore').textContent()).toBeTruthy();
});

it('shows the signed history, then revokes Marco: the new keys do not reach him', { timeout: 120_000 }, async () => {
  await giulia.getByRole('button', { name: 'Mostra la storia' }).click();
  await expect.poll(async () => (await giulia.getByTestId('voce-storia').allTextContents()).join(' | '), { timeout: 30_000 }).toContain('Marco Rossi');
  expect((await giulia.getByTestId('voce-storia').allTextContents()).join(' | ')).toContain('Giulia Bianchi');
  await foto(giulia, 'consegna-04-storia.png');

  const riga = giulia.getByTestId('membro-equipe').filter({ hasText: 'Marco Rossi' });
  await riga.getByRole('button', { name: 'Revoca l’accesso' }).click();
  await riga.getByRole('button', { name: 'Revoca e cambia le chiavi' }).click();
  await expect.poll(() => riga.getByTestId('revoca-errore').textContent()).toContain('motivo');
  await riga.getByLabel('Motivo della revoca').fill('Trasferito ad altro servizio.');
  await riga.getByRole('button', { name: 'Revoca e cambia le chiavi' }).click();
  await expect.poll(() => giulia.getByTestId('revoca-esito').textContent(), { timeout: 60_000 }).toContain('revocato');
  await expect.poll(() => giulia.getByTestId('storia-consegne').textContent()).toContain('ha revocato l’accesso di Marco Rossi');
  await foto(giulia, 'consegna-05-revoca.png');

  // Giulia writes after the revocation; Marco's copy never receives it.
  await sezione(giulia, 'Anagrafica');
  await giulia.getByRole('button', { name: 'Aggiungi componente' }).click();
  await giulia.locator('#nucleo-cognome').fill('Dopolarevoca');
  await giulia.locator('#nucleo-nome').fill('Carlo');
  await giulia.getByLabel('Relazione con la persona').selectOption({ index: 1 });
  await giulia.getByRole('button', { name: 'Aggiungi componente' }).last().click();
  await giulia.getByRole('rowheader', { name: /Dopolarevoca/ }).waitFor();
  await expect.poll(() => giulia.getByTestId('sync-in-attesa').textContent(), { timeout: 30_000 }).toContain('Nessuna modifica');
  await marco.getByRole('link', { name: 'Cartelle' }).first().click();
  await marco.getByRole('link', { name: /Ferri Anna/ }).click();
  await sezione(marco, 'Anagrafica');
  await new Promise((r) => setTimeout(r, 3_000));
  expect(await marco.getByRole('rowheader', { name: /Dopolarevoca/ }).count()).toBe(0);
});
