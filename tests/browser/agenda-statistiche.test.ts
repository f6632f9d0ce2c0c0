/**
 * The office screens, in Chromium: an appointment booked in a cartella shows in the agenda,
 * "svolto" writes its diary entry in one step, the .ics export carries no name by default;
 * the statistics show aggregates and a CSV without personal data; the SIUSS screen lists a
 * prestazione it cannot send and says what is missing. Screenshots: ufficio-*.png.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { carattereControllo } from '../../crdt/model';
import { foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { apriPwa, chiudiPwa, type PwaSession } from '../support/pwa';

let session: PwaSession | undefined;
let page: Page;
const COGNOME = 'Marchetti';

beforeAll(async () => {
  session = await apriPwa({ nome: 'Giulia Bianchi' });
  page = session.page;
  await registraAccesso(page, { cognome: COGNOME, nome: 'Lucia' });
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /D’ufficio/ }).check();
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await page.getByTestId('nome-cartella').waitFor();
});
afterAll(() => chiudiPwa(session));

describe('agenda', () => {
  it('books an appointment in the cartella; the agenda shows it and "svolto" writes the diary entry', async () => {
    await sezione(page, 'Riepilogo');
    await page.getByRole('button', { name: 'Fissa un appuntamento' }).click();
    await page.locator('#appuntamento-inizio').fill('0:00');
    await page.getByRole('button', { name: 'Fissa l’appuntamento' }).click();
    await expect.poll(() => page.locator('#appuntamento-inizio-errore').textContent()).toContain('09:30');
    await page.locator('#appuntamento-inizio').fill('00:00');
    await page.locator('#appuntamento-fine').fill('00:30');
    await page.getByRole('button', { name: 'Fissa l’appuntamento' }).click();
    await page.getByTestId('appuntamento-cartella').first().waitFor();

    await page.keyboard.press('Alt+A');
    await page.getByRole('heading', { name: 'Agenda', level: 1 }).waitFor();
    const riga = page.getByTestId('voce-appuntamento').first();
    await riga.waitFor();
    expect(await riga.textContent()).toContain(COGNOME);
    expect(await riga.getAttribute('data-stato')).toBe('programmato');
    await foto(page, 'ufficio-01-agenda.png');
    await riga.getByRole('button', { name: 'Svolto: scrivi nel diario' }).click();
    await page.getByRole('tab', { name: 'Diario', selected: true }).waitFor();
    await page.getByTestId('voce-diario').first().waitFor();
    expect(await page.getByTestId('voce-diario').count()).toBe(1);
    await page.keyboard.press('Alt+A');
    await expect.poll(() => page.getByTestId('voce-appuntamento').first().getAttribute('data-stato')).toBe('svolto');
  });

  it('exports the week as .ics without the person’s name unless asked', async () => {
    await page.locator('summary', { hasText: 'Esporta in un calendario' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Scarica il file .ics' }).click();
    const testo = readFileSync(await (await download).path(), 'utf8');
    expect(testo).toContain('BEGIN:VCALENDAR');
    expect(testo).toContain('BEGIN:VEVENT');
    expect(testo).not.toContain(COGNOME);
  });
});

describe('statistics and SIUSS', () => {
  it('shows aggregates and downloads a CSV with no personal data', async () => {
    await page.keyboard.press('Alt+S');
    await page.getByRole('heading', { name: 'Statistiche', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('stat-riepilogo').textContent()).toContain('1 cartelle');
    const tabella = page.locator('.tabella-stat').first();
    await tabella.waitFor();
    await foto(page, 'ufficio-02-statistiche.png');
    const download = page.waitForEvent('download');
    await tabella.getByRole('button', { name: 'Scarica CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv.length).toBeGreaterThan(10);
    expect(csv).not.toContain(COGNOME);
  });

  it('prepares the SIUSS flow and lists the prestazione it cannot send, with what is missing', async () => {
    await page.goto(`${session?.relay.url ?? ''}#/`);
    await page.getByRole('link', { name: new RegExp(COGNOME) }).first().click();
    await sezione(page, 'Procedimento');
    const p = page.getByTestId('prestazioni');
    await p.getByRole('button', { name: 'Registra una prestazione' }).click();
    await page.locator('#prestazione-codicePrestazione').fill('A1.02');
    await page.locator('#prestazione-denominazione').fill('Contributo economico straordinario');
    await page.locator('#prestazione-protocolloDomanda').fill('2026/77');
    await page.locator('#prestazione-presenzaProvaMezzi').selectOption({ label: 'Nessuna prova dei mezzi' });
    await page.locator('#prestazione-dataErogazione').fill('02/11/2026');
    await page.locator('#prestazione-importo').fill('300');
    await page.getByRole('button', { name: 'Registra la prestazione' }).click();
    await p.getByTestId('riga-prestazione').waitFor();

    await page.goto(`${session?.relay.url ?? ''}#/siuss`);
    await page.getByRole('heading', { name: /Flusso SIUSS/, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Prepara il flusso' }).click();
    await page.getByRole('alert').first().waitFor();
    await page.locator('#siuss-codice').fill('ENTE001');
    await page.locator('#siuss-catastale').fill('h501');
    await page.locator('#siuss-cf').fill(`BNCGLI80A41H501${carattereControllo('BNCGLI80A41H501')}`);
    await page.locator('#siuss-dal').fill('01/11/2026');
    await page.locator('#siuss-al').fill('30/11/2026');
    await page.getByRole('button', { name: 'Prepara il flusso' }).click();
    const esito = page.getByTestId('siuss-esito');
    await esito.waitFor().catch(async (e: unknown) => {
      throw new Error(`no SIUSS outcome; alerts: ${(await page.getByRole('alert').allTextContents()).join(' | ')}`, { cause: e });
    });
    expect(await esito.locator('h2').textContent()).toContain('Nessuna prestazione');
    const escluse = await page.getByTestId('siuss-escluse').textContent();
    expect(escluse).toContain(COGNOME);
    expect(escluse).toContain('1 prestazione non inviata a SIUSS — da compilare: Codice fiscale');
    await foto(page, 'ufficio-03-siuss.png');
  });
});
