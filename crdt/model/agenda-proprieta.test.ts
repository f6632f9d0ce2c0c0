import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annullaAppuntamento, fissaAppuntamento, risolviConflittoAppuntamento, segnaNonPresentato, segnaSvolto,
  spostaAppuntamento,
} from './agenda';
import { appuntamentiDelDiario, svoltoInDiario } from './agenda-diario';
import { verificaAgenda } from './agenda-verifica';
import { leggiAgenda } from './agenda-vista';
import { LUOGHI_APPUNTAMENTO, TIPI_APPUNTAMENTO } from './agenda-vocabolario';
import type { Cartella, Contesto } from './cartella';
import { creaCartella } from './crea';
import { aggiungiGiorni, type DataIso } from './date';
import { alle, certo, EQUIPE } from './fixtures';
import { aggiungiMembro } from './members';
import { isOrigineOperazione } from './operazione';
import type { Risultato } from './risultato';
import { leggiProf } from './vista';

/** Seeds that once failed, kept as permanent cases. */
const SEMI_CONSERVATI: readonly number[] = [];
const PARAMETRI = { numRuns: 60, ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}) };

const INIZIO = '2024-05-06' as DataIso;
const AUTORI = [EQUIPE.rossa, EQUIPE.rossa, EQUIPE.blu, EQUIPE.blu, EQUIPE.gialla, EQUIPE.verde, EQUIPE.verde, EQUIPE.estranea];
const di = <T>(l: readonly T[], n: number): T => l[n % l.length] as T;
const hh = (n: number): string => String(n).padStart(2, '0');

/** One random agenda action: an operation, an author, a few numbers for its input. */
interface Azione { readonly op: number; readonly autore: number; readonly a: number; readonly b: number }
const azione: fc.Arbitrary<Azione> = fc.record({ op: fc.nat(9), autore: fc.nat(AUTORI.length - 1), a: fc.nat(40), b: fc.nat(40) });

function doc(clientID: number): Y.Doc {
  const d = new Y.Doc();
  d.clientID = clientID;
  return d;
}

function base(): Cartella {
  const ctx = alle('2024-05-01');
  const c = certo(creaCartella({ id: 'agenda-proprieta-01', nome: 'Anna Rossa', ruolo: 'assistente_sociale' }, ctx, { admin: doc(1), prof: doc(2) }));
  certo(aggiungiMembro(c, { chiave: EQUIPE.blu, nome: 'Bruno Blu', ruolo: 'assistente_sociale' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.verde, nome: 'Vera Verde', ruolo: 'amministrativo' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.gialla, nome: 'Gino Giallo', ruolo: 'educatore' }, ctx));
  return c;
}

function copia(c: Cartella, n: number): Cartella {
  const admin = doc(10 + 2 * n);
  const prof = doc(11 + 2 * n);
  Y.applyUpdate(admin, Y.encodeStateAsUpdate(c.admin));
  Y.applyUpdate(prof, Y.encodeStateAsUpdate(c.prof as Y.Doc));
  return { admin, prof };
}

/** Applies an action at `now` (its day `oggi`): appointments fall within a few days of it. */
function applica(c: Cartella, x: Azione, now: Date, oggi: DataIso): Risultato<unknown> {
  const ctx: Contesto = { autore: di(AUTORI, x.autore), now };
  const v = leggiAgenda(c.admin);
  // Mostly a booked appointment (where changes succeed, and concurrent ones conflict), sometimes any.
  const scelti = x.b % 3 ? v.appuntamenti.filter((y) => y.stato === 'programmato') : v.appuntamenti;
  const id = scelti[x.a % Math.max(1, scelti.length)]?.id ?? 'zz-0';
  const data = aggiungiGiorni(oggi, (x.a % 5) - 2);
  const ore = { inizio: `${hh(8 + (x.b % 9))}:${x.b % 2 ? '30' : '00'}`, fine: `${hh(9 + (x.b % 9))}:${x.b % 2 ? '30' : '00'}` };
  switch (x.op) {
    case 0: case 1: return fissaAppuntamento(c, {
      tipo: di(TIPI_APPUNTAMENTO, x.a), data, ...ore, luogo: di(LUOGHI_APPUNTAMENTO, x.b),
      operatori: [di([EQUIPE.rossa, EQUIPE.blu, EQUIPE.gialla], x.b), ...(x.a % 3 ? [] : [EQUIPE.gialla])],
    }, ctx);
    case 2: return spostaAppuntamento(c, { id, data, ...ore }, ctx);
    case 3: return annullaAppuntamento(c, { id, ...(x.b % 2 ? { da: 'persona' as const } : {}) }, ctx);
    case 4: return segnaSvolto(c, { id }, ctx);
    case 5: return segnaNonPresentato(c, { id }, ctx);
    case 6: case 7: return svoltoInDiario(c, { id, testo: `Voce ${x.b}` }, ctx);
    default: {
      const cf = v.conflitti[x.a % Math.max(1, v.conflitti.length)];
      const scelta = cf?.valori[x.b % cf.valori.length]?.scrittura ?? ('zz-0' as never);
      return risolviConflittoAppuntamento(c, { id: cf?.id ?? id, scelta }, ctx);
    }
  }
}

const istante = (giorno: DataIso, passo: number): Date =>
  new Date(`${giorno}T${hh(7 + (passo % 12))}:${hh((passo * 7) % 60)}:00+02:00`);

describe('properties of the agenda', () => {
  const sequenze = fc.array(fc.tuple(azione, fc.nat(2)), { minLength: 5, maxLength: 60, size: 'max' });

  const validita = fc.property(sequenze, (passi) => {
    const c = base();
    let giorno = INIZIO;
    passi.forEach(([x, salto], i) => {
      giorno = aggiungiGiorni(giorno, salto);
      const prima = [Y.encodeStateVector(c.admin), Y.encodeStateVector(c.prof as Y.Doc)];
      const transazioni = [0, 0];
      const conta = (k: number) => (t: Y.Transaction): void => { if (isOrigineOperazione(t.origin)) transazioni[k]! += 1; };
      const [ca, cp] = [conta(0), conta(1)];
      c.admin.on('afterTransaction', ca);
      c.prof?.on('afterTransaction', cp);
      const r = applica(c, x, istante(giorno, i), giorno);
      c.admin.off('afterTransaction', ca);
      c.prof?.off('afterTransaction', cp);
      const dopo = [Y.encodeStateVector(c.admin), Y.encodeStateVector(c.prof as Y.Doc)];
      if (!r.ok) {
        expect(dopo, `${r.code} must write nothing`).toEqual(prima);
        expect(transazioni).toEqual([0, 0]);
        return;
      }
      // At most one transaction per document; only the idempotent diary step may write nothing.
      expect(transazioni[0]).toBeLessThanOrEqual(1);
      expect(transazioni[1]).toBeLessThanOrEqual(1);
      const creata = (r.value as { creata?: boolean }).creata;
      if (creata === false) expect(transazioni[1]).toBe(0);
      else expect(transazioni[0], `operation ${x.op} must write the admin document`).toBe(1);
    });
    expect(verificaAgenda(c)).toEqual([]);
    expect(leggiAgenda(c.admin).conflitti).toEqual([]);
    // Idempotence on one device: no appointment recorded by two diary entries.
    const link = [...appuntamentiDelDiario(c.prof as Y.Doc).values()];
    expect(new Set(link).size).toBe(link.length);
  });

  it('any sequence of agenda operations keeps the agenda valid; refusals write nothing; at most one transaction per document', () => {
    fc.assert(validita, PARAMETRI);
  });

  type Passo = { tipo: 'op'; replica: number; x: Azione; salto: number } | { tipo: 'sync'; da: number; a: number; parte: number };
  const passo: fc.Arbitrary<Passo> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ tipo: fc.constant('op' as const), replica: fc.nat(2), x: azione, salto: fc.nat(1) }) },
    { weight: 2, arbitrary: fc.record({ tipo: fc.constant('sync' as const), da: fc.nat(2), a: fc.nat(2), parte: fc.nat(2) }) },
  );

  const convergenza = fc.property(fc.array(passo, { minLength: 5, maxLength: 60, size: 'max' }), fc.infiniteStream(fc.nat()), (passi, caso) => {
    const b = base();
    const r = [copia(b, 0), copia(b, 1), copia(b, 2)];
    const aggiornamenti: Array<{ u: Uint8Array; parte: 'admin' | 'prof' }> = [];
    for (const x of r) {
      x.admin.on('update', (u: Uint8Array, o: unknown) => { if (o !== 'sync') aggiornamenti.push({ u, parte: 'admin' }); });
      x.prof?.on('update', (u: Uint8Array, o: unknown) => { if (o !== 'sync') aggiornamenti.push({ u, parte: 'prof' }); });
    }
    // A sync may move one room only (parte 0: admin, 1: prof, 2: both), as rooms sync independently.
    const sync = (i: number, j: number, parte = 2): void => {
      const [p, q] = [r[i], r[j]] as [Cartella, Cartella];
      if (parte !== 1) Y.applyUpdate(q.admin, Y.encodeStateAsUpdate(p.admin, Y.encodeStateVector(q.admin)), 'sync');
      if (parte !== 0) Y.applyUpdate(q.prof as Y.Doc, Y.encodeStateAsUpdate(p.prof as Y.Doc, Y.encodeStateVector(q.prof as Y.Doc)), 'sync');
    };
    let giorno = INIZIO;
    passi.forEach((p, i) => {
      if (p.tipo === 'sync') return sync(p.da, p.a, p.parte);
      giorno = aggiungiGiorni(giorno, p.salto);
      applica(r[p.replica] as Cartella, p.x, istante(giorno, i), giorno);
    });
    for (let k = 0; k < 2; k++) for (const [i, j] of [[0, 1], [1, 2], [2, 0]] as const) sync(i, j);
    const viste = r.map((c) => ({ agenda: leggiAgenda(c.admin), prof: leggiProf(c.prof as Y.Doc) }));
    expect(viste[1]).toEqual(viste[0]);
    expect(viste[2]).toEqual(viste[0]);
    for (const c of r) expect(verificaAgenda(c)).toEqual([]);
    // The same updates applied to a fresh replica in a random order give the same agenda.
    const ordine = aggiornamenti.map((x, i) => ({ ...x, k: caso.next().value as number, i })).sort((x, y) => x.k - y.k || x.i - y.i);
    const nuova = copia(b, 3);
    for (const { u, parte } of ordine) Y.applyUpdate(parte === 'admin' ? nuova.admin : nuova.prof as Y.Doc, u, 'sync');
    expect({ agenda: leggiAgenda(nuova.admin), prof: leggiProf(nuova.prof as Y.Doc) }).toEqual(viste[0]);
  });

  it('replicas applying agenda operations in different orders agree, conflicts and diary links included', () => {
    fc.assert(convergenza, PARAMETRI);
  });

  it.each(SEMI_CONSERVATI)('kept failing seed %i still passes', (seed) => {
    fc.assert(validita, { seed, numRuns: 1 });
    fc.assert(convergenza, { seed, numRuns: 1 });
  });
});
