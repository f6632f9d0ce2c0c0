/**
 * @module crdt/stats/tabelle-periodo
 * Tables of the period, month by month: events (accesses, prese in carico, reopenings,
 * closures by reason), days from access to presa in carico, and the diary's entries by
 * worker.
 */
import { ETICHETTE_MOTIVO_CONTEGGIATO, MOTIVI_CONTEGGIATI, type Movimenti } from './flussi';
import { NON_INDICATO } from './etichette';
import type { Periodo } from './periodo';
import type { Sintesi } from './sintesi';
import type { Statistiche } from './statistiche';
import { tabella, type Cella, type Colonna, type Riga, type Tabella } from './tabella';
import type { ConteggioVoci } from './attivita-diario';
import { ETICHETTE_TIPO_VOCE, TIPI_VOCE } from '../model';

const testo = (codice: string, etichetta: string): Colonna => ({ codice, etichetta, tipo: 'testo' });
const conteggio = (codice: string, etichetta: string): Colonna => ({ codice, etichetta, tipo: 'conteggio' });
const misura = (codice: string, etichetta: string): Colonna => ({ codice, etichetta, tipo: 'misura', casi: 'casi' });

function descriviPeriodo(p: Periodo): string {
  return p.dal === null ? 'Nessun evento registrato.' : `Periodo dal ${p.dal} al ${p.al} (date di calendario, mesi interi salvo il primo e l'ultimo).`;
}

/** Events of the period by month, closures by reason. */
export function tabellaFlussi(s: Statistiche): Tabella {
  // "Non indicato" appears only when some closure's reason could not be read.
  const motivi = MOTIVI_CONTEGGIATI.filter((m) => m !== NON_INDICATO || s.flussi.totale.chiusurePerMotivo[m] > 0);
  const celle = (x: Movimenti): number[] => [x.accessi, x.preseInCarico, x.riaperture, x.chiusure, ...motivi.map((m) => x.chiusurePerMotivo[m])];
  return tabella({
    codice: 'flussi_mensili',
    titolo: 'Accessi, prese in carico, riaperture e chiusure per mese',
    colonne: [
      testo('mese', 'Mese'), conteggio('accessi', 'Accessi al segretariato sociale'), conteggio('prese_in_carico', 'Prese in carico'),
      conteggio('riaperture', 'Riaperture'), { ...conteggio('chiusure', 'Chiusure'), somma: motivi.map((m) => `chiusure_${m}`) },
      ...motivi.map((m) => conteggio(`chiusure_${m}`, `Chiusure: ${ETICHETTE_MOTIVO_CONTEGGIATO[m]}`)),
    ],
    righe: [
      ...s.flussi.mesi.map((x): Riga => ({ celle: [x.mese.codice, ...celle(x)] })),
      { celle: ['Totale', ...celle(s.flussi.totale)], totale: true },
    ],
    personeServite: true,
    note: [descriviPeriodo(s.periodo), 'Ogni evento è contato nel mese della sua data; una chiusura alla data della conferma.'],
  });
}

/** Days from access to presa in carico, by month of the presa in carico. */
export function tabellaTempi(s: Statistiche): Tabella {
  const celle = (x: Sintesi): Cella[] => [x.casi, x.media, x.primoQuartile, x.mediana, x.terzoQuartile];
  const t = s.tempi;
  return tabella({
    codice: 'tempi_presa_in_carico',
    titolo: 'Giorni dall\'accesso al segretariato sociale alla presa in carico',
    colonne: [
      testo('mese', 'Mese della presa in carico'), conteggio('casi', 'Casi'), misura('media', 'Media (giorni)'),
      misura('primo_quartile', 'Primo quartile'), misura('mediana', 'Mediana'), misura('terzo_quartile', 'Terzo quartile'),
    ],
    righe: [
      ...t.mesi.map((x): Riga => ({ celle: [x.mese.codice, ...celle(x)] })),
      { celle: ['Intero periodo', ...celle(t.periodo)], totale: true },
    ],
    personeServite: true,
    note: [
      descriviPeriodo(s.periodo),
      'Giorni di calendario dalla data dell\'accesso alla data della presa in carico. Quartili per interpolazione lineare (come QUARTILE.INC di Excel); media arrotondata a un decimale.',
      `Escluse: ${t.senzaAccesso} prese in carico senza accesso al segretariato, ${t.dateIncoerenti} con la presa in carico anteriore all'accesso.`,
    ],
  });
}

/** Diary entries by month, worker and type. */
export function tabellaDiario(s: Statistiche): Tabella {
  const d = s.diario;
  const colonne: Colonna[] = [
    testo('mese', 'Mese'), testo('operatore', 'Operatore'),
    ...TIPI_VOCE.map((t) => conteggio(t, ETICHETTE_TIPO_VOCE[t])),
    { ...conteggio('voci', 'Voci'), somma: TIPI_VOCE },
    conteggio('correzioni', 'Correzioni'),
  ];
  const base = { codice: 'attivita_diario', titolo: 'Voci di diario per operatore, tipo e mese', colonne, personeServite: false };
  if (!d.disponibile) return tabella({ ...base, righe: [], note: [d.motivo] });
  const celle = (x: ConteggioVoci): number[] => [...TIPI_VOCE.map((t) => x.perTipo[t]), x.voci, x.correzioni];
  return tabella({
    ...base,
    righe: [
      ...d.righe.map((x): Riga => ({ celle: [x.mese.codice, x.operatore.etichetta, ...celle(x)] })),
      { celle: ['Totale', '', ...celle(d.totale)], totale: true },
    ],
    note: [
      descriviPeriodo(s.periodo),
      'Voci contate nel mese della loro data. Operatore: il nome che l\'équipe della cartella dà alla chiave di chi ha scritto; «Non verificato»: autore non in équipe, o voce scritta dopo la revoca.',
      ...(d.cartelleSenzaProf > 0 ? [`${d.cartelleSenzaProf} cartelle senza parte professionale su questo dispositivo non sono contate.`] : []),
    ],
  });
}
