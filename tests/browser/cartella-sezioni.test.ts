/**
 * The other sections of an open cartella, through their screens: the household, a phase
 * change refused with what is missing, a verbale d'équipe and a valutazione written in the
 * shared editor, the determinazione of the procedure, a prestazione with the SIUSS data it
 * still lacks. Screenshots: sezioni-*.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, type PwaSession } from '../support/pwa';

let session: PwaSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await apriPwa({ nome: 'Giulia Bianchi' });
  page = session.page;
  await registraAccesso(page, { cognome: 'Bruno', nome: 'Elena' });
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /D’ufficio/ }).check();
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await page.getByTestId('nome-cartella').waitFor();
});
afterAll(() => chiudiPwa(session));
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await foto(page, `sezioni-errore-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`);
});

describe('the sections of a cartella', () => {
  it('adds a member of the household', async () => {
    await sezione(page, 'Anagrafica');
    await page.getByRole('button', { name: 'Aggiungi componente' }).click();
    await page.locator('#nucleo-cognome').fill('Bruno');
    await page.locator('#nucleo-nome').fill('Tommaso');
    await page.getByLabel('Relazione con la persona').selectOption({ label: 'Figlio/a' });
    await page.locator('#nucleo-nascita').fill('12/09/2015');
    await page.getByRole('button', { name: 'Aggiungi componente' }).last().click();
    await page.getByRole('rowheader', { name: 'Bruno Tommaso' }).waitFor();
    await foto(page, 'sezioni-01-anagrafica-nucleo.png');
  });

  it('refuses a phase change while documents are missing, and says which', async () => {
    await sezione(page, 'Riepilogo');
    await page.getByLabel('Nuova fase').selectOption({ label: 'Valutazione del bisogno' });
    await page.getByRole('button', { name: 'Cambia fase' }).click();
    await expect.poll(() => page.locator('.cambia-fase [role="alert"]').textContent()).toContain('mancano');
    await foto(page, 'sezioni-02-cambio-fase-rifiutato.png');
  });

  it('writes a verbale d’équipe and a valutazione in the shared editor', async () => {
    await sezione(page, 'Verbali équipe');
    await page.getByRole('button', { name: 'Nuovo verbale' }).click();
    await page.getByRole('button', { name: 'Crea il verbale' }).click();
    await expect.poll(() => page.locator('#verbale-partecipanti-errore').textContent()).toContain('almeno due partecipanti');
    await page.getByLabel('Partecipanti').fill('Giulia Bianchi (servizio sociale)\nLaura Conti (neuropsichiatria infantile)');
    await page.getByRole('button', { name: 'Crea il verbale' }).click();
    await page.getByRole('textbox', { name: /Testo del verbale/ }).waitFor();
    await page.keyboard.type('Condiviso il progetto scolastico di Tommaso; prossimo incontro tra un mese.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.elemento-testo').first().textContent()).toContain('prossimo incontro tra un mese');
    await foto(page, 'sezioni-03-verbali.png');

    await sezione(page, 'Valutazione');
    await page.getByRole('button', { name: 'Nuova valutazione' }).click();
    await page.getByLabel('Tipo').selectOption({ label: 'Valutazione del bisogno' });
    await page.getByRole('button', { name: 'Crea la valutazione' }).click();
    await page.getByRole('textbox', { name: /Valutazione del bisogno del/ }).waitFor();
    await page.keyboard.type('Bisogno abitativo e di sostegno educativo per il figlio.');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.elemento-testo').first().textContent()).toContain('sostegno educativo');
    await foto(page, 'sezioni-04-valutazione.png');
  });

  it('records the determinazione of the procedure', async () => {
    await sezione(page, 'Procedimento');
    await page.locator('summary', { hasText: 'Registra la determinazione' }).click();
    await page.locator('#determinazione-numero').fill('DT-2025-118');
    await page.locator('#determinazione-esito').selectOption({ label: 'Accolta' });
    await page.getByRole('button', { name: 'Registra la determinazione' }).click();
    await page.getByText(/Determinazione n\. DT-2025-118/).waitFor();
    await foto(page, 'sezioni-05-procedimento.png');
  });

  it('registers a prestazione, refuses a malformed code inline and lists the SIUSS data still missing', async () => {
    await sezione(page, 'Procedimento');
    const p = page.getByTestId('prestazioni');
    await p.getByText('Nessuna prestazione registrata.').waitFor();
    await p.getByRole('button', { name: 'Registra una prestazione' }).click();
    await page.getByRole('button', { name: 'Registra la prestazione' }).click();
    await expect.poll(() => page.locator('#prestazione-codicePrestazione-errore').textContent()).toContain('obbligatori');
    await page.locator('#prestazione-codicePrestazione').fill('A1');
    await page.locator('#prestazione-denominazione').fill('Contributo economico per il canone di locazione');
    await page.locator('#prestazione-protocolloDomanda').fill('2025/1302');
    await page.locator('#prestazione-presenzaProvaMezzi').selectOption({ label: 'Nessuna prova dei mezzi' });
    await page.locator('#prestazione-importo').fill('cento');
    await page.getByRole('button', { name: 'Registra la prestazione' }).click();
    await expect.poll(() => page.locator('#prestazione-importo-errore').textContent()).toContain('Un importo in euro');
    await page.locator('#prestazione-importo').fill('250,50');
    await page.getByRole('button', { name: 'Registra la prestazione' }).click();
    await expect.poll(() => p.locator('[role="alert"]').first().textContent()).toBeTruthy();
    expect(await p.getByTestId('riga-prestazione').count()).toBe(0);
    await page.locator('#prestazione-codicePrestazione').fill('A1.02');
    await page.getByRole('button', { name: 'Registra la prestazione' }).click();
    const riga = p.getByTestId('riga-prestazione');
    await riga.waitFor();
    expect(await riga.textContent()).toContain('250,50 €');
    const mancanti = await riga.getByTestId('siuss-mancanti').textContent();
    expect(mancanti).toContain('codice fiscale (Anagrafica)');
    expect(mancanti).toContain('luogo di nascita');
    await foto(page, 'sezioni-06-prestazioni.png');
  });

  it('shows in Équipe that the keys are on this device alone, the roster and who opened the cartella', async () => {
    await sezione(page, 'Équipe e chiavi');
    await page.getByTestId('chiavi-solo-qui').waitFor();
    expect(await page.getByTestId('membro-equipe').count()).toBe(1);
    expect(await page.getByTestId('membro-equipe').first().textContent()).toContain('Giulia Bianchi');
    expect(await page.getByTestId('storia-consegne').textContent()).toContain('Giulia Bianchi ha aperto la cartella');
    await foto(page, 'sezioni-07-equipe.png');
  });

  it('finds words of a verbale from the list of cartelle, with the place and the word marked', async () => {
    await page.getByRole('link', { name: 'Cartelle' }).first().click();
    await page.locator('#cerca-cartelle').fill('scolast');
    const r = page.getByTestId('risultati-testo');
    await r.waitFor({ timeout: 20_000 });
    expect(await r.textContent()).toContain('Bruno Elena');
    expect(await r.textContent()).toContain('Verbale d’équipe');
    expect(await r.locator('mark').first().textContent()).toBe('scolastico');
    await foto(page, 'sezioni-08-ricerca.png');
  });
});
