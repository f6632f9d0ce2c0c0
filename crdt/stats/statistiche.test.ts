import { describe, expect, it } from 'vitest';
import { comeData, type DataIso } from '../model';
import { cartelleDiProva, EQUIPE, ORA, PERSONA } from './fixture';
import { toCsv } from './csv';
import { tabelle } from './tabelle';
import { statistiche } from './statistiche';
import { leggiCartella as leggi } from '../model';

// The fixture (fixture.ts) is nine cartelle of one office; `ORA` is 30 June 2025.
//   C1 famiglia_minori  access 2025-01-10, presa in carico 2025-01-24 (istanza rec. 01-20, term 120 d), open
//   C2 anziani          access 2024-11-04, presa in carico 2024-11-29, closed decesso 2025-03-05
//   C3 disabili         presa in carico 2023-05-02 (no access), determinazione 2023-05-20,
//                       closed conclusione 2024-01-20, reopened 2024-09-02, open in valutazione
//   C4 povertà          access = presa in carico 2024-06-03, closed trasferimento 2024-12-09
//   C5 anziani          presa in carico 2023-01-09 (no access), closed inattività 2024-02-05
//   C6 multiutenza      presa in carico 2024-03-01 (no access, d'ufficio, term 30 d), last
//                       contact 2024-03-15, inactivity proposal pending since 2025-06-20
//   C7                  access 2025-04-01, segnalazione 2025-04-10 (never taken in charge)
//   C8                  access 2025-06-20, segretariato in progress
//   C9 famiglia_minori  presa in carico 2025-06-16 (no access; istanza received 06-13, term 30 d)
const s = statistiche(cartelleDiProva(), ORA);
const d = (x: string): DataIso => comeData(x) as DataIso;

describe('statistics of a hand-built office (every figure computed by hand)', () => {
  it('counts cartelle by lifecycle state: one access, one segnalazione, three open, one proposal, three closed', () => {
    // C8 accesso; C7 segretariato_concluso; C1, C3, C9 aperta; C6 chiusura_proposta; C2, C4, C5 chiusa.
    expect(s.stato.perStato.map((x) => [x.codice, x.cartelle])).toEqual([
      ['nuova', 0], ['accesso', 1], ['segretariato_concluso', 1], ['aperta', 3], ['chiusura_proposta', 1], ['chiusa', 3],
    ]);
    expect(s.cartelle).toBe(9);
  });

  it('counts open and closed cartelle by area: a pending proposal is still open', () => {
    // famiglia: C1, C9 open · disabili: C3 open · anziani: C2, C5 closed · povertà: C4 closed ·
    // multiutenza: C6 open (proposal pending). C7 and C8 were never taken in charge: no row.
    expect(s.stato.perArea.map((x) => [x.area.codice, x.aperte, x.chiuse, x.totale])).toEqual([
      ['famiglia_minori', 2, 0, 2], ['disabili', 1, 0, 1], ['dipendenze', 0, 0, 0], ['anziani', 0, 2, 2],
      ['immigrati_nomadi', 0, 0, 0], ['poverta_disagio_adulti', 0, 1, 1], ['multiutenza', 1, 0, 1],
    ]);
    expect(s.stato.perArea[0]?.area.etichetta).toBe('Famiglia e minori');
    expect(s.stato.totale).toEqual({ aperte: 4, chiuse: 3, totale: 7 });
  });

  it('counts open and closed cartelle by phase: a closed cartella stays in the phase it was closed in', () => {
    // C1, C6, C9 open in apertura; C2, C4, C5 closed in apertura; C3 reopened → valutazione.
    expect(s.stato.perFase.map((x) => [x.fase.codice, x.aperte, x.chiuse])).toEqual([
      ['apertura', 3, 3], ['valutazione', 1, 0], ['progetto', 0, 0], ['erogazione', 0, 0], ['conclusione', 0, 0],
    ]);
  });

  it('the default period runs from the earliest event to today', () => {
    // Earliest event: C5's presa in carico on 2023-01-09 → 30 months, January 2023 to June 2025.
    expect(s.periodo).toEqual({ dal: '2023-01-09', al: '2025-06-30' });
    expect(s.flussi.mesi).toHaveLength(30);
    expect(s.flussi.mesi[0]?.mese).toEqual({ codice: '2023-01', etichetta: 'gennaio 2023' });
  });

  it('counts accesses, prese in carico, reopenings and closures by reason in the month of their date', () => {
    // [accessi, prese in carico, riaperture, conclusione, inattività, trasferimento, decesso]; other months all 0.
    const attesi: Record<string, number[]> = {
      '2023-01': [0, 1, 0, 0, 0, 0, 0], // C5 presa in carico
      '2023-05': [0, 1, 0, 0, 0, 0, 0], // C3 presa in carico
      '2024-01': [0, 0, 0, 1, 0, 0, 0], // C3 closed (conclusione) on the 20th
      '2024-02': [0, 0, 0, 0, 1, 0, 0], // C5 closed (inattività) on the 5th
      '2024-03': [0, 1, 0, 0, 0, 0, 0], // C6 presa in carico
      '2024-06': [1, 1, 0, 0, 0, 0, 0], // C4 access and presa in carico, same day
      '2024-09': [0, 0, 1, 0, 0, 0, 0], // C3 reopened
      '2024-11': [1, 1, 0, 0, 0, 0, 0], // C2 access (4th) and presa in carico (29th)
      '2024-12': [0, 0, 0, 0, 0, 1, 0], // C4 closed (trasferimento) on the 9th, proposed on the 2nd
      '2025-01': [1, 1, 0, 0, 0, 0, 0], // C1 access and presa in carico
      '2025-03': [0, 0, 0, 0, 0, 0, 1], // C2 closed (decesso) on the 5th
      '2025-04': [1, 0, 0, 0, 0, 0, 0], // C7 access (its segnalazione is no presa in carico)
      '2025-06': [1, 1, 0, 0, 0, 0, 0], // C8 access, C9 presa in carico
    };
    for (const m of s.flussi.mesi) {
      const c = m.chiusurePerMotivo;
      const riga = [m.accessi, m.preseInCarico, m.riaperture, c.conclusione, c.inattivita, c.trasferimento, c.decesso];
      expect([m.mese.codice, ...riga]).toEqual([m.mese.codice, ...(attesi[m.mese.codice] ?? [0, 0, 0, 0, 0, 0, 0])]);
      expect(m.chiusure).toBe(c.conclusione + c.inattivita + c.trasferimento + c.decesso);
    }
    // 5 accesses (C1, C2, C4, C7, C8), 7 prese in carico, 1 reopening, one closure per reason.
    expect(s.flussi.totale).toEqual({
      accessi: 5, preseInCarico: 7, riaperture: 1, chiusure: 4,
      chiusurePerMotivo: { conclusione: 1, inattivita: 1, trasferimento: 1, decesso: 1, non_indicato: 0 },
    });
  });

  it('measures days from access to presa in carico only where there was an access', () => {
    // C4: 0 days (2024-06-03 → 06-03); C2: 25 (11-04 → 11-29); C1: 14 (01-10 → 01-24).
    // Sorted 0, 14, 25: mean 39/3 = 13; type-7 quartiles at ranks 0.5, 1, 1.5 →
    // Q1 = 0 + 0.5·14 = 7, median 14, Q3 = 14 + 0.5·11 = 19.5.
    expect(s.tempi.periodo).toEqual({ casi: 3, media: 13, primoQuartile: 7, mediana: 14, terzoQuartile: 19.5 });
    const conCasi = s.tempi.mesi.filter((m) => m.casi > 0).map((m) => [m.mese.codice, m.casi, m.mediana]);
    expect(conCasi).toEqual([['2024-06', 1, 0], ['2024-11', 1, 25], ['2025-01', 1, 14]]);
    expect(s.tempi.mesi.find((m) => m.mese.codice === '2025-02')).toMatchObject({ casi: 0, media: null, mediana: null });
    // C3, C5, C6, C9 were opened without a segretariato.
    expect(s.tempi.senzaAccesso).toBe(4);
    expect(s.tempi.dateIncoerenti).toBe(0);
  });

  it('counts diary entries by worker, type and month; unknown or revoked authors are "non verificato"', () => {
    expect(s.diario.disponibile).toBe(true);
    if (!s.diario.disponibile) return;
    // [month, worker, colloquio, visita, telefonata, voci, correzioni]
    const righe = s.diario.righe.map((r) => [r.mese.codice, r.operatore.etichetta, r.perTipo.colloquio,
      r.perTipo.visita_domiciliare, r.perTipo.telefonata, r.voci, r.correzioni]);
    expect(righe).toEqual([
      ['2023-01', 'Anna Rossi', 1, 0, 0, 1, 0], // C5
      ['2023-05', 'Elsa Verdi', 1, 0, 0, 1, 0], // C3
      ['2024-03', 'Elsa Verdi', 0, 1, 0, 1, 0], // C6
      ['2024-06', 'Bruno Bianchi', 0, 0, 1, 1, 0], // C4
      ['2024-09', 'Anna Rossi', 1, 0, 0, 1, 0], // C3 after reopening
      ['2024-09', 'Bruno Bianchi', 0, 0, 1, 1, 0], // C3, before his revocation on 10-01
      ['2024-10', 'Non verificato', 0, 1, 0, 1, 0], // C3, under Bruno's key after his revocation
      ['2024-11', 'Bruno Bianchi', 1, 0, 0, 1, 0], // C2 (still on C2's roster)
      ['2024-12', 'Bruno Bianchi', 0, 1, 0, 1, 0], // C2
      ['2025-01', 'Anna Rossi', 1, 0, 1, 2, 0], // C1 colloquio, C2 telefonata
      ['2025-02', 'Anna Rossi', 0, 1, 0, 1, 1], // C1 visita on the 5th, its correction on the 6th
      ['2025-02', 'Elsa Verdi', 0, 0, 1, 1, 0], // C1
      ['2025-02', 'Non verificato', 1, 0, 0, 1, 0], // C1, a key on no roster
    ]);
    expect(s.diario.righe.filter((r) => !r.operatore.verificato).every((r) => r.operatore.codice === 'non_verificato')).toBe(true);
    // 14 entries: 6 colloqui, 4 visite, 4 telefonate; 1 correction apart.
    expect(s.diario.totale).toEqual({
      perTipo: { colloquio: 6, visita_domiciliare: 4, telefonata: 4, equipe: 0, contatto_servizi: 0, altro: 0 },
      voci: 14, correzioni: 1,
    });
    expect(s.diario.cartelleSenzaProf).toBe(0);
  });

  it('classifies pending procedures of open cartelle by their L. 241 term at now', () => {
    // C1: due 2025-01-20 + 120 d = 05-20, potere sostitutivo + 60 d = 07-19 → scaduto.
    // C6: due 2024-03-01 + 30 d = 03-31, potere sostitutivo + 15 d = 04-15 → oltre.
    // C9: due 2025-06-13 + 30 d = 07-13 → nel termine. C3 is decided; C2, C4, C5 are closed.
    const righe = s.procedimenti.perArea.filter((r) => r.totale > 0)
      .map((r) => [r.area.codice, r.nel_termine, r.scaduto, r.oltre_potere_sostitutivo, r.totale]);
    expect(righe).toEqual([['famiglia_minori', 1, 1, 0, 2], ['multiutenza', 0, 0, 1, 1]]);
    expect(s.procedimenti.totale).toEqual({ nel_termine: 1, scaduto: 1, oltre_potere_sostitutivo: 1, totale: 3 });
    expect(s.procedimenti.scadutiTotale).toBe(2);
  });

  it('finds open cartelle without activity for 12 months, a pending proposal included', () => {
    // C6: last activity 2024-03-15 → inactive since 2025-03-15. C1 (last 2025-02-12),
    // C3 (2024-10-05), C9 (apertura 2025-06-16) are active.
    const righe = s.inattive.perArea.filter((r) => r.totale > 0).map((r) => [r.area.codice, r.attiva, r.inattiva, r.non_verificabile]);
    expect(righe).toEqual([['famiglia_minori', 2, 0, 0], ['disabili', 1, 0, 0], ['multiutenza', 0, 1, 0]]);
    expect(s.inattive.totale).toEqual({ attiva: 3, inattiva: 1, non_verificabile: 0, totale: 4 });
  });

  it('a period filter counts only events dated within it, months of the period only', () => {
    const p = statistiche(cartelleDiProva(), ORA, { dal: d('2024-01-01'), al: d('2024-12-31') });
    expect(p.periodo).toEqual({ dal: '2024-01-01', al: '2024-12-31' });
    expect(p.flussi.mesi.map((m) => m.mese.codice)).toEqual([
      '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12',
    ]);
    // Accesses C4 (06), C2 (11); prese in carico C6 (03), C4 (06), C2 (11); reopening C3 (09);
    // closures C3 conclusione (01), C5 inattività (02), C4 trasferimento (12).
    expect(p.flussi.totale).toEqual({
      accessi: 2, preseInCarico: 3, riaperture: 1, chiusure: 3,
      chiusurePerMotivo: { conclusione: 1, inattivita: 1, trasferimento: 1, decesso: 0, non_indicato: 0 },
    });
    // Waits 0 (C4) and 25 (C2): mean 12.5; ranks 0.25, 0.5, 0.75 → 6.25, 12.5, 18.75. C6 had no access.
    expect(p.tempi.periodo).toEqual({ casi: 2, media: 12.5, primoQuartile: 6.25, mediana: 12.5, terzoQuartile: 18.75 });
    expect(p.tempi.senzaAccesso).toBe(1);
    // Diary entries of 2024: 03 Elsa, 06 Bruno, 09 Anna, 09 Bruno, 10 non verificato, 11 Bruno, 12 Bruno.
    expect(p.diario.disponibile && p.diario.totale.voci).toBe(7);
    // The situation at `now` does not depend on the period.
    expect(p.stato).toEqual(s.stato);
    expect(p.procedimenti).toEqual(s.procedimenti);
  });

  it('a period ending after today stops at today; one entirely after today counts nothing', () => {
    const p = statistiche(cartelleDiProva(), ORA, { dal: d('2025-06-01'), al: d('2026-12-31') });
    expect(p.periodo).toEqual({ dal: '2025-06-01', al: '2025-06-30' });
    // June 2025: C8's access (06-20) and C9's presa in carico (06-16).
    expect(p.flussi.mesi.map((m) => [m.mese.codice, m.accessi, m.preseInCarico])).toEqual([['2025-06', 1, 1]]);
    const f = statistiche(cartelleDiProva(), ORA, { dal: d('2025-07-01') });
    expect(f.flussi.mesi).toEqual([]);
    expect(f.flussi.totale.accessi + f.flussi.totale.preseInCarico).toBe(0);
  });

  it('`now` is turned into its day in Rome, not in UTC (summer time)', () => {
    // 22:30 UTC on 19 June 2025 is 00:30 on 20 June in Rome: C8's access of 06-20 has happened.
    const p = statistiche(cartelleDiProva(), new Date('2025-06-19T22:30:00Z'));
    expect(p.calcolateIl).toBe('2025-06-20');
    expect(p.periodo.al).toBe('2025-06-20');
    expect(p.flussi.totale.accessi).toBe(5);
    // One hour earlier it is still 19 June in Rome: the access is not counted yet.
    expect(statistiche(cartelleDiProva(), new Date('2025-06-19T21:30:00Z')).flussi.totale.accessi).toBe(4);
  });

  it('accepts the views a page already read, with the same result', () => {
    expect(statistiche(cartelleDiProva().map((c) => leggi(c)), ORA)).toEqual(s);
  });

  it('refuses an invalid `now` or an inverted period as programming errors', () => {
    expect(() => statistiche([], new Date('x'))).toThrow(/now/);
    expect(() => statistiche([], ORA, { dal: d('2025-02-01'), al: d('2025-01-01') })).toThrow(/periodo/);
  });

  it('no cartella at all: empty figures, diary unavailable rather than zero', () => {
    const v = statistiche([], ORA);
    expect(v.cartelle).toBe(0);
    expect(v.periodo).toEqual({ dal: null, al: '2025-06-30' });
    expect(v.flussi.mesi).toEqual([]);
    expect(v.diario.disponibile).toBe(false);
  });

  it('no string of the person, no key and no cartella id reaches any table or CSV; the équipe\'s names do', () => {
    const testo = [0, 3].flatMap((soglia) => tabelle(s, { soglia }).map((t) => `${JSON.stringify(t)}\n${toCsv(t)}`)).join('\n');
    for (const x of Object.values(PERSONA)) expect(testo).not.toContain(x);
    for (const m of Object.values(EQUIPE)) expect(testo).not.toContain(m.chiave);
    expect(testo).not.toContain('stat-prova');
    expect(JSON.stringify(s)).not.toContain(PERSONA.cognome);
    expect(testo).toContain(EQUIPE.anna.nome);
  });
});
