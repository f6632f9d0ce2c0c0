/**
 * Bad input gets an Italian message next to the field and saves nothing: empty required
 * fields, impossible dates, a malformed codice fiscale, values the model refuses (its
 * message placed next to the field), a document without its description, a transfer
 * without its destination. Screenshots: errori-*.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { codiceFiscale, foto, sezione } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, type PwaSession } from '../support/pwa';

let session: PwaSession | undefined;
let page: Page;

beforeAll(async () => {
  session = await apriPwa({ nome: 'Giulia Bianchi' });
  page = session.page;
});
afterAll(() => chiudiPwa(session));
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await foto(page, `errori-fallito-${ctx.task.name.slice(0, 24).replace(/\W+/g, '-')}.png`);
});

/** The inline error shown for a control (given as a locator, or by its label). */
async function erroreDi(controllo: string | RegExp | Locator): Promise<string | null> {
  const loc = typeof controllo === 'string' || controllo instanceof RegExp ? page.getByLabel(controllo).first() : controllo;
  const id = await loc.getAttribute('id');
  const el = page.locator(`#${id}-errore`);
  return (await el.count()) ? el.textContent() : null;
}

describe('bad input', () => {
  it('refuses an empty scheda with a message next to each required field, and creates nothing', async () => {
    await page.getByRole('link', { name: 'Nuovo accesso' }).first().click();
    await page.getByLabel('Data dell’accesso').fill('');
    await page.getByRole('button', { name: 'Registra l’accesso' }).click();
    await expect.poll(() => erroreDi('Cognome')).toBe('Scrivi il cognome.');
    expect(await erroreDi(page.getByRole('textbox', { name: 'Nome', exact: true }))).toBe('Scrivi il nome.');
    expect(await erroreDi('Richiesta')).toBe('Scrivi la richiesta della persona.');
    expect(await erroreDi('Data dell’accesso')).toBe('Indica la data.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('accesso-cognome');
    expect(await page.getByLabel('Cognome').getAttribute('aria-invalid')).toBe('true');
    await foto(page, 'errori-01-scheda-vuota.png');
    await page.getByRole('link', { name: 'Cartelle' }).first().click();
    await page.getByText('Non ci sono ancora cartelle su questo dispositivo.').waitFor();
  });

  it('refuses impossible dates and a codice fiscale whose control character is wrong', async () => {
    await page.getByRole('link', { name: 'Nuovo accesso' }).first().click();
    const cf = codiceFiscale('RSSMRA80A41H501');
    const sbagliato = cf.slice(0, 15) + (cf.endsWith('A') ? 'B' : 'A');
    await page.getByLabel(/Codice fiscale/).fill(sbagliato);
    await page.getByLabel(/Data di nascita/).fill('31/02/2020');
    await page.getByLabel('Data dell’accesso').fill('15/13/2025');
    await page.getByLabel(/Telefono/).focus();
    await expect.poll(() => erroreDi(/Codice fiscale/)).toContain('Il codice fiscale non è valido');
    expect(await erroreDi(/Data di nascita/)).toBe('Il giorno 31/02/2020 non esiste nel calendario.');
    await page.getByLabel('Cognome').focus();
    expect(await erroreDi('Data dell’accesso')).toBe('Il mese 13 non esiste: i mesi vanno da 1 a 12.');
    await page.getByLabel('Data dell’accesso').fill('01/01/2099');
    await page.getByLabel('Cognome').focus();
    await expect.poll(() => erroreDi('Data dell’accesso')).toBe('La data non può essere nel futuro.');
    await foto(page, 'errori-02-date-e-codice-fiscale.png');
    // Corrected, the same form saves.
    await page.getByLabel(/Codice fiscale/).fill(cf);
    await page.getByLabel(/Data di nascita/).fill('29/02/2020');
    await page.getByLabel('Data dell’accesso').fill('');
    await page.getByLabel('Data dell’accesso').press('t');
    await page.getByLabel('Cognome').fill('Rossi');
    await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Maria');
    await page.getByLabel('Richiesta').fill('Informazioni sull’assistenza domiciliare.');
    await page.getByRole('checkbox', { name: /Informativa privacy/ }).check();
    await page.getByRole('button', { name: 'Registra l’accesso' }).click();
    await page.getByRole('heading', { name: 'Esito del segretariato' }).waitFor();
  });

  it('places the model’s refusal next to its field and saves none of the other changes', async () => {
    await page.getByRole('radio', { name: /Presa in carico/ }).check();
    await page.getByRole('radio', { name: /Istanza del cittadino/ }).check();
    await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await expect.poll(() => erroreDi('Numero di protocollo')).toBe('Un’istanza richiede il numero di protocollo.');
    expect(await erroreDi('Data di ricezione')).toBe('Indica la data di ricezione dell’istanza.');
    expect(await erroreDi('Area di utenza')).toBe('Scegli l’area di utenza.');
    await foto(page, 'errori-03-presa-in-carico.png');
    await page.getByRole('radio', { name: /D’ufficio/ }).check();
    await page.getByLabel('Area di utenza').selectOption({ label: 'Anziani' });
    await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await page.getByTestId('nome-cartella').waitFor();

    await sezione(page, 'Anagrafica');
    await page.getByLabel('Telefono').fill('035 123456');
    await page.getByLabel(/Codice catastale/).fill('1234');
    await page.getByRole('button', { name: 'Salva l’anagrafica' }).click();
    await expect.poll(() => erroreDi(/Codice catastale/)).toBe('Il valore del campo «Codice catastale di nascita» non è valido.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('anagrafica-codiceCatastaleNascita');
    await foto(page, 'errori-04-anagrafica.png');
    // Nothing half-saved: the phone number did not go in with the refused change.
    await sezione(page, 'Riepilogo');
    await sezione(page, 'Anagrafica');
    expect(await page.getByLabel('Telefono').inputValue()).toBe('');
  });

  it('asks for the description of an "altro" document and the destination of a transfer', async () => {
    await sezione(page, 'Documenti');
    await page.getByTestId('registra-documento').click();
    await page.getByRole('combobox', { name: 'Documento', exact: true }).selectOption({ label: 'Altro documento' });
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await expect.poll(() => erroreDi(/^Descrizione/)).toBe('Descrivi il documento.');
    await foto(page, 'errori-05-documento.png');

    await sezione(page, 'Chiusura');
    await page.getByRole('radio', { name: /trasferimento/ }).check();
    await page.getByRole('button', { name: 'Proponi la chiusura' }).click();
    await expect.poll(() => erroreDi(/Dove si è trasferita/)).toBe('Indica dove si è trasferita la persona.');
    await foto(page, 'errori-06-chiusura.png');
    expect(await page.getByTestId('cartella').getAttribute('data-stato')).toBe('aperta');
  });
});
