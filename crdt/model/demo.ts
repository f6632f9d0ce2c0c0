/**
 * @module demo
 * Realistic synthetic cartelle, deterministic from a seed: every phase and every closure
 * reason is represented (with at least 14 cartelle), with years of diary. Used by
 * `npm run demo`, by the tests and by the benchmarks. Everyone in them is invented.
 */
import type { Cartella } from './cartella';
import { confermaChiusura, proponiChiusura, riapriCartella } from './chiusura';
import { creaCartella } from './crea';
import { aggiungiGiorni, aggiungiMesi, comeData, type DataIso } from './date';
import { aggiungiVoceDiario } from './diario';
import { cambiaFase } from './fasi';
import type { AuthorKey, CartellaId } from './ids';
import { aggiungiMembro } from './members';
import { Casuale } from './prng';
import { concludiSegretariato } from './segretariato';
import { registraValutazione } from './valutazione';
import { personaSintetica, cognomeSintetico, nomeProprio, type PersonaDemo } from './demo-persone';
import { accesso, apertura, erogazione, progetto, valutazione } from './demo-percorso';
import { personaMinore, registraSchedaDemo } from './demo-sinba';
import { documentiDemo, Storia, type EquipeDemo } from './demo-storia';
import { testoVoce } from './demo-testi';
import { AREE } from './vocabolario';

/** Where a demo story ends. */
export const SCENARI = [
  'accesso', 'segnalazione', 'segretariato_chiuso', 'apertura', 'valutazione', 'progetto', 'erogazione',
  'conclusione', 'chiusa_conclusione', 'chiusa_inattivita', 'chiusa_trasferimento', 'chiusa_decesso',
  'riaperta', 'inattiva',
] as const;
export type Scenario = (typeof SCENARI)[number];

/** Options of {@link creaDemo}. */
export interface OpzioniDemo {
  readonly seed: number;
  readonly count: number;
  /** The demo's "today" (never the clock): stories end by this day. */
  readonly oggi?: string;
}

/** One demo cartella with the story it was built from. */
export interface CartellaDemo {
  readonly id: CartellaId;
  readonly cartella: Cartella;
  readonly scenario: Scenario;
  readonly persona: PersonaDemo;
}

/** The default "today" of the demo. */
export const OGGI_DEMO = '2025-06-30';

const GIORNI_INDIETRO: Readonly<Record<Scenario, readonly [number, number]>> = {
  accesso: [1, 20], segnalazione: [20, 400], segretariato_chiuso: [20, 400], apertura: [8, 40],
  valutazione: [60, 120], progetto: [120, 200], erogazione: [400, 1800], conclusione: [500, 1500],
  chiusa_conclusione: [500, 1800], chiusa_inattivita: [1000, 1800], chiusa_trasferimento: [400, 1500],
  chiusa_decesso: [400, 1500], riaperta: [900, 1800], inattiva: [900, 1800],
};

function chiave(r: Casuale): AuthorKey {
  return r.stringa(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') as AuthorKey;
}

function equipeDemo(r: Casuale): EquipeDemo {
  const persona = (): { chiave: AuthorKey; nome: string } => {
    const g = r.forse(0.7) ? 'F' : 'M';
    return { chiave: chiave(r), nome: `${nomeProprio(r, g)} ${cognomeSintetico(r)}` };
  };
  return { as1: persona(), as2: persona(), amm: persona(), edu: persona() };
}

/** How many schede SINBA a demo has written so far (the first is left incomplete). */
interface ContatoreSinba { schede: number }

function storia(r: Casuale, e: EquipeDemo, indice: number, seed: number, scenario: Scenario, oggi: DataIso, sinba: ContatoreSinba): CartellaDemo {
  const [min, max] = GIORNI_INDIETRO[scenario];
  const inizio = aggiungiGiorni(oggi, -r.intero(min, max));
  const id = `demo-${seed}-${String(indice).padStart(4, '0')}` as CartellaId;
  let persona = personaSintetica(r, 1935, 2005);
  const as = r.forse(0.5) ? e.as1 : e.as2;
  const docs = documentiDemo(r);
  const s0 = { autore: as.chiave, now: new Date(`${inizio}T09:00:00+01:00`) };
  const c = creaCartella({ id, nome: as.nome, ruolo: 'assistente_sociale' }, s0, docs);
  if (!c.ok) throw new Error(c.message);
  const s = new Storia(r, c.value, e, inizio, oggi, as.chiave);
  for (const [m, ruolo] of [[as === e.as1 ? e.as2 : e.as1, 'assistente_sociale'], [e.amm, 'amministrativo'], [e.edu, 'educatore']] as const) {
    s.fai(aggiungiMembro(s.c, { chiave: m.chiave, nome: m.nome, ruolo }, s.ctx()));
  }
  const viaSegretariato = ['accesso', 'segnalazione', 'segretariato_chiuso'].includes(scenario) || r.forse(0.5);
  if (viaSegretariato) {
    accesso(s, persona);
    if (scenario === 'accesso') return { id, cartella: s.c, scenario, persona };
    if (scenario === 'segnalazione' || scenario === 'segretariato_chiuso') {
      s.fai(concludiSegretariato(s.c, scenario === 'segnalazione'
        ? { esito: 'segnalazione', data: s.giorno, destinatario: r.scegli(['Consultorio familiare', 'Centro per l\'impiego', 'Servizio dipendenze', 'CAF convenzionato']), motivo: 'Bisogno di competenza di altro servizio.' }
        : { esito: 'chiusura', data: s.giorno, motivo: 'Informazioni fornite; nessun ulteriore bisogno.' }, s.ctx()));
      return { id, cartella: s.c, scenario, persona };
    }
  }
  const area = r.scegli(AREE);
  if (area === 'famiglia_minori') persona = personaMinore(persona, s.giorno);
  apertura(s, persona, area, viaSegretariato, scenario !== 'apertura');
  if (area === 'famiglia_minori') registraSchedaDemo(s, persona, sinba.schede++ === 0);
  if (scenario === 'apertura') return { id, cartella: s.c, scenario, persona };
  valutazione(s, persona);
  if (scenario === 'valutazione') return { id, cartella: s.c, scenario, persona };
  const prestazione = progetto(s, persona);
  if (scenario === 'progetto') return { id, cartella: s.c, scenario, persona };
  const riserva: Partial<Record<Scenario, readonly [number, number]>> = {
    erogazione: [0, 10], conclusione: [40, 120], chiusa_conclusione: [60, 200], riaperta: [200, 400],
    chiusa_trasferimento: [20, 200], chiusa_decesso: [20, 200], chiusa_inattivita: [420, 700], inattiva: [380, 500],
  };
  const [rmin, rmax] = riserva[scenario] ?? [0, 0];
  const fine = aggiungiGiorni(oggi, -r.intero(rmin, rmax));
  erogazione(s, persona, prestazione, fine, scenario !== 'erogazione' && scenario !== 'conclusione');
  const chiudi = (motivo: 'conclusione' | 'trasferimento' | 'decesso' | 'inattivita'): void => {
    s.fai(proponiChiusura(s.c, { motivo, data: s.giorno, ...(motivo === 'trasferimento' ? { destinazione: `Comune di ${r.scegli(['Altavilla Nuova', 'Poggiolungo'])}` } : {}), ...(motivo === 'decesso' ? { dataDecesso: aggiungiGiorni(s.giorno, -r.intero(1, 10)) } : {}) }, s.ctx()));
    s.avanza(1, 14);
    s.fai(confermaChiusura(s.c, { data: s.giorno }, s.ctx(r.forse(0.5) ? e.as1.chiave : e.as2.chiave)));
  };
  if (scenario === 'conclusione' || scenario === 'chiusa_conclusione' || scenario === 'riaperta') {
    s.avanza(7, 20);
    s.fai(cambiaFase(s.c, { fase: 'conclusione', data: s.giorno }, s.ctx()));
    s.avanza(3, 14);
    s.fai(registraValutazione(s.c, { tipo: 'finale', data: s.giorno, testo: 'Valutazione finale: obiettivi raggiunti in tutto o in parte.' }, s.ctx()));
    s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo: 'colloquio', testo: `Colloquio di conclusione con ${persona.nome}.` }, s.ctx()));
    if (scenario === 'conclusione') return { id, cartella: s.c, scenario, persona };
    s.avanza(3, 10);
    chiudi('conclusione');
    if (scenario === 'riaperta') {
      s.vaiA(aggiungiGiorni(oggi, -r.intero(10, 120)));
      s.fai(riapriCartella(s.c, { data: s.giorno, motivo: `${persona.nome} si ripresenta con un nuovo bisogno.` }, s.ctx()));
      s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo: 'colloquio', testo: testoVoce(r, 'colloquio', persona.nome) }, s.ctx()));
    }
  } else if (scenario === 'chiusa_trasferimento' || scenario === 'chiusa_decesso') {
    s.avanza(1, 10);
    chiudi(scenario === 'chiusa_trasferimento' ? 'trasferimento' : 'decesso');
  } else if (scenario === 'chiusa_inattivita') {
    s.vaiA(aggiungiMesi(s.giorno, 12));
    s.avanza(0, 40);
    chiudi('inattivita');
  }
  return { id, cartella: s.c, scenario, persona };
}

/** Builds `count` demo cartelle from `seed`; the first 14 cover every scenario. */
export function creaDemo(o: OpzioniDemo): readonly CartellaDemo[] {
  const oggi = comeData(o.oggi ?? OGGI_DEMO);
  if (!oggi) throw new Error(`creaDemo: data non valida ${o.oggi ?? ''}`);
  const r = new Casuale(o.seed);
  const e = equipeDemo(r);
  const out: CartellaDemo[] = [];
  const sinba: ContatoreSinba = { schede: 0 };
  for (let i = 0; i < o.count; i++) {
    const scenario = i < SCENARI.length ? SCENARI[i] : r.scegli(SCENARI);
    out.push(storia(new Casuale((o.seed * 1_000_003 + i * 7919) >>> 0), e, i + 1, o.seed, scenario ?? 'accesso', oggi, sinba));
  }
  return out;
}
