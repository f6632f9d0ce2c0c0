/**
 * @module crdt/stats/tabelle-situazione
 * Tables of the situation at `now`: cartelle by state, by area and by phase; pending
 * procedures by standing of their term; open cartelle by activity.
 */
import type { Etichettato } from './etichette';
import { ETICHETTE_STATO_ATTIVITA, STATI_ATTIVITA, type CartelleInattive } from './inattive';
import type { Conteggi } from './per-area';
import { ETICHETTE_STATO_TERMINE, STATI_TERMINE, type ProcedimentiPendenti } from './procedimenti';
import type { Statistiche } from './statistiche';
import type { AperteChiuse } from './stato-cartelle';
import { tabella, type Colonna, type Riga, type Tabella } from './tabella';

const testo = (codice: string, etichetta: string): Colonna => ({ codice, etichetta, tipo: 'testo' });
const conteggio = (codice: string, etichetta: string, somma?: readonly string[]): Colonna =>
  (somma ? { codice, etichetta, tipo: 'conteggio', somma } : { codice, etichetta, tipo: 'conteggio' });

/** Cartelle read, by lifecycle state. */
export function tabellaStato(s: Statistiche): Tabella {
  return tabella({
    codice: 'stato',
    titolo: 'Cartelle per stato',
    colonne: [testo('stato', 'Stato'), conteggio('cartelle', 'Cartelle')],
    righe: [
      ...s.stato.perStato.map((x): Riga => ({ celle: [x.etichetta, x.cartelle] })),
      { celle: ['Totale', s.stato.cartelle], totale: true },
    ],
    personeServite: true,
    note: [`Situazione al ${s.calcolateIl}, su ${s.stato.cartelle} cartelle leggibili su questo dispositivo.`],
  });
}

function aperteChiuse(codice: string, titolo: string, dimensione: Colonna, righe: readonly (AperteChiuse & { voce: Etichettato })[], totale: AperteChiuse, note: string[]): Tabella {
  return tabella({
    codice,
    titolo,
    colonne: [dimensione, conteggio('aperte', 'Aperte'), conteggio('chiuse', 'Chiuse'), conteggio('totale', 'Prese in carico', ['aperte', 'chiuse'])],
    righe: [
      ...righe.map((x): Riga => ({ celle: [x.voce.etichetta, x.aperte, x.chiuse, x.totale] })),
      { celle: ['Totale', totale.aperte, totale.chiuse, totale.totale], totale: true },
    ],
    personeServite: true,
    note,
  });
}

/** Cartelle taken in charge, open and closed, by user area. */
export function tabellaStatoPerArea(s: Statistiche): Tabella {
  return aperteChiuse('stato_per_area', 'Cartelle prese in carico per area di utenza', testo('area', 'Area di utenza'),
    s.stato.perArea.map((x) => ({ ...x, voce: x.area })), s.stato.totale,
    [`Situazione al ${s.calcolateIl}. Aperte comprende le cartelle con una proposta di chiusura in attesa di conferma.`]);
}

/** Cartelle taken in charge, open and closed, by help-process phase. */
export function tabellaStatoPerFase(s: Statistiche): Tabella {
  return aperteChiuse('stato_per_fase', 'Cartelle prese in carico per fase', testo('fase', 'Fase'),
    s.stato.perFase.map((x) => ({ ...x, voce: x.fase })), s.stato.totale,
    [`Situazione al ${s.calcolateIl}. Una cartella chiusa è contata nella fase in cui è stata chiusa.`]);
}

function perArea<K extends string>(
  codice: string, titolo: string, chiavi: readonly K[], etichette: Readonly<Record<K, string>>, totaleEtichetta: string,
  d: { readonly perArea: readonly (Conteggi<K> & { readonly area: Etichettato })[]; readonly totale: Conteggi<K> }, note: string[],
): Tabella {
  const celle = (x: Conteggi<K>): number[] => [...chiavi.map((k) => x[k]), x.totale];
  return tabella({
    codice,
    titolo,
    colonne: [testo('area', 'Area di utenza'), ...chiavi.map((k) => conteggio(k, etichette[k])), conteggio('totale', totaleEtichetta, chiavi)],
    righe: [
      ...d.perArea.map((x): Riga => ({ celle: [x.area.etichetta, ...celle(x)] })),
      { celle: ['Totale', ...celle(d.totale)], totale: true },
    ],
    personeServite: true,
    note,
  });
}

/** Pending procedures of open cartelle by standing of their term, by area. */
export function tabellaProcedimenti(s: Statistiche): Tabella {
  const p: ProcedimentiPendenti = s.procedimenti;
  return perArea('procedimenti_scaduti', 'Procedimenti in attesa di determinazione e loro termine', STATI_TERMINE,
    ETICHETTE_STATO_TERMINE, 'Procedimenti pendenti', p,
    [`Situazione al ${s.calcolateIl}: procedimenti delle cartelle aperte senza determinazione. Termine (L. 241/1990 art. 2) dalla ricezione dell'istanza o dall'avvio d'ufficio, sospensioni comprese; potere sostitutivo: metà del termine dopo la scadenza.`]);
}

/** Open cartelle by activity in the last 12 months, by area. */
export function tabellaInattive(s: Statistiche): Tabella {
  const c: CartelleInattive = s.inattive;
  return perArea('cartelle_inattive', 'Cartelle aperte senza accessi né interventi da 12 mesi', STATI_ATTIVITA,
    ETICHETTE_STATO_ATTIVITA, 'Cartelle aperte', c,
    [`Situazione al ${s.calcolateIl}. Inattiva: nessuna attività (diario, verbali, valutazioni, verifiche, atti del procedimento, prestazioni, accesso, apertura, riapertura) da almeno 12 mesi; è la regola che propone la chiusura per inattività.`]);
}
