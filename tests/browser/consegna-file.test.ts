/**
 * Handing a cartella over as a file, between two browser profiles, with the real screens:
 * (a) a file under a one-time passphrase — downloaded by Giulia, chosen by Marco with the
 * passphrase, a wrong passphrase refused in Italian with nothing changed; (b) the same file as
 * a QR code — a picture of Giulia's code loaded by Marco as a photo; (c) a file sealed to
 * Marco's code, which Giulia reads from the QR code of "il mio codice". Each time Marco sees what
 * he receives before accepting, then reads the cartella. Also the printed sheets with a QR code
 * (the hand-over, the ente's recovery key), and a colleague's code read by a (fake) camera.
 * Screenshots: qr-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { simboloQr, type SimboloQr } from '../../client/ui/qrSimbolo';
import { artifactsDir, CHROMIUM } from '../support/browser';
import {
  accettaConsegna, apriRicevi, codiceDi, controllaConsegna, controllaFileRicevuto, foto, preparaConsegnaFile, registraAccesso, sezione,
} from '../support/cartellaPwa';
import { dueColleghi, primoAvvio, type TestRelay } from '../support/pwa';

const colleghi = dueColleghi({ marco: { ruolo: 'Responsabile del servizio' } });
let relay: TestRelay;
let giulia: Page;
let marco: Page;
beforeAll(() => {
  ({ relay, giulia, marco } = colleghi);
});

/** Giulia opens a new cartella (presa in carico d'ufficio) and stays on its page. */
async function nuovaCartella(page: Page, cognome: string, nome: string): Promise<void> {
  await registraAccesso(page, { cognome, nome });
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /D’ufficio/ }).check();
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await page.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await page.getByTestId('nome-cartella').waitFor();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe-core violations on the page as it is (as tests/browser/accessibility.test.ts). */
async function violazioni(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const trovate = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return trovate.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact})`);
}

/** Prints with the dialog stubbed and screenshots the page as print media lays it out. */
async function fotoStampa(page: Page, pulsante: () => Promise<void>, nome: string): Promise<void> {
  await page.evaluate(() => { window.print = () => undefined; });
  await pulsante();
  await page.getByTestId('foglio-stampa').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 680, height: 960 });
  await foto(page, nome);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: 'screen' });
}

it('hands a cartella over as a passphrase file: a wrong passphrase changes nothing, the right one shows what it grants', { timeout: 150_000 }, async () => {
  const codice = await codiceDi(marco);
  await nuovaCartella(giulia, 'Ferri', 'Anna');
  const { file, passphrase } = await preparaConsegnaFile(giulia, { nome: 'Marco Rossi', codice }, 'file');
  expect(passphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/u);
  await giulia.getByRole('button', { name: 'Chiudi' }).click();

  await apriRicevi(marco);
  const sbagliata = await controllaFileRicevuto(marco, file, 'ABCD-EFGH-JKMN-PQRS');
  expect(sbagliata.errore).toBe('Frase di accesso errata, oppure il file è stato alterato.');
  const corta = await controllaFileRicevuto(marco, file, 'ABCD-EFGH');
  expect(corta.errore).toContain('16 caratteri');
  expect(await marco.getByTestId('ricevi-riepilogo').count()).toBe(0);
  await marco.getByRole('link', { name: 'Cartelle' }).first().click();
  await marco.getByText('Non ci sono ancora cartelle su questo dispositivo.').waitFor();

  await apriRicevi(marco);
  const { riepilogo } = await controllaFileRicevuto(marco, file, (passphrase ?? '').toLowerCase().replaceAll('-', ' '));
  expect(riepilogo).toContain('Da Giulia Bianchi');
  expect(riepilogo).toContain('parte amministrativa e professionale');
  expect(riepilogo).toContain('Con il consenso della persona');
  await foto(marco, 'qr-01-ricevi-file.png');
  await accettaConsegna(marco);
  await expect.poll(() => marco.getByTestId('nome-cartella').textContent(), { timeout: 30_000 }).toContain('Ferri Anna');
  await sezione(giulia, 'Équipe e chiavi');
  await expect.poll(() => giulia.getByTestId('storia-consegne').textContent(), { timeout: 30_000 }).toContain('Marco Rossi ha accettato la consegna');
});

it('hands a cartella over by the QR code of the passphrase file, read from a picture, and prints it without the passphrase', { timeout: 150_000 }, async () => {
  const codice = await codiceDi(marco);
  await nuovaCartella(giulia, 'Galli', 'Bruno');
  const { passphrase } = await preparaConsegnaFile(giulia, { nome: 'Marco Rossi', codice }, 'file');
  const qr = giulia.getByTestId('affida-qr');
  expect(await qr.getAttribute('data-correzione')).toBe('medium');
  expect(await qr.getAttribute('aria-label')).toContain('Codice QR della consegna');
  await foto(giulia, 'qr-02-affida.png');
  expect(await violazioni(giulia)).toEqual([]);
  const immagine = join(artifactsDir(), 'qr-03-codice-consegna.png');
  await qr.screenshot({ path: immagine });
  await fotoStampa(giulia, () => giulia.getByRole('button', { name: 'Stampa il codice QR' }).click(), 'qr-04-foglio-consegna.png');
  await giulia.pdf({ path: join(artifactsDir(), 'qr-04-foglio-consegna.pdf'), format: 'A4', preferCSSPageSize: true });
  const foglio = (await giulia.getByTestId('foglio-stampa').textContent()) ?? '';
  expect(foglio).toContain('La passphrase non è su questo foglio');
  expect(foglio).not.toContain(passphrase ?? '?');
  await giulia.getByRole('button', { name: 'Chiudi' }).click();

  await apriRicevi(marco);
  // A picture without a code, and the QR code of Marco's own device code, are refused by name.
  const senzaCodice = join(artifactsDir(), 'qr-05-immagine-senza-codice.png');
  await marco.getByRole('heading', { name: 'Ricevi una cartella' }).screenshot({ path: senzaCodice });
  await marco.locator('#ricevi-foto').setInputFiles(senzaCodice);
  await expect.poll(() => marco.getByTestId('ricevi-qr-errore').textContent(), { timeout: 30_000 }).toContain('non si trova un codice QR');

  await marco.locator('#ricevi-foto').setInputFiles(immagine);
  await expect.poll(() => marco.getByTestId('ricevi-qr-stato').textContent(), { timeout: 30_000 }).toContain('Codice QR letto');
  expect(await marco.locator('#ricevi-link').inputValue()).toMatch(/^CARTELLA-CHIAVI:/u);
  await foto(marco, 'qr-05-ricevi-qr-letto.png');
  expect(await violazioni(marco)).toEqual([]);
  expect((await controllaConsegna(marco)).errore).toContain('Scrivi la passphrase di consegna');
  await marco.locator('#ricevi-passphrase').fill(passphrase ?? '');
  const { riepilogo } = await controllaConsegna(marco);
  expect(riepilogo).toContain('Da Giulia Bianchi');
  await accettaConsegna(marco);
  await expect.poll(() => marco.getByTestId('nome-cartella').textContent(), { timeout: 30_000 }).toContain('Galli Bruno');
});

it('draws the largest hand-over a QR code holds (low correction, version 36) readably: a long written reason', { timeout: 150_000 }, async () => {
  const codice = await codiceDi(marco);
  await nuovaCartella(giulia, 'Sala', 'Dario');
  await sezione(giulia, 'Équipe e chiavi');
  await giulia.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
  await giulia.getByRole('checkbox', { name: /consenso/ }).uncheck();
  // 500 characters, 1,000 bytes of UTF-8: the bundle passes 1,023 bytes, so the file pads to 2,048.
  await giulia.locator('#affida-motivo').fill('€ '.repeat(250));
  await preparaConsegnaFile(giulia, { nome: 'Marco Rossi', codice }, 'file');
  const qr = giulia.getByTestId('affida-qr');
  expect([await qr.getAttribute('data-correzione'), await qr.getAttribute('data-versione')]).toEqual(['low', '36']);
  const immagine = join(artifactsDir(), 'qr-11-consegna-versione-36.png');
  await qr.screenshot({ path: immagine });
  await giulia.getByRole('button', { name: 'Chiudi' }).click();
  await apriRicevi(marco);
  await marco.locator('#ricevi-foto').setInputFiles(immagine);
  await expect.poll(() => marco.getByTestId('ricevi-qr-stato').textContent(), { timeout: 30_000 }).toContain('Codice QR letto');
});

it('refuses a QR code that is not a hand-over: Marco’s own device code', { timeout: 60_000 }, async () => {
  await marco.getByRole('link', { name: 'Impostazioni' }).click();
  const mio = join(artifactsDir(), 'qr-06-mio-codice.png');
  await marco.getByTestId('mio-codice-qr').screenshot({ path: mio });
  await apriRicevi(marco);
  await marco.locator('#ricevi-foto').setInputFiles(mio);
  await expect.poll(() => marco.getByTestId('ricevi-qr-errore').textContent(), { timeout: 30_000 }).toContain('il mio codice');
  expect(await marco.locator('#ricevi-link').inputValue()).toBe('');
});

it('hands a cartella over sealed to Marco’s code, read from its QR code on Giulia’s side', { timeout: 150_000 }, async () => {
  await marco.getByRole('link', { name: 'Impostazioni' }).click();
  const codice = (await marco.getByTestId('mio-codice').textContent()) ?? '';
  const mio = join(artifactsDir(), 'qr-07-mio-codice.png');
  await marco.getByTestId('mio-codice-qr').screenshot({ path: mio });
  await foto(marco, 'qr-08-mio-codice-impostazioni.png');

  await nuovaCartella(giulia, 'Riva', 'Carla');
  await sezione(giulia, 'Équipe e chiavi');
  await giulia.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
  await giulia.locator('summary', { hasText: 'Leggi il codice QR del collega' }).click();
  await giulia.locator('#affida-codice-foto').setInputFiles(mio);
  await expect.poll(() => giulia.locator('#affida-codice').inputValue(), { timeout: 30_000 }).toBe(codice);
  const { file } = await preparaConsegnaFile(giulia, { nome: 'Marco Rossi' }, 'sigillato');
  await giulia.getByRole('button', { name: 'Chiudi' }).click();

  await apriRicevi(marco);
  const { riepilogo } = await controllaFileRicevuto(marco, file);
  expect(riepilogo).toContain('Da Giulia Bianchi');
  await accettaConsegna(marco);
  await expect.poll(() => marco.getByTestId('nome-cartella').textContent(), { timeout: 30_000 }).toContain('Riva Carla');
  // The same sealed file a second time: already used on this device.
  await apriRicevi(marco);
  expect((await controllaFileRicevuto(marco, file)).errore).toContain('già stato usato');
});

it('prints the ente’s recovery private key on a sheet with its QR code', { timeout: 60_000 }, async () => {
  await marco.getByRole('link', { name: 'Impostazioni' }).click();
  await marco.locator('summary', { hasText: 'Generare la chiave di recupero' }).click();
  await marco.getByRole('button', { name: 'Genera una nuova chiave di recupero' }).click();
  const privata = (await marco.getByTestId('recupero-privata').textContent()) ?? '';
  await fotoStampa(marco, () => marco.getByTestId('stampa-recupero').click(), 'qr-09-foglio-recupero.png');
  await marco.pdf({ path: join(artifactsDir(), 'qr-09-foglio-recupero.pdf'), format: 'A4', preferCSSPageSize: true });
  expect(await marco.getByTestId('foglio-recupero').textContent()).toContain(privata);
  expect(await marco.getByTestId('recupero-privata-qr').getAttribute('data-correzione')).toBe('high');
  // The sheet leaves the page with the generated key.
  await marco.getByRole('checkbox', { name: /Ho stampato la chiave privata/ }).check();
  await marco.getByRole('button', { name: 'Usa questa chiave per l’ente' }).click();
  await expect.poll(() => marco.getByTestId('foglio-recupero').count()).toBe(0);
});

it('reads a colleague’s code with the camera: frames of a camera showing the QR code', { timeout: 150_000 }, async () => {
  const codice = await codiceDi(marco);
  const cartella = mkdtempSync(join(tmpdir(), 'cartella-fotocamera-'));
  const video = join(cartella, 'codice.y4m');
  writeFileSync(video, videoY4m(simboloQr(codice) as SimboloQr));
  const browserC = await chromium.launchPersistentContext(join(cartella, 'profilo'), {
    executablePath: CHROMIUM, headless: true, locale: 'it-IT',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const sara = await browserC.newPage();
    await sara.setViewportSize({ width: 1280, height: 900 });
    sara.setDefaultTimeout(20_000);
    await sara.goto(relay.url);
    await primoAvvio(sara, { nome: 'Sara Conti' });
    await nuovaCartella(sara, 'Moretti', 'Luca');
    await sezione(sara, 'Équipe e chiavi');
    await sara.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
    await sara.locator('summary', { hasText: 'Leggi il codice QR del collega' }).click();
    await sara.getByRole('button', { name: 'Inquadra con la fotocamera' }).click();
    await expect.poll(() => sara.locator('#affida-codice').inputValue(), { timeout: 30_000 }).toBe(codice);
    expect(await sara.getByTestId('affida-codice-qr-stato').textContent()).toContain('Codice del collega letto');
    // The camera is released once the code is read.
    expect(await sara.locator('video').count()).toBe(0);
    await foto(sara, 'qr-10-codice-da-fotocamera.png');
  } finally {
    await browserC.close();
  }
});

/** A one-frame Y4M video (Chromium's fake camera) of the symbol, 8 px a module, centred on 640×480. */
function videoY4m(simbolo: SimboloQr): Buffer {
  const [w, h, px] = [640, 480, 8];
  const y = Buffer.alloc(w * h, 235);
  const origine = [(w - simbolo.lato * px) / 2, (h - simbolo.lato * px) / 2].map(Math.floor) as [number, number];
  simbolo.moduli.forEach((riga, my) => riga.forEach((scuro, mx) => {
    if (!scuro) return;
    for (let dy = 0; dy < px; dy += 1) y.fill(16, (origine[1] + my * px + dy) * w + origine[0] + mx * px, (origine[1] + my * px + dy) * w + origine[0] + (mx + 1) * px);
  }));
  const croma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, croma]);
}
