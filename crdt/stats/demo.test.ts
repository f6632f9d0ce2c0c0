import { describe, expect, it } from 'vitest';
import { giorno, leggiCartella, type Cartella, type VistaCartella } from '../model';
import { creaDemo, OGGI_DEMO } from '../model/demo';
import { toCsv } from './csv';
import { soloAdmin } from './fixture';
import { statistiche } from './statistiche';
import { sommeConUnaNascosta, sommeErrate } from './controlli';
import { tabelle } from './tabelle';

// The deterministic demo office: 40 cartelle (every scenario, then random ones), its "today".
const demo = creaDemo({ seed: 42, count: 40 });
const cartelle: Cartella[] = demo.map((x) => x.cartella);
const viste: VistaCartella[] = cartelle.map((c) => leggiCartella(c));
const ora = new Date(`${OGGI_DEMO}T18:00:00+02:00`);
const s = statistiche(viste, ora);
const somma = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const conta = (f: (v: VistaCartella) => boolean): number => viste.filter(f).length;

describe('statistics over the demo data (invariants)', () => {
  it('every cartella is in exactly one state; open + closed = all cartelle ever taken in charge', () => {
    expect(s.cartelle).toBe(40);
    expect(somma(s.stato.perStato.map((x) => x.cartelle))).toBe(40);
    for (const x of s.stato.perStato) expect(x.cartelle).toBe(conta((v) => v.stato === x.codice));
    const prese = conta((v) => v.admin.meta.apertura !== undefined);
    expect(s.stato.totale.aperte + s.stato.totale.chiuse).toBe(prese);
    expect(s.stato.totale.totale).toBe(prese);
    expect(s.stato.totale.chiuse).toBe(conta((v) => v.stato === 'chiusa'));
    for (const righe of [s.stato.perArea, s.stato.perFase]) {
      expect(somma(righe.map((r) => r.aperte))).toBe(s.stato.totale.aperte);
      expect(somma(righe.map((r) => r.chiuse))).toBe(s.stato.totale.chiuse);
      for (const r of righe) expect(r.aperte + r.chiuse).toBe(r.totale);
    }
  });

  it('monthly flows add up to the period, and every closure is either reopened or still closed', () => {
    const t = s.flussi.totale;
    for (const k of ['accessi', 'preseInCarico', 'riaperture', 'chiusure'] as const) {
      expect(somma(s.flussi.mesi.map((m) => m[k]))).toBe(t[k]);
    }
    for (const m of [...s.flussi.mesi, t]) expect(somma(Object.values(m.chiusurePerMotivo))).toBe(m.chiusure);
    // The default period covers every event.
    expect(t.accessi).toBe(conta((v) => v.admin.segretariato.accesso !== undefined));
    expect(t.preseInCarico).toBe(s.stato.totale.totale);
    expect(t.chiusure).toBe(t.riaperture + s.stato.totale.chiuse);
    expect(t.chiusurePerMotivo.non_indicato).toBe(0);
    for (const m of ['conclusione', 'inattivita', 'trasferimento', 'decesso'] as const) expect(t.chiusurePerMotivo[m]).toBeGreaterThan(0);
  });

  it('waiting times cover every presa in carico of the period exactly once, with ordered quartiles', () => {
    const t = s.tempi;
    expect(t.periodo.casi + t.senzaAccesso + t.dateIncoerenti).toBe(s.flussi.totale.preseInCarico);
    expect(somma(t.mesi.map((m) => m.casi))).toBe(t.periodo.casi);
    for (const x of [...t.mesi, t.periodo]) {
      if (x.casi === 0) continue;
      expect(x.primoQuartile).toBeLessThanOrEqual(x.mediana ?? -1);
      expect(x.mediana).toBeLessThanOrEqual(x.terzoQuartile ?? -1);
      expect(x.primoQuartile).toBeGreaterThanOrEqual(0);
    }
  });

  it('diary figures count every entry of every cartella once, all attributed to équipe names', () => {
    expect(s.diario.disponibile).toBe(true);
    if (!s.diario.disponibile) return;
    const voci = viste.flatMap((v) => v.prof?.diario ?? []);
    expect(s.diario.totale.voci).toBe(voci.filter((x) => x.corregge === undefined).length);
    expect(s.diario.totale.correzioni).toBe(voci.length - s.diario.totale.voci);
    expect(somma(s.diario.righe.map((r) => r.voci))).toBe(s.diario.totale.voci);
    for (const r of s.diario.righe) expect(somma(Object.values(r.perTipo))).toBe(r.voci);
    const nomi = new Set(viste.flatMap((v) => v.admin.membri.map((m) => m.nome)));
    for (const r of s.diario.righe) expect(nomi.has(r.operatore.etichetta)).toBe(true);
  });

  it('procedures and inactivity partition the open cartelle', () => {
    const aperte = s.stato.totale.aperte;
    expect(s.inattive.totale.totale).toBe(aperte);
    expect(s.inattive.totale.non_verificabile).toBe(0);
    expect(s.inattive.totale.inattiva).toBeGreaterThan(0); // the 'inattiva' scenario
    expect(s.procedimenti.totale.totale).toBeLessThanOrEqual(aperte);
    for (const g of [s.inattive, s.procedimenti]) {
      for (const k of Object.keys(g.totale) as (keyof typeof g.totale)[]) {
        expect(somma(g.perArea.map((r) => (r as unknown as Record<string, number>)[k] ?? 0))).toBe(g.totale[k]);
      }
    }
  });

  it('every table\'s declared sums hold, and once protected no sum gives a hidden count away', () => {
    for (const t of tabelle(s, { soglia: 0 })) expect(sommeErrate(t)).toEqual([]);
    for (const soglia of [3, 5]) for (const t of tabelle(s, { soglia })) expect(sommeConUnaNascosta(t)).toEqual([]);
  });

  it('no personal data of the people served, no key and no cartella id appears in any CSV', () => {
    const csv = [0, 3, 5].flatMap((soglia) => tabelle(s, { soglia }).map((t) => toCsv(t))).join('\n');
    const nomiEquipe = [...new Set(viste.flatMap((v) => v.admin.membri.map((m) => m.nome)))];
    const personali = stringhePersonali(viste).filter((x) => x.length >= 4 && !nomiEquipe.some((n) => n.includes(x)));
    expect(personali.length).toBeGreaterThan(200); // the check below has something to check
    expect(personali.filter((x) => csv.includes(x))).toEqual([]);
    for (const d of demo) {
      expect(csv).not.toContain(d.persona.codiceFiscale);
      expect(csv).not.toContain(`${d.persona.nome} ${d.persona.cognome}`);
      expect(csv).not.toContain(d.id);
    }
    for (const m of viste.flatMap((v) => v.admin.membri)) expect(csv).not.toContain(m.chiave);
  });

  it('an administrative device computes the same figures except the diary, which it declares unavailable', () => {
    const a = statistiche(soloAdmin(cartelle), ora);
    expect(a.stato).toEqual(s.stato);
    expect(a.flussi).toEqual(s.flussi);
    expect(a.tempi).toEqual(s.tempi);
    expect(a.procedimenti).toEqual(s.procedimenti);
    expect(a.diario.disponibile).toBe(false);
    expect(a.inattive.totale.inattiva).toBe(0);
    expect(a.inattive.totale.totale).toBe(s.inattive.totale.totale);
    expect(a.inattive.totale.attiva).toBeLessThanOrEqual(s.inattive.totale.attiva);
    expect(a.calcolateIl).toBe(giorno(ora));
  });
});

/** Every free-text or identifying string of the people in the cartelle. */
function stringhePersonali(vs: readonly VistaCartella[]): string[] {
  const out: string[] = [];
  const add = (...xs: (string | undefined)[]): void => { for (const x of xs) if (x) out.push(x.trim()); };
  for (const v of vs) {
    const a = v.admin.anagrafica;
    add(a.cognome, a.codiceFiscale, a.indirizzo, a.telefono, a.email, a.luogoNascita, a.comuneResidenza);
    if (a.nome && a.cognome) add(`${a.nome} ${a.cognome}`, `${a.cognome} ${a.nome}`);
    for (const m of v.admin.nucleo) add(m.cognome, `${m.nome} ${m.cognome}`, m.codiceFiscale);
    const sg = v.admin.segretariato;
    add(sg.accesso?.richiesta, sg.accesso?.orientamento, sg.esito?.destinatario, sg.esito?.motivo);
    add(v.admin.procedimento.iniziativa?.protocollo, v.admin.procedimento.iniziativa?.ente);
    for (const e of v.admin.chiusura.storia) add(e.note, e.destinazione);
    for (const p of v.admin.prestazioni) add(p.denominazione, p.protocolloDomanda);
    for (const x of v.prof?.diario ?? []) add(x.testo);
    for (const x of v.prof?.relazioni ?? []) add(x.titolo, x.testo);
    for (const x of v.prof?.verbali ?? []) add(x.testo);
    for (const x of v.prof?.valutazioni ?? []) add(x.testo);
  }
  return [...new Set(out)];
}
