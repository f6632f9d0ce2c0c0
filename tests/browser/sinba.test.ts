/**
 * The scheda SINBA and the SINBA flow, in Chromium: the scheda appears under the anagrafica of
 * a minor (and not of an adult), is filled with the SINBA codes by their Italian labels and says
 * what is still missing; on the SIUSS screen the SINBA flow lists the minor whose scheda is
 * incomplete, and the downloaded XML validates against INPS's SINBA.xsd with xmllint, naming the
 * complete minor only by the pseudonym of the ente's key. Screenshots: sinba-*.png.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { initSodium } from '../../crypto';
import { parsePseudonymKeyText, sinbaPseudonym } from '../../crdt/siuss';
import { codiceFiscale, foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, type PwaSession } from '../support/pwa';
import { XmlFiles, validate, xpath, XSD_SINBA } from '../siuss/xmllint';

let session: PwaSession | undefined;
let page: Page;
let files: XmlFiles;

const oggi = new Date();
const gg = (d: Date): string => `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
const anno = oggi.getFullYear();
const COMPLETO = { cognome: 'Ferrandoni', nome: 'Tommaso', cf: codiceFiscale(`FRRTMS${String(anno - 10).slice(2)}C10X003`), nascita: `10/03/${anno - 10}` };
const INCOMPLETO = { cognome: 'Galvesi', nome: 'Irene', cf: codiceFiscale(`GLVRNI${String(anno - 7).slice(2)}E52X004`), nascita: `12/05/${anno - 7}` };

/** A new cartella for `p` taken in charge d'ufficio (area famiglia e minori), with its residence codes. */
async function cartellaMinore(p: typeof COMPLETO): Promise<void> {
  await page.goto(`${session?.relay.url ?? ''}#/`);
  await registraAccesso(page, p);
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /D’ufficio/ }).check();
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await page.getByTestId('nome-cartella').waitFor();
  await sezione(page, 'Anagrafica');
  await page.locator('#anagrafica-codiceNazioneResidenza').fill('380');
  await page.locator('#anagrafica-codiceRegioneResidenza').fill('99');
  await page.getByRole('button', { name: 'Salva' }).first().click();
  await page.getByTestId('scheda-sinba').waitFor();
}

/** Registers a one-off prestazione paid today. */
async function prestazione(codice: string): Promise<void> {
  await sezione(page, 'Procedimento');
  const p = page.getByTestId('prestazioni');
  await p.getByRole('button', { name: 'Registra una prestazione' }).click();
  await page.locator('#prestazione-codicePrestazione').fill(codice);
  await page.locator('#prestazione-denominazione').fill('Interventi educativi domiciliari per minori');
  await page.locator('#prestazione-protocolloDomanda').fill(`${anno}/31`);
  await page.locator('#prestazione-presenzaProvaMezzi').selectOption({ label: 'Nessuna prova dei mezzi' });
  await page.locator('#prestazione-dataErogazione').fill(gg(oggi));
  await page.locator('#prestazione-importo').fill('300');
  await page.getByRole('button', { name: 'Registra la prestazione' }).click();
  await p.getByTestId('riga-prestazione').waitFor();
}

beforeAll(async () => {
  await initSodium();
  files = new XmlFiles();
  session = await apriPwa({ nome: 'Giulia Bianchi' });
  page = session.page;
}, 120_000);
afterAll(async () => {
  files?.dispose();
  await chiudiPwa(session);
});

describe('scheda SINBA in the cartella', () => {
  it('is not shown for an adult', async () => {
    await registraAccesso(page, { cognome: 'Adultini', nome: 'Marco', nascita: '05/05/1970' });
    await page.getByRole('radio', { name: /Presa in carico/ }).check();
    await page.getByRole('radio', { name: /D’ufficio/ }).check();
    await page.getByLabel('Area di utenza').selectOption({ label: 'Povertà, disagio adulti e senza dimora' });
    await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await page.getByTestId('nome-cartella').waitFor();
    await sezione(page, 'Anagrafica');
    await page.locator('#anagrafica-cognome').waitFor();
    expect(await page.getByTestId('scheda-sinba').count()).toBe(0);
  });

  it('is filled for a minor with the SINBA codes by their labels, and then says it is complete', async () => {
    await cartellaMinore(COMPLETO);
    const scheda = page.getByTestId('scheda-sinba');
    expect(await scheda.getByTestId('sinba-mancanti').textContent()).toContain('Luogo di vita del minore');
    const scegli = async (campo: string, etichetta: string): Promise<void> => { await page.locator(`#sinba-${campo}`).selectOption({ label: etichetta }); };
    await scegli('minoreStranieroNoAcc', 'No');
    await scegli('condizioneMinore', 'Non orfano');
    await scegli('luogoVita', 'Nella sua famiglia');
    await scegli('scuolaFrequentata', 'Scuola primaria');
    await scegli('condizioneLavoro', 'Inattivo (non in età da lavoro, non ha e non cerca lavoro)');
    await scegli('disabilita', 'No');
    await page.locator('#sinba-dataPrimaSegnalazione').fill(`01/${anno}`);
    await scegli('fonteSegnalazione', 'Scuola');
    await scegli('valutazioneMinore', 'Problemi relazionali e comportamentali');
    await scegli('valutazioneFamigliaMinore', 'Difficoltà economiche');
    await scegli('segnalazioneAutoritaGiudiziaria', 'No');
    await scegli('provvedimentoGiudiziario', 'No');
    const famiglia = page.getByTestId('sinba-composizione');
    await famiglia.getByRole('checkbox', { name: 'Madre', exact: true }).check();
    await famiglia.getByRole('checkbox', { name: 'Fratelli o sorelle' }).check();
    await page.getByRole('button', { name: 'Salva la scheda SINBA' }).click();
    await expect.poll(() => scheda.getByTestId('sinba-mancanti').textContent()).toContain('La scheda SINBA è completa');
    await foto(page, 'sinba-scheda.png');
    await prestazione('A2.04');
  }, 60_000);

  it('an incomplete scheda lists what is missing', async () => {
    await cartellaMinore(INCOMPLETO);
    await page.locator('#sinba-luogoVita').selectOption({ label: 'Presso parenti' });
    await page.getByRole('button', { name: 'Salva la scheda SINBA' }).click();
    const mancanti = page.getByTestId('scheda-sinba').getByTestId('sinba-mancanti');
    await expect.poll(() => mancanti.textContent()).not.toContain('Luogo di vita del minore');
    expect(await mancanti.textContent()).toContain('Valutazione del minore (da compilare)');
    await prestazione('A2.05');
  }, 60_000);
});

describe('the SINBA flow', () => {
  it('lists the incomplete minor, and the downloaded XML validates against SINBA.xsd naming the other by pseudonym only', async () => {
    await page.goto(`${session?.relay.url ?? ''}#/siuss`);
    await page.getByRole('heading', { name: /Flusso SIUSS/, level: 1 }).waitFor();
    await page.locator('#siuss-codice').fill('ENTE001');
    await page.locator('#siuss-catastale').fill('x001');
    await page.locator('#siuss-cf').fill(codiceFiscale('BNCGLI80A41X001'));
    await page.locator('#siuss-dal').fill(`01/01/${anno}`);
    await page.locator('#siuss-al').fill(gg(oggi));
    await page.getByRole('radio', { name: /SINBA/ }).check();
    await page.getByRole('button', { name: 'Prepara il flusso' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain('64 cifre');
    await page.getByRole('button', { name: /Genera una nuova chiave/ }).click();
    const chiave = await page.locator('#siuss-chiave').inputValue();
    await page.getByRole('button', { name: 'Prepara il flusso' }).click();
    const esito = page.getByTestId('siuss-esito');
    await esito.waitFor();
    expect(await esito.locator('h2').textContent()).toBe('1 prestazione di 1 minore nel flusso.');
    const escluse = page.getByTestId('siuss-esclusa');
    expect(await escluse.count()).toBe(1);
    const riga = (await escluse.textContent()) ?? '';
    expect(riga).toContain(INCOMPLETO.cognome);
    expect(riga).toContain('Valutazione del minore');
    expect(await escluse.getByRole('link').getAttribute('href')).toMatch(/\/anagrafica$/);
    await foto(page, 'sinba-export.png');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Scarica il file XML' }).click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^siuss-sinba-.*\.xml$/);
    const xml = readFileSync(await d.path(), 'utf8');
    const f = files.write('sinba-browser', xml);
    const v = validate(XSD_SINBA, f);
    expect(v.output).toContain('validates');
    expect(v.valid).toBe(true);
    const key = parsePseudonymKeyText(chiave);
    if (!key.ok) throw new Error(key.message);
    expect(xpath(f, "string(//*[local-name()='SINBA']/@IDBeneficiario)")).toBe(sinbaPseudonym(key.value, COMPLETO.cf));
    expect(xpath(f, "string(//*[local-name()='SINBA']/@LuogoVita)")).toBe('1');
    expect(xpath(f, "count(//*[local-name()='SINBA'])")).toBe('1');
    for (const x of [COMPLETO.cognome, COMPLETO.nome, COMPLETO.cf, INCOMPLETO.cognome, INCOMPLETO.cf]) expect(xml).not.toContain(x);
  }, 60_000);
});
