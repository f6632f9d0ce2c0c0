/**
 * The whole path of one cartella in Debian's Chromium, through the screens a social worker
 * uses: first run → new access → presa in carico → diary entry → documents → relazione →
 * proposed and confirmed closure, with a screenshot of each main screen (test-results/
 * screenshots/percorso-*.png). The tests of this file run in order on one device.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { artifactsDir, launchBrowser } from '../support/browser';
import { codiceFiscale, foto, prendiInCarico, registraAccesso, sezione } from '../support/cartellaPwa';
import { primoAvvio, startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browser: BrowserContext;
let page: Page;

const oggi = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
const CF = codiceFiscale('RSSMRA80A41H501');

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => { console.error('pageerror', e); });
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await foto(page, `percorso-errore-${ctx.task.name.slice(0, 20).replace(/\W+/g, '-')}.png`);
});
afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

/** Prints a document with the print dialog stubbed: a screenshot in print media and a PDF (A4, page numbers). */
async function stampaInPdf(pulsante: string, nome: string): Promise<void> {
  await page.evaluate(() => { window.print = () => undefined; });
  await page.getByTestId(pulsante).click();
  await page.getByTestId('foglio-stampa').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  // About the printable width of an A4 page (210 mm less the margins), as the sheet will be laid out.
  await page.setViewportSize({ width: 680, height: 960 });
  await foto(page, `${nome}.png`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.pdf({ path: join(artifactsDir(), `${nome}.pdf`), format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
}

describe('the path of a cartella, from the first access to its closure', () => {
  it('starts on an empty list after the first run', async () => {
    await page.goto(relay.url);
    await primoAvvio(page, { nome: 'Giulia Bianchi' });
    await page.getByText('Non ci sono ancora cartelle su questo dispositivo.').waitFor();
    await foto(page, 'percorso-01-elenco-vuoto.png');
    // The letterhead of the printed documents.
    await page.getByRole('link', { name: 'Impostazioni' }).click();
    await page.getByLabel('Nome dell’ente').fill('Comune di Valdimonte — Servizi sociali');
    await page.getByLabel('Indirizzo e recapiti').fill('Piazza del Municipio 1, 24020 Valdimonte (BG)\nTel. 035 000000 — PEC protocollo@pec.comune.valdimonte.it');
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await page.getByText('Impostazioni salvate.').waitFor();
    await page.getByRole('link', { name: 'Cartelle' }).first().click();
  });

  it('records a new access and takes the person in charge on an istanza', async () => {
    await registraAccesso(page, { cognome: 'Rossi', nome: 'Maria', cf: CF, nascita: '01/01/1980' });
    await foto(page, 'percorso-02-esito-segretariato.png');
    await prendiInCarico(page, { protocollo: '2025/1234', ricezione: oggi });
    await foto(page, 'percorso-03-presa-in-carico.png');
    await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await page.getByTestId('nome-cartella').waitFor();
    expect(await page.getByTestId('nome-cartella').textContent()).toBe('Rossi Maria');
    await expect.poll(() => page.getByTestId('cartella').getAttribute('data-stato')).toBe('aperta');
    await foto(page, 'percorso-04-riepilogo.png');
  });

  it('writes a diary entry live: the caret is in the editor at once', async () => {
    await sezione(page, 'Diario');
    await page.getByRole('button', { name: 'Nuova voce' }).click();
    const editor = page.getByTestId('editor-nuova-voce');
    await editor.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('editor-nuova-voce');
    await page.keyboard.type('Colloquio con la signora Rossi: racconta dello sfratto. ');
    await page.keyboard.type('Concordato un nuovo incontro.');
    await expect.poll(() => editor.textContent()).toContain('Concordato un nuovo incontro.');
    await foto(page, 'percorso-05-diario-scrittura.png');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('voce-diario').first().textContent()).toContain('Concordato un nuovo incontro.');
    await foto(page, 'percorso-06-diario.png');
  });

  it('registers the documents of the phase', async () => {
    await sezione(page, 'Documenti');
    await page.getByRole('button', { name: /Registra: Consenso firmato/ }).click();
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await page.getByRole('button', { name: /Registra: Stato di famiglia/ }).click();
    await page.getByRole('button', { name: 'Registra', exact: true }).click();
    await expect.poll(() => page.getByTestId('documento-registrato').count()).toBe(3);
    await foto(page, 'percorso-07-documenti.png');
  });

  it('records the comunicazione di avvio of the procedure and prints the letter', async () => {
    await sezione(page, 'Procedimento');
    await page.getByTestId('termini').waitFor();
    const modulo = page.getByTestId('modulo-comunicazione-avvio');
    expect(await modulo.getByLabel('Amministrazione competente').inputValue()).toBe('Comune di Valdimonte — Servizi sociali');
    await foto(page, 'percorso-08-procedimento.png');
    await modulo.getByRole('button', { name: 'Registra l’invio' }).click();
    await page.getByTestId('stampa-comunicazione').waitFor();
    await stampaInPdf('stampa-comunicazione', 'percorso-09-comunicazione-avvio');
  });

  it('writes a relazione sociale from the six-section template and prints it', async () => {
    await sezione(page, 'Relazioni');
    await page.getByRole('button', { name: 'Nuova relazione' }).click();
    await page.getByLabel('Destinatario').fill('Tribunale per i minorenni di Brescia');
    await page.getByRole('button', { name: 'Crea dal modello' }).click();
    const editor = page.getByTestId('editor-relazione');
    await editor.waitFor();
    await expect.poll(() => editor.locator('h2').count()).toBe(6);
    await editor.locator('h2', { hasText: 'Dati di contesto' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('La signora vive con due figli in un alloggio in affitto.');
    await foto(page, 'percorso-10-relazione.png');
    await stampaInPdf('stampa-relazione', 'percorso-11-relazione-stampa');
  });

  it('defines the progetto with an objective, records the signature and prints it', async () => {
    await sezione(page, 'Progetto');
    await page.getByLabel('Chiusura prevista').fill('31/12/2027');
    await page.getByRole('textbox', { name: 'Obiettivo', exact: true }).fill('Trovare un alloggio stabile entro l’estate.');
    await page.getByLabel('Risultati attesi').fill('Contratto di locazione firmato.');
    await page.getByLabel('Impegni della persona').fill('Cercare annunci ogni settimana e presentarsi agli appuntamenti.');
    await page.getByLabel('Sostegni dei servizi').fill('Contributo affitto e accompagnamento dell’educatrice.');
    await page.getByLabel('Tempi').fill('Sei mesi');
    await page.getByRole('button', { name: 'Definisci il progetto' }).click();
    await page.getByRole('button', { name: 'Registra la firma' }).click();
    await page.getByRole('button', { name: 'Registra la firma' }).last().click();
    await page.getByText('Firmato dalla persona il').waitFor();
    await foto(page, 'percorso-12-progetto.png');
    await stampaInPdf('stampa-progetto', 'percorso-13-progetto-stampa');
  });

  it('proposes and confirms the closure; the cartella becomes read-only', async () => {
    await sezione(page, 'Chiusura');
    await page.getByRole('radio', { name: /conclusione del processo di aiuto/ }).check();
    await page.getByRole('button', { name: 'Proponi la chiusura' }).click();
    await page.getByRole('heading', { name: 'Conferma la chiusura' }).waitFor();
    await foto(page, 'percorso-14-chiusura-proposta.png');
    await page.getByTestId('conferma-chiusura').click();
    await page.getByRole('dialog', { name: 'Chiudere la cartella?' }).waitFor();
    await foto(page, 'percorso-15-conferma.png', false);
    await page.getByTestId('chiudi-cartella').click();
    await page.getByTestId('avviso-chiusa').waitFor();
    await foto(page, 'percorso-16-chiusa.png');
    await sezione(page, 'Diario');
    expect(await page.getByRole('button', { name: 'Nuova voce' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Cartelle' }).first().click();
    await page.getByRole('link', { name: 'Rossi Maria' }).waitFor();
    await foto(page, 'percorso-17-elenco.png');
  });
});
