/**
 * @module demo-persone
 * Synthetic people and places for the demo: first names are common Italian names, but
 * surnames are invented from syllables, comuni are invented (ISTAT codes 999xxx, region
 * 99, cadastral codes Xnnn — none exists), and codici fiscali are well-formed but point to
 * those invented places, so no record can match a real person.
 */
import { carattereControllo } from './codice-fiscale';
import type { DataIso } from './date';
import type { Casuale } from './prng';

const NOMI_F = ['Giulia', 'Anna', 'Maria', 'Francesca', 'Chiara', 'Elena', 'Lucia', 'Marta', 'Giovanna', 'Rosa', 'Teresa', 'Silvia', 'Paola', 'Irene'];
const NOMI_M = ['Marco', 'Luca', 'Giuseppe', 'Antonio', 'Paolo', 'Giovanni', 'Stefano', 'Andrea', 'Franco', 'Sergio', 'Mario', 'Davide', 'Enrico', 'Pietro'];
const SILLABE_1 = ['Bra', 'Cor', 'Fal', 'Gher', 'Lan', 'Mor', 'Pe', 'Ros', 'Sa', 'Tes', 'Val', 'Zan', 'Bel', 'Ca', 'Dor', 'Fer'];
const SILLABE_2 = ['dal', 'ghet', 'lan', 'mar', 'sen', 'vet', 'bruz', 'cian', 'fol', 'ner', 'pin', 'sard'];
const FINALI = ['etti', 'ini', 'oni', 'ari', 'elli', 'andri', 'ucci', 'otti', 'esi'];

/** Invented comuni of the demo, with invented codes. */
export const COMUNI = [
  'Valdoria', 'Borgoserio', 'Castelbruno di Sopra', 'Pratofondo', 'Rivasserena', 'Montecaldera',
  'Casalombroso', 'Torre Vellana', 'Fontegrigia', 'Selvarossa',
].map((nome, i) => ({ nome, istat: `999${String(i + 1).padStart(3, '0')}`, catastale: `X${String(i + 1).padStart(3, '0')}` }));

const VIE = ['Via dei Tigli', 'Via Roma', 'Via del Mulino', 'Piazza della Chiesa', 'Via dei Campi', 'Vicolo Stretto', 'Via Fontana'];
const MESI = 'ABCDEHLMPRST';

/** A synthetic person. */
export interface PersonaDemo {
  readonly nome: string;
  readonly cognome: string;
  readonly genere: 'M' | 'F';
  readonly dataNascita: DataIso;
  readonly codiceFiscale: string;
  readonly comuneNascita: (typeof COMUNI)[number];
  readonly comuneResidenza: (typeof COMUNI)[number];
  readonly indirizzo: string;
  readonly telefono: string;
}

function consonanti(s: string): string {
  return s.toUpperCase().replace(/[^B-DF-HJ-NP-TV-Z]/g, '');
}
function vocali(s: string): string {
  return s.toUpperCase().replace(/[^AEIOU]/g, '');
}
function codiceCognome(c: string): string {
  return (consonanti(c) + vocali(c) + 'XXX').slice(0, 3);
}
function codiceNome(n: string): string {
  const k = consonanti(n);
  if (k.length >= 4) return `${k[0] ?? ''}${k[2] ?? ''}${k[3] ?? ''}`;
  return (k + vocali(n) + 'XXX').slice(0, 3);
}

/** A codice fiscale of the standard shape, with the right control character. */
export function codiceFiscaleSintetico(p: Omit<PersonaDemo, 'codiceFiscale' | 'indirizzo' | 'telefono' | 'comuneResidenza'>): string {
  const anno = p.dataNascita.slice(2, 4);
  const mese = MESI.charAt(Number(p.dataNascita.slice(5, 7)) - 1);
  const giorno = Number(p.dataNascita.slice(8, 10)) + (p.genere === 'F' ? 40 : 0);
  const primi15 = `${codiceCognome(p.cognome)}${codiceNome(p.nome)}${anno}${mese}${String(giorno).padStart(2, '0')}${p.comuneNascita.catastale}`;
  return primi15 + carattereControllo(primi15);
}

/** An invented surname. */
export function cognomeSintetico(r: Casuale): string {
  return r.scegli(SILLABE_1) + r.scegli(SILLABE_2) + r.scegli(FINALI);
}

/** A synthetic person born between `annoMin` and `annoMax`. */
export function personaSintetica(r: Casuale, annoMin: number, annoMax: number): PersonaDemo {
  const genere = r.forse(0.55) ? 'F' : 'M';
  const nome = r.scegli(genere === 'F' ? NOMI_F : NOMI_M);
  const cognome = cognomeSintetico(r);
  const dataNascita = `${r.intero(annoMin, annoMax)}-${String(r.intero(1, 12)).padStart(2, '0')}-${String(r.intero(1, 28)).padStart(2, '0')}` as DataIso;
  const comuneNascita = r.scegli(COMUNI);
  const base = { nome, cognome, genere, dataNascita, comuneNascita } as const;
  return {
    ...base,
    codiceFiscale: codiceFiscaleSintetico(base),
    comuneResidenza: r.scegli(COMUNI),
    indirizzo: `${r.scegli(VIE)} ${r.intero(1, 80)}`,
    telefono: `0${r.intero(300, 399)} ${r.intero(100000, 999999)}`,
  };
}

/** A first name of the given gender. */
export function nomeProprio(r: Casuale, genere: 'M' | 'F'): string {
  return r.scegli(genere === 'F' ? NOMI_F : NOMI_M);
}
