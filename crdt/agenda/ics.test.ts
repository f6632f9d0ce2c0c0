import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../../crypto';
import {
  annullaAppuntamento, comeImpegnoPersonale, comeOra, fissaAppuntamento, istanteRoma, leggiCartella, spostaAppuntamento, svoltoInDiario,
  type AppuntamentoInput, type AuthorKey, type Cartella, type CartellaId, type Contesto, type DataIso, type ImpegnoPersonale,
} from '../model';
import { creaDemo, SCENARI } from '../model/demo';
import { cartellaAperta, certo, EQUIPE } from '../model/fixtures';
import { agendaPeriodo } from './giornata';
import { esportaIcs, type OpzioniIcs } from './ics';
import { OTTETTI_PER_RIGA, piegaRiga, testoIcs } from './ics-testo';
import type { CartellaInAgenda, VoceAgenda } from './voci';

beforeAll(async () => { await initSodium(); });

// ---------------------------------------------------------------------------------------
// A strict, minimal RFC 5545 reader: physical lines, unfolding, content-line grammar,
// component nesting, the properties each component must carry, TEXT escaping.
// ---------------------------------------------------------------------------------------
interface Proprieta { readonly nome: string; readonly parametri: ReadonlyMap<string, readonly string[]>; readonly valore: string }
interface Componente { readonly nome: string; readonly proprieta: Proprieta[]; readonly figli: Componente[] }

const CTL = /[\u0000-\u0008\u000A-\u001F\u007F]/;
const utf8 = new TextEncoder();

/** Splits the bytes on CRLF and checks that every physical line is valid UTF-8 by itself. */
function righeFisiche(testo: string): string[] {
  if (!testo.endsWith('\r\n')) throw new Error('il file non termina con CRLF');
  const byte = utf8.encode(testo);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const righe: string[] = [];
  let inizio = 0;
  for (let i = 0; i < byte.length; i++) {
    if (byte[i] === 0x0a && byte[i - 1] !== 0x0d) throw new Error(`LF senza CR all'ottetto ${i}`);
    if (byte[i] === 0x0d && byte[i + 1] !== 0x0a) throw new Error(`CR senza LF all'ottetto ${i}`);
    if (byte[i] === 0x0d) {
      const riga = byte.subarray(inizio, i);
      if (riga.length > OTTETTI_PER_RIGA) throw new Error(`riga fisica di ${riga.length} ottetti`);
      righe.push(decoder.decode(riga)); // throws if a fold split a character
      inizio = i + 2;
      i++;
    }
  }
  return righe;
}

function dispiega(fisiche: readonly string[]): string[] {
  const logiche: string[] = [];
  for (const r of fisiche) {
    if (r === '') throw new Error('riga vuota');
    if (r[0] === ' ' || r[0] === '\t') {
      if (logiche.length === 0) throw new Error('continuazione in testa al file');
      logiche[logiche.length - 1] += r.slice(1);
    } else logiche.push(r);
  }
  return logiche;
}

/** contentline = name *(";" param) ":" value (RFC 5545 §3.1). */
function rigaDiContenuto(riga: string): Proprieta {
  const m = /^[A-Za-z0-9-]+/.exec(riga);
  if (!m) throw new Error(`nome di proprietà mancante: ${riga}`);
  let i = m[0].length;
  const parametri = new Map<string, string[]>();
  while (riga[i] === ';') {
    const n = /^[A-Za-z0-9-]+=/.exec(riga.slice(i + 1));
    if (!n) throw new Error(`parametro malformato: ${riga}`);
    const nome = n[0].slice(0, -1).toUpperCase();
    i += 1 + n[0].length;
    const valori: string[] = [];
    for (;;) {
      if (riga[i] === '"') {
        const fine = riga.indexOf('"', i + 1);
        if (fine < 0) throw new Error(`virgolette non chiuse: ${riga}`);
        valori.push(riga.slice(i + 1, fine));
        i = fine + 1;
      } else {
        const t = /^[^";:,\u0000-\u0008\u000A-\u001F\u007F]*/.exec(riga.slice(i))?.[0] ?? '';
        valori.push(t);
        i += t.length;
      }
      if (riga[i] !== ',') break;
      i++;
    }
    parametri.set(nome, valori);
  }
  if (riga[i] !== ':') throw new Error(`manca ":" in ${riga}`);
  const valore = riga.slice(i + 1);
  if (CTL.test(valore)) throw new Error(`carattere di controllo nel valore: ${riga}`);
  return { nome: m[0].toUpperCase(), parametri, valore };
}

function analizzaIcs(testo: string): Componente {
  const pila: Componente[] = [];
  let radice: Componente | undefined;
  for (const riga of dispiega(righeFisiche(testo))) {
    const p = rigaDiContenuto(riga);
    if (p.nome === 'BEGIN') {
      const c: Componente = { nome: p.valore.toUpperCase(), proprieta: [], figli: [] };
      const padre = pila.at(-1);
      if (padre) padre.figli.push(c);
      else if (radice) throw new Error('più di un componente radice');
      else radice = c;
      pila.push(c);
    } else if (p.nome === 'END') {
      const c = pila.pop();
      if (!c || c.nome !== p.valore.toUpperCase()) throw new Error(`END:${p.valore} non corrisponde`);
    } else {
      const c = pila.at(-1);
      if (!c) throw new Error(`proprietà fuori da un componente: ${riga}`);
      c.proprieta.push(p);
    }
  }
  if (pila.length > 0 || !radice) throw new Error('componenti non chiusi');
  return radice;
}

const tutte = (c: Componente, nome: string): Proprieta[] => c.proprieta.filter((p) => p.nome === nome);
function una(c: Componente, nome: string): Proprieta {
  const l = tutte(c, nome);
  if (l.length !== 1) throw new Error(`${c.nome}: ${nome} compare ${l.length} volte`);
  return l[0] as Proprieta;
}
const TESTO_ESCAPATO = /^(?:[^\\;,]|\\[\\;,nN])*$/;
const scampa = (v: string): string => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Checks what RFC 5545 requires of the calendar and its components; gives the events. */
function controllaCalendario(testo: string): Componente[] {
  const cal = analizzaIcs(testo);
  expect(cal.nome).toBe('VCALENDAR');
  expect(una(cal, 'VERSION').valore).toBe('2.0');
  una(cal, 'PRODID');
  const fusi = new Set<string>();
  for (const tz of cal.figli.filter((f) => f.nome === 'VTIMEZONE')) {
    fusi.add(una(tz, 'TZID').valore);
    expect(tz.figli.length).toBeGreaterThan(0);
    for (const r of tz.figli) {
      expect(['STANDARD', 'DAYLIGHT']).toContain(r.nome);
      expect(una(r, 'DTSTART').valore).toMatch(/^\d{8}T\d{6}$/);
      for (const k of ['TZOFFSETFROM', 'TZOFFSETTO']) expect(una(r, k).valore).toMatch(/^[+-]\d{4}$/);
    }
  }
  const eventi = cal.figli.filter((f) => f.nome === 'VEVENT');
  const uid = new Set<string>();
  for (const e of eventi) {
    const u = una(e, 'UID').valore;
    expect(uid.has(u), `UID ripetuto ${u}`).toBe(false);
    uid.add(u);
    expect(una(e, 'DTSTAMP').valore).toMatch(/^\d{8}T\d{6}Z$/);
    const ini = una(e, 'DTSTART');
    const fine = una(e, 'DTEND');
    expect(tutte(e, 'DURATION')).toHaveLength(0);
    const soloData = ini.parametri.get('VALUE')?.[0] === 'DATE';
    expect(fine.parametri.get('VALUE')?.[0] === 'DATE').toBe(soloData);
    for (const x of [ini, fine]) {
      expect(x.valore).toMatch(soloData ? /^\d{8}$/ : /^\d{8}T\d{6}Z?$/);
      const tzid = x.parametri.get('TZID')?.[0];
      if (tzid !== undefined) expect(fusi.has(tzid), `TZID ${tzid} senza VTIMEZONE`).toBe(true);
    }
    expect(fine.valore > ini.valore).toBe(true);
    for (const k of ['SUMMARY', 'LOCATION', 'DESCRIPTION']) for (const p of tutte(e, k)) expect(p.valore).toMatch(TESTO_ESCAPATO);
  }
  return eventi;
}

// ---------------------------------------------------------------------------------------
const a = (data: string, ora: string, autore: AuthorKey = EQUIPE.rossa): Contesto => {
  const now = istanteRoma(data as DataIso, comeOra(ora) as never);
  if (!now) throw new Error(`${data} ${ora}`);
  return { autore, now };
};
const app = (over: Partial<AppuntamentoInput>): AppuntamentoInput => ({
  tipo: 'colloquio', data: '2024-05-06', inizio: '09:00', fine: '10:00', luogo: 'sede', operatori: [EQUIPE.rossa], ...over,
});
const NOW = new Date('2024-05-03T06:30:00Z');

function esempio(etichetta = 'Rossi, Mario; via Po 3'): { cartelle: CartellaInAgenda[]; c: Cartella; ids: string[] } {
  const c = cartellaAperta('2024-05-02', 'cartella-ics-0001');
  const ctx = a('2024-05-02', '12:00');
  const ids = [
    certo(fissaAppuntamento(c, app({ data: '2024-01-15', inizio: '10:00', fine: '11:00' }), ctx)),
    certo(fissaAppuntamento(c, app({ data: '2024-07-01', inizio: '10:00', fine: '10:45', tipo: 'visita_domiciliare', luogo: 'domicilio', luogoDettaglio: 'Via dei Tigli 4' }), ctx)),
    certo(fissaAppuntamento(c, app({ data: '2024-10-27', inizio: '02:30', fine: '03:30', tipo: 'back_office' }), ctx)),
  ];
  return { cartelle: [{ id: 'cartella-ics-0001' as CartellaId, etichetta, cartella: c }], c, ids };
}
const voci = (cartelle: readonly CartellaInAgenda[], impegni: readonly ImpegnoPersonale[] = []): readonly VoceAgenda[] =>
  certo(agendaPeriodo(cartelle, { dal: '2024-01-01', al: '2024-12-31' }, NOW, { impegni }));
const esporta = (v: readonly VoceAgenda[], o: Partial<OpzioniIcs> = {}): string => esportaIcs(v, { now: NOW, ...o });

describe('.ics export', () => {
  it('passes a strict RFC 5545 reading: CRLF lines of at most 75 octets, nesting, required properties, TZID defined', () => {
    const { cartelle } = esempio();
    const impegno = certo(comeImpegnoPersonale({ id: 'bo-1', tipo: 'back_office', data: '2024-05-07', inizio: '14:00', fine: '16:00' }));
    const testo = esporta(voci(cartelle, [impegno]), { scadenze: true });
    const eventi = controllaCalendario(testo);
    expect(eventi.map((e) => [una(e, 'DTSTART').valore, una(e, 'SUMMARY').valore])).toEqual([
      ['20240115T100000', 'Colloquio'], ['20240507T140000', 'Back-office'], ['20240601', 'Scadenza: Termine del procedimento'],
      ['20240701T100000', 'Visita domiciliare'], ['20241027T003000Z', 'Back-office'],
    ]);
    expect(testo.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    const tz = analizzaIcs(testo).figli.find((f) => f.nome === 'VTIMEZONE');
    expect(tz && una(tz, 'TZID').valore).toBe('Europe/Rome');
    expect(() => analizzaIcs(testo.replace(/\r\n/g, '\n'))).toThrow(/CRLF|LF senza CR/);
    expect(() => controllaCalendario(testo.replace('END:VEVENT', 'END:VTODO'))).toThrow(/non corrisponde/);
  });

  it('ical.js reads the same events, at the right instants on both sides of summer time', () => {
    const { cartelle } = esempio();
    const testo = esporta(voci(cartelle));
    const cal = new ICAL.Component(ICAL.parse(testo) as unknown[]);
    const tz = cal.getFirstSubcomponent('vtimezone');
    if (!tz) throw new Error('VTIMEZONE mancante');
    ICAL.TimezoneService.register(tz);
    const eventi = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(eventi.map((e) => [e.summary, e.location, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ['Colloquio', 'Sede del servizio', '2024-01-15T09:00:00.000Z', '2024-01-15T10:00:00.000Z'],
      ['Visita domiciliare', 'Domicilio', '2024-07-01T08:00:00.000Z', '2024-07-01T08:45:00.000Z'],
      // The repeated hour when summer time ends: its first occurrence (CEST), as the model means it
      // (exported as a UTC instant: with TZID, ical.js would read the second occurrence).
      ['Back-office', 'Sede del servizio', '2024-10-27T00:30:00.000Z', '2024-10-27T02:30:00.000Z'],
    ]);
    expect(eventi.every((e) => e.component.getFirstPropertyValue('class') === 'PRIVATE')).toBe(true);
    expect(eventi[0]?.startDate.toJSDate().getTime()).toBe(istanteRoma('2024-01-15' as DataIso, '10:00' as never)?.getTime());
  });

  it('UIDs are stable across exports and moves, distinct per event, and name neither the cartella nor the appointment', () => {
    const { cartelle, c, ids } = esempio();
    const uid = (t: string): string[] => controllaCalendario(t).map((e) => una(e, 'UID').valore);
    const seq = (t: string): string[] => controllaCalendario(t).map((e) => una(e, 'SEQUENCE').valore);
    const prima = esporta(voci(cartelle));
    const ancora = esportaIcs(voci(cartelle), { now: new Date('2024-06-01T10:00:00Z') });
    expect(uid(ancora)).toEqual(uid(prima));
    certo(spostaAppuntamento(c, { id: ids[0] as string, data: '2024-01-16', inizio: '10:00', fine: '11:00' }, a('2024-05-03', '09:00')));
    const dopo = esporta(voci(cartelle));
    expect(uid(dopo)).toEqual(uid(prima));
    expect(seq(prima)).toEqual(['0', '0', '0']);
    expect(seq(dopo)).toEqual(['1', '0', '0']);
    expect(new Set(uid(prima)).size).toBe(3);
    for (const u of uid(prima)) {
      expect(u).toMatch(/^[0-9a-f]{32}@cartella$/);
      expect(u).not.toContain('cartella-ics-0001');
      for (const id of ids) expect(u).not.toContain(id);
    }
    const conSegreto = esporta(voci(cartelle), { segretoUid: new Uint8Array(32).fill(7) });
    expect(uid(conSegreto).some((u) => uid(prima).includes(u))).toBe(false);
    expect(() => esporta(voci(cartelle), { segretoUid: new Uint8Array(8) })).toThrow(RangeError);
    expect(() => esportaIcs([], { now: new Date(Number.NaN) })).toThrow(RangeError);
  });

  it('a deadline keeps its UID when an avviso starts announcing it', () => {
    const { cartelle } = esempio();
    const uidScadenza = (now: Date): string[] => controllaCalendario(esportaIcs(
      certo(agendaPeriodo(cartelle, { dal: '2024-06-01', al: '2024-06-01' }, now)), { now, scadenze: true },
    )).map((e) => una(e, 'UID').valore);
    const lontano = uidScadenza(new Date('2024-05-03T08:00:00Z'));
    expect(lontano).toHaveLength(1);
    expect(uidScadenza(new Date('2024-05-28T08:00:00Z'))).toEqual(lontano);
  });

  it('a cancelled appointment is exported as CANCELLED; deadlines only when asked', () => {
    const { cartelle, c, ids } = esempio();
    certo(annullaAppuntamento(c, { id: ids[1] as string, da: 'persona' }, a('2024-05-03', '09:00')));
    const t = esporta(voci(cartelle));
    expect(t).not.toContain('Scadenza');
    expect(t).not.toContain('VALUE=DATE');
    expect(controllaCalendario(t).map((e) => [una(e, 'STATUS').valore, una(e, 'SEQUENCE').valore])).toEqual([['CONFIRMED', '0'], ['CANCELLED', '1'], ['CONFIRMED', '0']]);
    const cal = new ICAL.Component(ICAL.parse(t) as unknown[]);
    expect(cal.getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED']);
  });

  it('escapes backslash, semicolon, comma and newlines, drops control characters, and reads back the same text', () => {
    expect(testoIcs('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(testoIcs('x\u0000\u0007y\tz\u007F')).toBe('xy z');
    expect(testoIcs('\uD800solo')).toBe('\uFFFDsolo');
    const etichetta = 'Rossi, Mario; tel. 035\\111\nseconda riga';
    const { cartelle } = esempio(etichetta);
    const testo = esporta(voci(cartelle), { includiEtichetta: true });
    const [primo] = controllaCalendario(testo);
    expect(scampa(una(primo as Componente, 'SUMMARY').valore)).toBe(`Colloquio — ${etichetta}`);
    const cal = new ICAL.Component(ICAL.parse(testo) as unknown[]);
    expect(new ICAL.Event(cal.getFirstSubcomponent('vevent') ?? undefined).summary).toBe(`Colloquio — ${etichetta}`);
  });

  it('folds at 75 octets counting UTF-8 bytes, never inside an accented or multi-byte character', () => {
    const esatta = `SUMMARY:${'x'.repeat(75 - 8)}`;
    expect(piegaRiga(esatta)).toBe(esatta);
    expect(piegaRiga(`${esatta}y`)).toBe(`${esatta}\r\n y`);
    for (const unita of ['è', 'àéìòù', '€', '😀', 'aè', 'ab€']) {
      const riga = `SUMMARY:${unita.repeat(60)}`;
      const piegata = piegaRiga(riga);
      const fisiche = piegata.split('\r\n');
      expect(fisiche.length).toBeGreaterThan(1);
      for (const f of fisiche) {
        expect(utf8.encode(f).length).toBeLessThanOrEqual(75);
        expect(f).not.toContain('\uFFFD');
        expect(new TextDecoder('utf-8', { fatal: true }).decode(utf8.encode(f))).toBe(f);
      }
      expect(fisiche.map((f, i) => (i === 0 ? f : f.slice(1))).join('')).toBe(riga);
    }
    // A whole file with accented labels passes the byte-level reader and ical.js.
    const etichetta = 'Attività però già più è così — Niccolò Foà d’Alì 😀'.repeat(3);
    const { cartelle } = esempio(etichetta);
    const testo = esporta(voci(cartelle), { includiEtichetta: true });
    const eventi = controllaCalendario(testo);
    expect(testo.split('\r\n').some((r) => r.startsWith(' '))).toBe(true);
    expect(scampa(una(eventi[0] as Componente, 'SUMMARY').valore)).toBe(`Colloquio — ${etichetta}`);
    const cal = new ICAL.Component(ICAL.parse(testo) as unknown[]);
    expect(new ICAL.Event(cal.getFirstSubcomponent('vevent') ?? undefined).summary).toBe(`Colloquio — ${etichetta}`);
  });
});

describe('.ics privacy', () => {
  it('by default the file carries none of the demo cartelle\'s personal strings or case details; the label only when asked', () => {
    const demo = creaDemo({ seed: 7, count: SCENARI.length });
    const cartelle: CartellaInAgenda[] = [];
    const segreti = new Set<string>();
    let fissati = 0;
    for (const d of demo) {
      const v = leggiCartella(d.cartella);
      const as = v.admin.membri.find((m) => m.ruolo === 'assistente_sociale' && !m.revocatoIl)?.chiave;
      if (!as) continue;
      const p = d.persona;
      for (const s of [p.nome, p.cognome, p.codiceFiscale, p.indirizzo, p.telefono, p.comuneNascita.nome, p.comuneResidenza.nome, d.id]) segreti.add(s);
      for (const s of Object.values(v.admin.anagrafica)) if (typeof s === 'string' && s.length >= 4) segreti.add(s);
      for (const m of v.admin.nucleo) { segreti.add(m.cognome); if (m.codiceFiscale) segreti.add(m.codiceFiscale); }
      for (const x of v.admin.prestazioni) segreti.add(x.denominazione);
      for (const x of v.prof?.diario ?? []) if (x.testo.length >= 12) segreti.add(x.testo.slice(0, 24));
      const ctx = a('2025-06-30', '08:00', as);
      const visita = fissaAppuntamento(d.cartella, app({ data: '2025-06-30', inizio: '09:00', fine: '10:00', tipo: 'visita_domiciliare', luogo: 'domicilio', luogoDettaglio: `${p.indirizzo}, ${p.comuneResidenza.nome}`, operatori: [as] }), ctx);
      const colloquio = fissaAppuntamento(d.cartella, app({ data: '2025-07-02', inizio: '15:00', fine: '15:30', luogoDettaglio: `Sportello di ${p.comuneResidenza.nome}`, operatori: [as] }), ctx);
      if (visita.ok && colloquio.ok) {
        fissati++;
        certo(svoltoInDiario(d.cartella, { id: visita.value, testo: `Visita a ${p.nome} ${p.cognome} (${p.codiceFiscale}): situazione difficile.` }, a('2025-06-30', '10:30', as)));
      }
      cartelle.push({ id: d.id, etichetta: `${p.cognome} ${p.nome}`, cartella: d.cartella });
    }
    expect(fissati).toBeGreaterThanOrEqual(8);
    const righe = certo(agendaPeriodo(cartelle, { dal: '2025-01-01', al: '2025-12-31' }, new Date('2025-06-30T12:00:00Z')));
    expect(righe.filter((r) => r.kind === 'scadenza').length).toBeGreaterThan(0);
    for (const opzioni of [{}, { scadenze: true }] as const) {
      const testo = esporta(righe, opzioni);
      controllaCalendario(testo);
      const dispiegato = dispiega(righeFisiche(testo)).map(scampa).join('\n').toLowerCase();
      for (const s of segreti) expect(dispiegato, `«${s}» nel file .ics`).not.toContain(s.toLowerCase());
      expect(testo).not.toMatch(/DESCRIPTION|ATTENDEE|ORGANIZER|URL|GEO/);
    }
    // The explicit option does put the caller's label in: the check above can fail.
    const conEtichetta = dispiega(righeFisiche(esporta(righe, { includiEtichetta: true }))).map(scampa).join('\n');
    expect(conEtichetta).toContain(cartelle[0]?.etichetta);
  });
});
