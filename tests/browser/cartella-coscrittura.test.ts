/**
 * Two workers, two devices (two Chromium profiles), one relay: Giulia opens a cartella and
 * hands it to Marco through the real hand-over screens (a link prepared in «Équipe e chiavi»);
 * they write the same relazione sociale at the same time and
 * each sees the other's words, caret and name. Screenshots: coscrittura-*.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { affidaConLink, foto, registraAccesso, sezione } from '../support/cartellaPwa';
import { primoAvvio, startRelay, type TestRelay } from '../support/pwa';

let relay: TestRelay;
let browserA: BrowserContext;
let browserB: BrowserContext;
let giulia: Page;
let marco: Page;

beforeAll(async () => {
  relay = await startRelay();
  [browserA, browserB] = await Promise.all([launchBrowser(), launchBrowser()]);
  [giulia, marco] = await Promise.all([browserA.newPage(), browserB.newPage()]);
  for (const p of [giulia, marco]) {
    await p.setViewportSize({ width: 1280, height: 900 });
    p.setDefaultTimeout(15_000);
  }
});
afterAll(async () => {
  await browserA?.close();
  await browserB?.close();
  await relay?.stop();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  await foto(giulia, 'coscrittura-errore-giulia.png');
  await foto(marco, 'coscrittura-errore-marco.png');
});

const editor = (p: Page) => p.getByTestId('editor-relazione');
/** Clicks at the end of a section heading of the relazione and starts a new line under it. */
async function scriviSotto(p: Page, titolo: string, testo: string): Promise<void> {
  // The caret goes to the end of the heading through the DOM selection, not a mouse click: the
  // colleague types at the same time, and lines moving under the pointer between finding the
  // heading and clicking would put the caret in the wrong paragraph. The editor then maps it
  // through every remote change, as it does for a person.
  await editor(p).locator('h2', { hasText: titolo }).evaluate((h) => {
    (h.closest('[contenteditable]') as HTMLElement | null)?.focus();
    const range = document.createRange();
    range.selectNodeContents(h);
    range.collapse(false);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  });
  await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await p.keyboard.press('End');
  await p.keyboard.press('Enter');
  await p.keyboard.type(testo, { delay: 5 });
}

describe('two workers co-write one relazione', () => {
  let id = '';

  it('hands a cartella from one worker to another', async () => {
    await Promise.all([giulia.goto(relay.url), marco.goto(relay.url)]);
    await primoAvvio(giulia, { nome: 'Giulia Bianchi' });
    await primoAvvio(marco, { nome: 'Marco Verdi' });

    await registraAccesso(giulia, { cognome: 'Esposito', nome: 'Anna' });
    await giulia.getByRole('radio', { name: /Presa in carico/ }).check();
    await giulia.getByRole('radio', { name: /D’ufficio/ }).check();
    await giulia.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
    await giulia.getByRole('button', { name: 'Prendi in carico e apri la cartella' }).click();
    await giulia.getByTestId('nome-cartella').waitFor();
    id = /#\/cartella\/([^/]+)/.exec(giulia.url())?.[1] ?? '';
    expect(id).not.toBe('');

    await sezione(giulia, 'Relazioni');
    await giulia.getByRole('button', { name: 'Nuova relazione' }).click();
    await giulia.getByLabel('Destinatario').fill('Tribunale per i minorenni');
    await giulia.getByRole('button', { name: 'Crea dal modello' }).click();
    await editor(giulia).waitFor();

    await affidaConLink(giulia, marco, { nome: 'Marco Verdi', ruolo: 'Assistente sociale' });
    await sezione(marco, 'Relazioni');
    await marco.getByRole('link', { name: 'Relazione sociale' }).click();
    await editor(marco).waitFor();
    await expect.poll(() => editor(marco).locator('h2').count()).toBe(6);
  });

  it('shows each worker the other one in the cartella, with name', async () => {
    await expect.poll(() => giulia.getByTestId('presenze').textContent()).toContain('Marco Verdi');
    await expect.poll(() => marco.getByTestId('presenze').textContent()).toContain('Giulia Bianchi');
  });

  it('merges what both type at once, and each sees the other caret and name', async () => {
    await Promise.all([
      scriviSotto(giulia, 'Dati di contesto', 'Anna vive con la madre e due fratelli.'),
      scriviSotto(marco, 'Finalità', 'Relazione richiesta dal Tribunale per valutare la situazione.'),
    ]);
    for (const p of [giulia, marco]) {
      await expect.poll(() => editor(p).textContent()).toContain('Anna vive con la madre e due fratelli.');
      await expect.poll(() => editor(p).textContent()).toContain('Relazione richiesta dal Tribunale per valutare la situazione.');
    }
    await expect.poll(() => giulia.locator('.collaboration-carets__label').allTextContents()).toContain('Marco Verdi');
    await expect.poll(() => marco.locator('.collaboration-carets__label').allTextContents()).toContain('Giulia Bianchi');
    await foto(giulia, 'coscrittura-giulia.png');
    await foto(marco, 'coscrittura-marco.png');
  });

  it('lets a colleague correct an entry with a new one; the original stays readable and linked', async () => {
    await sezione(giulia, 'Diario');
    await giulia.getByRole('button', { name: 'Nuova voce' }).click();
    await giulia.keyboard.type('Visita domiciliare: presenti la madre e i tre figli.');
    await giulia.keyboard.press('Control+Enter');
    await sezione(marco, 'Diario');
    const voce = marco.getByTestId('voce-diario').filter({ hasText: 'presenti la madre' });
    await voce.waitFor();
    // Not Marco's entry: no editing in place, a correction instead.
    expect(await voce.getByRole('button', { name: 'Modifica' }).count()).toBe(0);
    await voce.getByRole('button', { name: 'Correggi' }).click();
    await marco.getByLabel('Testo della correzione').fill('I figli presenti erano due, non tre.');
    await marco.getByRole('button', { name: 'Registra la correzione' }).click();
    for (const p of [marco, giulia]) {
      await expect.poll(() => p.getByTestId('voce-diario').count()).toBe(2);
      const originale = p.getByTestId('voce-diario').filter({ hasText: 'presenti la madre' });
      await expect.poll(() => originale.textContent()).toContain('Corretta da');
      const correzione = p.getByTestId('voce-diario').filter({ hasText: 'erano due, non tre' });
      await expect.poll(() => correzione.textContent()).toContain('Correzione della voce del');
    }
    await foto(giulia, 'coscrittura-correzione.png');
  });
});
