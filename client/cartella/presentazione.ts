/**
 * @module client/cartella/presentazione
 * How model values read on screen: which section an avviso belongs to, how a conflicting
 * value or a field of the admin document is named and worded. Presentation only.
 */
import { ETICHETTE_AREA, ETICHETTE_DOCUMENTO, ETICHETTE_FASE, type Conflitto, type TipoDocumento } from '../../crdt/model';
import type { Sezione } from '../app/router';
import { t } from '../strings';
import { dataBreve } from '../ui';

const SEZIONE_DI_AVVISO: Readonly<Record<string, Sezione>> = {
  documento_mancante: 'documenti',
  termine_in_scadenza: 'procedimento', termine_scaduto: 'procedimento', potere_sostitutivo_scaduto: 'procedimento',
  comunicazione_avvio_mancante: 'procedimento', osservazioni_attese: 'procedimento', esito_da_comunicare: 'procedimento',
  isee_mancante: 'procedimento', isee_scaduto: 'procedimento', isee_in_scadenza: 'procedimento',
  verifica_progetto_imminente: 'progetto', verifica_progetto_scaduta: 'progetto', chiusura_prevista_superata: 'progetto',
  proposta_chiusura_inattivita: 'chiusura', chiusura_da_confermare: 'chiusura', proposta_inattivita_superata: 'chiusura',
  siuss_dati_mancanti: 'anagrafica',
};

/** Where an avviso is dealt with (undefined: on the riepilogo itself). */
export function sezioneDiAvviso(codice: string): Sezione | undefined {
  return SEZIONE_DI_AVVISO[codice];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ETICHETTE_CHIAVI: Readonly<Record<string, string>> = {
  data: 'data', canale: 'canale', richiesta: 'richiesta', orientamento: 'orientamento', esito: 'esito', tipo: 'tipo',
  stato: 'stato', fase: 'fase', dal: 'dal', cognome: 'cognome', nome: 'nome', relazione: 'relazione', protocollo: 'protocollo',
  descrizione: 'descrizione', motivo: 'motivo', note: 'note', destinatario: 'destinatario', numero: 'numero',
};

/** A value of the admin document in words (dates in Italian, labels for known codes). */
export function valoreInParole(v: unknown): string {
  if (v === null || v === undefined || v === '') return t.cartella.conflitti.vuoto;
  if (typeof v === 'string') {
    if (ISO.test(v)) return dataBreve(v);
    return ETICHETTE_FASE[v as keyof typeof ETICHETTE_FASE] ?? ETICHETTE_AREA[v as keyof typeof ETICHETTE_AREA]
      ?? ETICHETTE_DOCUMENTO[v as TipoDocumento] ?? t.cartella.etichette.canali[v] ?? t.cartella.etichette.statiDocumento[v] ?? v;
  }
  if (typeof v === 'number') return v.toLocaleString('it-IT');
  if (typeof v === 'boolean') return v ? t.cartella.comune.si : t.cartella.comune.no;
  if (Array.isArray(v)) return v.map(valoreInParole).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${ETICHETTE_CHIAVI[k] ?? k}: ${valoreInParole(x)}`).join(' · ');
  }
  return String(v);
}

/** The name of the field a conflict is about. */
export function campoInParole(c: Conflitto): string {
  const sezione = t.cartella.conflitti.sezioni[c.sezione] ?? c.sezione;
  const primo = c.valori[0]?.valore as Record<string, unknown> | undefined;
  let campo = c.campo;
  if (c.sezione === 'anagrafica') campo = t.cartella.anagrafica.campi[c.campo] ?? c.campo;
  else if (c.sezione === 'documenti' && typeof primo?.['tipo'] === 'string') campo = ETICHETTE_DOCUMENTO[primo['tipo'] as TipoDocumento] ?? c.campo;
  else if (c.sezione === 'nucleo' && primo) campo = `${String(primo['cognome'] ?? '')} ${String(primo['nome'] ?? '')}`.trim();
  return t.cartella.conflitti.campo(sezione, campo);
}
