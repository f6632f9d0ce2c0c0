/**
 * @module progetto
 * The progetto individualizzato (DOMAIN.md): objectives → expected results → the person's
 * commitments → the services' supports → times; a review every N months; a planned
 * closure date; an outcome per objective (sì, in parte, no); the person's signature date.
 * Once signed, its objectives are fixed: changes mean reviewing it (verifica).
 */
import { listaProf, mappaProf, type Cartella, type Contesto } from './cartella';
import { aggiungiMesi, giorno, massimaData, type DataIso } from './date';
import { nuovoId, type ObiettivoId } from './ids';
import { esegui } from './operazione';
import { errore, type Errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { eErrore, scrittoreProf, type Scrittore } from './scritti';
import { soloDefiniti } from './valida';
import { FORMA_OBIETTIVO, type Progetto } from './vista-progetto';
import { ESITI_OBIETTIVO, type EsitoObiettivo } from './vocabolario';

/** Input of one objective. */
export interface ObiettivoInput {
  readonly descrizione: string;
  readonly risultatiAttesi: string;
  readonly impegniPersona: string;
  readonly sostegniServizi: string;
  readonly tempi: string;
  readonly scadenza?: string;
}

/** Input of {@link definisciProgetto}. */
export interface ProgettoInput {
  readonly dataInizio: string;
  readonly verificaOgniMesi: number;
  readonly chiusuraPrevista: string;
  readonly obiettivi: readonly ObiettivoInput[];
}

const { creatoIl: _c, ...OBIETTIVO_OBBLIGATORI } = FORMA_OBIETTIVO.obbligatori;
const validaObiettivo = (o: unknown) =>
  validaInput(OBIETTIVO_OBBLIGATORI, { scadenza: p.data }, o, {
    descrizione: 'obiettivo', risultatiAttesi: 'risultati attesi', impegniPersona: 'impegni della persona',
    sostegniServizi: 'sostegni dei servizi', tempi: 'tempi',
  });

function conProgetto(c: Cartella, ctx: Contesto, firmato: 'no' | 'si' | 'qualsiasi'): (Scrittore & { progetto: Progetto }) | Errore {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const progetto = s.vista.prof.progetto;
  if (!progetto) return errore('progetto_assente', 'Non è stato ancora definito un progetto.');
  if (firmato === 'no' && progetto.firmatoIl) return errore('progetto_gia_firmato', 'Il progetto è già firmato: modificalo con una verifica.');
  if (firmato === 'si' && !progetto.firmatoIl) return errore('progetto_incompleto', 'Il progetto non è ancora firmato dalla persona.');
  return { ...s, progetto };
}

/** Defines the progetto with its first objectives. */
export function definisciProgetto(c: Cartella, input: ProgettoInput, ctx: Contesto): Risultato<readonly ObiettivoId[]> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  if (s.vista.prof.progetto) return errore('progetto_gia_presente', 'Il progetto è già definito.');
  const v = validaInput({ dataInizio: p.data, verificaOgniMesi: p.numero(1, 24, true), chiusuraPrevista: p.data }, {}, input,
    { dataInizio: 'data di inizio', verificaOgniMesi: 'verifica ogni (mesi)', chiusuraPrevista: 'chiusura prevista' });
  if (!v.ok) return v;
  if (v.value.chiusuraPrevista <= v.value.dataInizio) return errore('date_incoerenti', "La chiusura prevista deve seguire l'inizio.");
  const obiettivi: object[] = [];
  for (const o of Array.isArray(input.obiettivi) ? input.obiettivi : []) {
    const r = validaObiettivo(o);
    if (!r.ok) return r;
    obiettivi.push(r.value);
  }
  return esegui(s.prof, 'definisciProgetto', ctx, () => {
    const m = mappaProf(s.prof, 'progetto');
    m.set('dataInizio', v.value.dataInizio);
    m.set('verificaOgniMesi', v.value.verificaOgniMesi);
    m.set('chiusuraPrevista', v.value.chiusuraPrevista);
    return obiettivi.map((o) => scriviObiettivo(s, o, ctx));
  });
}

function scriviObiettivo(s: Scrittore, o: object, ctx: Contesto): ObiettivoId {
  const id = nuovoId<ObiettivoId>(s.prof);
  mappaProf(s.prof, 'obiettivi').set(id, { ...o, creatoIl: ctx.now.toISOString() });
  return id;
}

/** Adds an objective to a progetto not yet signed. */
export function aggiungiObiettivo(c: Cartella, input: ObiettivoInput, ctx: Contesto): Risultato<ObiettivoId> {
  const s = conProgetto(c, ctx, 'no');
  if (eErrore(s)) return s;
  const r = validaObiettivo(input);
  if (!r.ok) return r;
  return esegui(s.prof, 'aggiungiObiettivo', ctx, () => scriviObiettivo(s, r.value, ctx));
}

/** Records the person's signature of the progetto (it needs at least one objective). */
export function firmaProgetto(c: Cartella, input: { data: string }, ctx: Contesto): Risultato<null> {
  const s = conProgetto(c, ctx, 'no');
  if (eErrore(s)) return s;
  if (s.progetto.obiettivi.length === 0) return errore('progetto_incompleto', 'Il progetto non ha ancora obiettivi.');
  const data = p.data(input.data);
  if (!data) return errore('data_non_valida', 'La data della firma non è valida.');
  if (data > giorno(ctx.now)) return errore('data_futura', 'La data della firma è nel futuro.');
  return esegui(s.prof, 'firmaProgetto', ctx, () => {
    mappaProf(s.prof, 'progetto').set('firmatoIl', data);
    return null;
  });
}

/** Input of {@link registraVerifica}: the review date and the outcome of some objectives. */
export interface VerificaInput {
  readonly data: string;
  readonly note?: string;
  readonly esiti: readonly { readonly obiettivo: string; readonly esito: EsitoObiettivo }[];
}

/** Records a review of the signed progetto, with outcomes per objective. */
export function registraVerifica(c: Cartella, input: VerificaInput, ctx: Contesto): Risultato<null> {
  const s = conProgetto(c, ctx, 'si');
  if (eErrore(s)) return s;
  const data = p.data(input.data);
  if (!data) return errore('data_non_valida', 'La data della verifica non è valida.');
  if (data > giorno(ctx.now)) return errore('data_futura', 'La data della verifica è nel futuro.');
  const esiti = Array.isArray(input.esiti) ? input.esiti : [];
  for (const x of esiti) {
    if (!s.progetto.obiettivi.some((o) => o.id === x.obiettivo)) return errore('obiettivo_inesistente', 'Obiettivo non trovato nel progetto.');
    if (!p.uno(ESITI_OBIETTIVO)(x.esito)) return errore('valore_non_valido', "Esito dell'obiettivo non valido (sì, in parte, no).");
  }
  const note = input.note === undefined ? undefined : p.testo(1, 4000)(input.note);
  return esegui(s.prof, 'registraVerifica', ctx, () => {
    const pulite = esiti.map((x) => ({ obiettivo: x.obiettivo, esito: x.esito }));
    listaProf(s.prof, 'verifiche').push([soloDefiniti({ data, autore: ctx.autore, note, esiti: pulite })]);
    const obiettivi = mappaProf(s.prof, 'obiettivi');
    for (const x of pulite) {
      const { id: _id, ...o } = s.progetto.obiettivi.find((y) => y.id === x.obiettivo) ?? { id: '' };
      obiettivi.set(x.obiettivo, { ...o, esito: x.esito });
    }
    return null;
  });
}

/** When the next review is due: N months after the last review (or the signature, or the start). */
export function prossimaVerifica(pr: Progetto): DataIso {
  const base = massimaData(pr.verifiche.at(-1)?.data, pr.firmatoIl) ?? pr.dataInizio;
  return aggiungiMesi(base, pr.verificaOgniMesi);
}
