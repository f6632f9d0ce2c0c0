/**
 * Steps of the cartella screens shared by the browser tests (list, new access, presa in
 * carico, sections), on top of the shell's steps in pwa.ts. Each awaits what a person would
 * see, never a fixed delay.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { carattereControllo } from '../../crdt/model';
import { artifactsDir } from './browser';
import { sblocca } from './pwa';

/** A well-formed codice fiscale (control character computed) from its first 15 characters. */
export function codiceFiscale(primi15: string): string {
  return primi15 + carattereControllo(primi15);
}

/** Screenshot into the artifacts folder: the whole page, or only the window (`intera: false`). */
export async function foto(page: Page, nome: string, intera = true): Promise<string> {
  const path = join(artifactsDir(), nome);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: intera });
  return path;
}

export interface Persona { cognome: string; nome: string; cf?: string; nascita?: string; richiesta?: string }

/** Fills and saves the scheda segretariato sociale; resolves on the outcome step. */
export async function registraAccesso(page: Page, p: Persona): Promise<void> {
  await page.getByRole('link', { name: 'Nuovo accesso' }).first().click();
  await page.getByLabel('Cognome').fill(p.cognome);
  await page.getByRole('textbox', { name: 'Nome', exact: true }).fill(p.nome);
  if (p.cf) await page.getByLabel(/Codice fiscale/).fill(p.cf);
  if (p.nascita) await page.getByLabel(/Data di nascita/).fill(p.nascita);
  await page.getByLabel('Richiesta').fill(p.richiesta ?? 'Chiede un sostegno per il pagamento dell’affitto.');
  await page.getByLabel(/Informazioni e orientamento/).fill('Informata sul contributo affitti del Comune.');
  await page.getByRole('checkbox', { name: /Informativa privacy/ }).check();
  await page.getByRole('button', { name: 'Registra l’accesso' }).click();
  await page.getByRole('heading', { name: 'Esito del segretariato' }).waitFor();
}

/** Chooses "presa in carico" on an istanza and opens the cartella; resolves on its page. */
export async function prendiInCarico(page: Page, opzioni: { protocollo?: string; ricezione?: string } = {}): Promise<void> {
  await page.getByRole('radio', { name: /Presa in carico/ }).check();
  await page.getByRole('radio', { name: /Istanza del cittadino/ }).check();
  await page.getByLabel('Numero di protocollo').fill(opzioni.protocollo ?? '2025/1234');
  await page.getByLabel('Data di ricezione').fill(opzioni.ricezione ?? '');
  await page.getByLabel('Area di utenza').selectOption({ label: 'Famiglia e minori' });
}

/** Opens a section of the current cartella by its tab. */
export async function sezione(page: Page, nome: string): Promise<void> {
  await page.getByRole('tab', { name: nome }).click();
  await page.getByRole('tab', { name: nome, selected: true }).waitFor();
}

/**
 * Hands the cartella open on `da` to the worker on `a` through the real screens: `a` reads its
 * code in Impostazioni, `da` prepares a link in "Équipe e chiavi", `a` opens it (a fresh load,
 * as from a message), unlocks, checks and accepts; resolves with `a` on the cartella's page and
 * `da` back where it was. Returns the text `a` saw before accepting.
 */
export async function affidaConLink(
  da: Page, a: Page, collega: { nome: string; ruolo: string; consenso?: boolean; motivo?: string },
): Promise<string> {
  const dove = da.url();
  await a.getByRole('link', { name: 'Impostazioni' }).click();
  const codice = (await a.getByTestId('mio-codice').textContent()) ?? '';
  await sezione(da, 'Équipe e chiavi');
  await da.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
  await da.locator('#affida-nome').fill(collega.nome);
  await da.locator('#affida-ruolo').selectOption({ label: collega.ruolo });
  await da.locator('#affida-codice').fill(codice);
  if (collega.consenso === false) {
    await da.getByRole('checkbox', { name: /consenso/ }).uncheck();
    await da.locator('#affida-motivo').fill(collega.motivo ?? 'Tutela urgente disposta dal Tribunale.');
  }
  await da.getByRole('button', { name: 'Prepara la consegna' }).click();
  const link = (await da.getByTestId('affida-link').textContent()) ?? '';
  await da.getByRole('button', { name: 'Chiudi' }).click();
  await da.goto(dove);
  await a.goto('about:blank');
  await a.goto(link);
  await sblocca(a);
  const riepilogo = a.getByTestId('ricevi-riepilogo');
  await riepilogo.waitFor();
  const visto = (await riepilogo.textContent()) ?? '';
  await a.getByRole('button', { name: 'Accetta e apri la cartella' }).click();
  await a.getByTestId('nome-cartella').waitFor({ timeout: 30_000 });
  return visto;
}

/** The colleague's "il mio codice" as `a` reads it in Impostazioni. */
export async function codiceDi(a: Page): Promise<string> {
  await a.getByRole('link', { name: 'Impostazioni' }).click();
  return (await a.getByTestId('mio-codice').textContent()) ?? '';
}

/**
 * Prepares a hand-over of the cartella open on `da` as a file, in "Équipe e chiavi": with a
 * one-time passphrase (`modo: 'file'`, also shown as a QR code) or sealed to the colleague's
 * code (`'sigillato'`). Fills the colleague's code unless `codice` is undefined (the caller
 * filled it, e.g. from a QR code). Resolves with the downloaded file's path and, for a
 * passphrase file, the passphrase; `da` stays on "Consegna pronta".
 */
export async function preparaConsegnaFile(
  da: Page, collega: { nome: string; codice?: string; ruolo?: string }, modo: 'file' | 'sigillato',
): Promise<{ file: string; passphrase?: string }> {
  const affida = da.getByTestId('affida');
  if (!(await affida.isVisible())) {
    await sezione(da, 'Équipe e chiavi');
    await da.getByRole('button', { name: 'Affida la cartella a un collega' }).click();
  }
  await da.locator('#affida-nome').fill(collega.nome);
  if (collega.ruolo) await da.locator('#affida-ruolo').selectOption({ label: collega.ruolo });
  if (collega.codice !== undefined) await da.locator('#affida-codice').fill(collega.codice);
  await da.getByRole('radio', { name: modo === 'file' ? /passphrase di consegna/ : /cifrato per il codice/ }).check();
  const [download] = await Promise.all([
    da.waitForEvent('download'),
    da.getByRole('button', { name: 'Prepara la consegna' }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'cartella-consegna-')), download.suggestedFilename());
  await download.saveAs(file);
  await da.getByTestId('affida-pronto').waitFor();
  if (modo === 'sigillato') return { file };
  return { file, passphrase: (await da.getByTestId('affida-passphrase').textContent()) ?? '' };
}

/** Opens "Ricevi una cartella" on `a` from Impostazioni (no reload: the app stays unlocked). */
export async function apriRicevi(a: Page): Promise<void> {
  await a.getByRole('link', { name: 'Impostazioni' }).click();
  await a.getByRole('link', { name: 'Ricevi una cartella' }).click();
  await a.getByRole('heading', { name: 'Ricevi una cartella' }).waitFor();
}

/**
 * On "Ricevi una cartella": chooses the received file, types the passphrase (if any) and asks to
 * check it. Resolves with the summary of what it grants, or with the Italian refusal.
 */
export async function controllaFileRicevuto(a: Page, file: string, passphrase?: string): Promise<{ riepilogo?: string; errore?: string }> {
  await a.locator('#ricevi-file').setInputFiles(file);
  await a.locator('#ricevi-passphrase').fill(passphrase ?? '');
  return controllaConsegna(a);
}

/** Presses "Controlla la consegna" and waits for the summary or the refusal. */
export async function controllaConsegna(a: Page): Promise<{ riepilogo?: string; errore?: string }> {
  await a.getByRole('button', { name: 'Controlla la consegna' }).click();
  const riepilogo = a.getByTestId('ricevi-riepilogo');
  const errore = a.getByTestId('ricevi-errore');
  await riepilogo.or(errore).first().waitFor();
  if (await riepilogo.isVisible()) return { riepilogo: (await riepilogo.textContent()) ?? '' };
  return { errore: (await errore.textContent()) ?? '' };
}

/** Accepts the hand-over shown on `a`; resolves on the cartella's page. */
export async function accettaConsegna(a: Page): Promise<void> {
  await a.getByRole('button', { name: 'Accetta e apri la cartella' }).click();
  await a.getByTestId('nome-cartella').waitFor({ timeout: 30_000 });
}

/**
 * Hands the cartella open on `da` to the worker on `a` as a one-time-passphrase file: `a`'s code,
 * the file downloaded on `da`, chosen on `a` with the passphrase said aloud, checked, accepted.
 * Returns the text `a` saw before accepting; `da` is left on "Consegna pronta".
 */
export async function affidaConFile(da: Page, a: Page, collega: { nome: string; ruolo?: string }): Promise<string> {
  const codice = await codiceDi(a);
  const { file, passphrase } = await preparaConsegnaFile(da, { ...collega, codice }, 'file');
  await apriRicevi(a);
  const { riepilogo, errore } = await controllaFileRicevuto(a, file, passphrase);
  if (riepilogo === undefined) throw new Error(`consegna rifiutata: ${errore}`);
  await accettaConsegna(a);
  return riepilogo;
}

/** As `affidaConFile`, with a file sealed to `a`'s code (no passphrase). */
export async function affidaSigillata(da: Page, a: Page, collega: { nome: string; ruolo?: string }): Promise<string> {
  const codice = await codiceDi(a);
  const { file } = await preparaConsegnaFile(da, { ...collega, codice }, 'sigillato');
  await apriRicevi(a);
  const { riepilogo, errore } = await controllaFileRicevuto(a, file);
  if (riepilogo === undefined) throw new Error(`consegna rifiutata: ${errore}`);
  await accettaConsegna(a);
  return riepilogo;
}
