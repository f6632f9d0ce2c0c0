/**
 * Attachments in the PWA, two workers in real Chromium (docs/ATTACHMENTS.md): Giulia registers the
 * "stato di famiglia" as missing and attaches its PDF scan — the checklist shows it present —, registers
 * the signed consent with its scan in the same form, and attaches a photo to a diary entry; a file that is not a PDF, JPEG or PNG is refused in Italian before
 * anything is sent; a photo attached offline waits "in attesa di rete" and leaves when the network
 * returns. Marco, who received the cartella by link, downloads both byte for byte, sees the photo,
 * then goes offline, reloads and still opens what he already fetched. Screenshots: allegati-*.png.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { affidaConLink, foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { dueColleghi, sblocca } from '../support/pwa';

const colleghi = dueColleghi();
let browserA: BrowserContext;
let browserB: BrowserContext;
let giulia: Page;
let marco: Page;

/** A small PDF: a valid header, a page object and the trailer marker. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% stato di famiglia Ferri Anna\n' + 'x'.repeat(4000) + '\n%%EOF\n');

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A real PNG (so the preview shows it): a `size`×`size` gradient. */
function png(size: number, tinta: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 3)] = 0;
    for (let x = 0; x < size; x++) raw.set([tinta, (x * 255) / size, (y * 255) / size], y * (1 + size * 3) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const FOTO = png(48, 40);
const FOTO_OFFLINE = png(32, 200);

beforeAll(() => {
  ({ browserA, browserB, giulia, marco } = colleghi);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await foto(giulia, 'allegati-errore-giulia.png').catch(() => undefined);
  await foto(marco, 'allegati-errore-marco.png').catch(() => undefined);
});

/** Downloads an attachment through its "Scarica" button and returns the bytes saved. */
async function scarica(page: Page, allegato: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), allegato.getByTestId('scarica-allegato').click()]);
  return readFileSync(await download.path());
}

const riga = (page: Page, nome: string): Locator => page.getByTestId('allegato').filter({ hasText: nome });
const statoDi = (page: Page, nome: string): Promise<string | null> => riga(page, nome).getByTestId('stato-allegato').textContent();

it('attaches a PDF to a missing checklist document (now present) and a photo to a diary entry; refuses a non-PDF in Italian', { timeout: 120_000 }, async () => {
  await registraAccesso(giulia, { cognome: 'Ferri', nome: 'Anna' });
  await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
  await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
  await giulia.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
  await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
  await giulia.getByTestId('nome-cartella').waitFor();

  await sezione(giulia, 'Documenti');
  const requisito = giulia.getByTestId('checklist').getByRole('row').filter({ hasText: 'Stato di famiglia' });
  expect(await requisito.textContent()).toContain('Mancante');
  await giulia.getByTestId('registra-documento').click();
  await giulia.getByRole('combobox', { name: 'Documento', exact: true }).selectOption({ label: 'Stato di famiglia' });
  await giulia.getByRole('combobox', { name: 'Stato', exact: true }).selectOption({ label: 'Mancante' });
  await giulia.getByRole('button', { name: 'Registra', exact: true }).click();
  const registrato = giulia.locator('tr.riga-allegati').filter({ has: giulia.getByRole('button', { name: 'Allega un file a: Stato di famiglia' }) });
  await registrato.waitFor();

  // A Word file renamed .pdf: refused by its bytes, with the Italian sentence, and nothing recorded.
  await registrato.getByTestId('file-allegato').setInputFiles({ name: 'lettera.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004word/document.xml') });
  await expect.poll(() => registrato.getByRole('alert').textContent()).toContain('Il file «lettera.pdf» non è un PDF né un\'immagine JPEG o PNG');
  expect(await giulia.getByTestId('allegato').count()).toBe(0);
  await foto(giulia, 'allegati-01-rifiuto.png');

  await registrato.getByTestId('file-allegato').setInputFiles({ name: 'stato-famiglia-ferri.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect.poll(() => registrato.locator('.esito-allegato').textContent()).toContain('il documento risulta ora acquisito');
  await expect.poll(() => requisito.textContent()).toContain('Presente');
  await expect.poll(() => statoDi(giulia, 'stato-famiglia-ferri.pdf'), { timeout: 30_000 }).toBe('Disponibile offline');
  expect(await riga(giulia, 'stato-famiglia-ferri.pdf').textContent()).toMatch(/PDF · 4 kB · aggiunto da Giulia Bianchi/);
  // The registration form takes the scan too: the consent registered as signed, with its PDF.
  await giulia.getByRole('button', { name: 'Registra: Consenso firmato a lavorare in rete con altri servizi' }).click();
  await giulia.locator('#doc-file').setInputFiles({ name: 'consenso.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect.poll(() => giulia.locator('#doc-file-aiuto').textContent()).toBe('consenso.pdf (4 kB)');
  await giulia.getByRole('button', { name: 'Registra', exact: true }).click();
  await expect.poll(() => statoDi(giulia, 'consenso.pdf'), { timeout: 30_000 }).toBe('Disponibile offline');
  await expect.poll(() => giulia.getByTestId('checklist').getByRole('row').filter({ hasText: 'Consenso firmato' }).textContent()).toContain('Firmato');
  await foto(giulia, 'allegati-02-documenti.png');

  await sezione(giulia, 'Diario');
  await giulia.getByRole('button', { name: 'Nuova voce' }).click();
  await giulia.getByTestId('editor-nuova-voce').waitFor();
  await giulia.keyboard.type('Visita domiciliare: la casa è in ordine, foto della stanza dei bambini.');
  await giulia.getByTestId('file-allegato-nuova-voce').setInputFiles({ name: 'stanza.png', mimeType: 'image/png', buffer: FOTO });
  await expect.poll(() => statoDi(giulia, 'stanza.png'), { timeout: 30_000 }).toBe('Disponibile offline');
  await giulia.keyboard.press('Control+Enter');
  const voce = giulia.getByTestId('voce-diario').filter({ hasText: 'Visita domiciliare' });
  await voce.getByTestId('allegato').filter({ hasText: 'stanza.png' }).waitFor();
  await foto(giulia, 'allegati-03-diario.png');
});

it('an attachment made offline waits "in attesa di rete" and is sent when the network returns', { timeout: 120_000 }, async () => {
  await browserA.setOffline(true);
  try {
    const voce = giulia.getByTestId('voce-diario').filter({ hasText: 'Visita domiciliare' });
    await voce.getByTestId('file-allegato').setInputFiles({ name: 'cortile.png', mimeType: 'image/png', buffer: FOTO_OFFLINE });
    await expect.poll(() => statoDi(giulia, 'cortile.png')).toBe('In attesa di rete');
    await foto(giulia, 'allegati-04-in-attesa.png');
  } finally {
    await browserA.setOffline(false);
  }
  await expect.poll(() => statoDi(giulia, 'cortile.png'), { timeout: 45_000 }).toBe('Disponibile offline');
});

it('Marco, who received the cartella by link, opens both byte for byte, then again offline', { timeout: 180_000 }, async () => {
  await affidaConLink(giulia, marco, { nome: 'Marco Rossi', ruolo: 'Assistente sociale' });
  await sezione(marco, 'Documenti');
  const pdf = riga(marco, 'stato-famiglia-ferri.pdf');
  await pdf.waitFor({ timeout: 30_000 });
  expect(await statoDi(marco, 'stato-famiglia-ferri.pdf')).toBe('');
  expect(Buffer.compare(await scarica(marco, pdf), PDF)).toBe(0);
  await expect.poll(() => statoDi(marco, 'stato-famiglia-ferri.pdf')).toBe('Disponibile offline');

  await sezione(marco, 'Diario');
  const foto1 = riga(marco, 'stanza.png');
  await foto1.waitFor({ timeout: 30_000 });
  expect(Buffer.compare(await scarica(marco, foto1), FOTO)).toBe(0);
  await foto1.getByRole('button', { name: 'Mostra stanza.png' }).click();
  const img = foto1.getByRole('img', { name: 'Anteprima di stanza.png' });
  await img.waitFor();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(48);
  await foto(marco, 'allegati-05-diario-marco.png');

  // Offline, after a reload (the service worker serves the app; the copy is in IndexedDB).
  expect(await marco.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  await browserB.setOffline(true);
  try {
    await marco.reload();
    await sblocca(marco);
    await expect.poll(() => marco.getByTestId('sync-collegamento').textContent()).toBe('Non in linea');
    await marco.getByTestId('nome-cartella').waitFor();
    await sezione(marco, 'Documenti');
    expect(await statoDi(marco, 'stato-famiglia-ferri.pdf')).toBe('Disponibile offline');
    expect(Buffer.compare(await scarica(marco, riga(marco, 'stato-famiglia-ferri.pdf')), PDF)).toBe(0);
    await foto(marco, 'allegati-06-offline.png');
  } finally {
    await browserB.setOffline(false);
  }
});
