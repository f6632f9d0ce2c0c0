import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applica, NUMERO_AZIONI, TESTI, type Azione } from './azioni-casuali';
import { avvisi } from './avvisi';
import type { Cartella } from './cartella';
import { creaCartella } from './crea';
import { aggiungiGiorni, type DataIso } from './date';
import { alle, certo, EQUIPE, sincronizza } from './fixtures';
import { aggiungiMembro } from './members';
import { registraAccesso } from './segretariato';
import { registraDocumento } from './documenti';
import { verificaCartella } from './verifica';
import { leggiCartella } from './vista';
import { isOrigineOperazione } from './operazione';

/** Seeds that once failed, kept as permanent cases (tldraw's practice). */
const SEMI_CONSERVATI: readonly number[] = [];
const PARAMETRI = { numRuns: 60, ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}) };

const INIZIO = '2023-01-02' as DataIso;

const azione: fc.Arbitrary<Azione> = fc.record({
  op: fc.nat(NUMERO_AZIONI - 1), autore: fc.nat(9), a: fc.nat(40), b: fc.nat(40), t: fc.constantFrom(...TESTI),
});

function doc(clientID: number): Y.Doc {
  const d = new Y.Doc();
  d.clientID = clientID;
  return d;
}

/** A cartella with a deterministic client id, its équipe, an access and the informativa. */
function base(): Cartella {
  const ctx = alle(INIZIO);
  const c = certo(creaCartella({ id: 'proprieta-0001', nome: 'Anna Rossa', ruolo: 'assistente_sociale' }, ctx, { admin: doc(1), prof: doc(2) }));
  certo(aggiungiMembro(c, { chiave: EQUIPE.blu, nome: 'Bruno Blu', ruolo: 'assistente_sociale' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.verde, nome: 'Vera Verde', ruolo: 'amministrativo' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.gialla, nome: 'Gino Giallo', ruolo: 'educatore' }, ctx));
  certo(registraAccesso(c, { data: INIZIO, canale: 'sportello', richiesta: 'Aiuto' }, ctx));
  certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data: INIZIO }, ctx));
  return c;
}

function copia(c: Cartella, n: number): Cartella {
  const admin = doc(10 + 2 * n);
  const prof = doc(11 + 2 * n);
  Y.applyUpdate(admin, Y.encodeStateAsUpdate(c.admin));
  Y.applyUpdate(prof, Y.encodeStateAsUpdate(c.prof as Y.Doc));
  return { admin, prof };
}

const istante = (giorno: DataIso, passo: number): Date => new Date(`${giorno}T09:00:${String(passo % 60).padStart(2, '0')}.${String(passo).padStart(3, '0').slice(-3)}+01:00`);

describe('properties of the model', () => {
  const sequenze = fc.array(fc.tuple(azione, fc.nat(20)), { minLength: 5, maxLength: 80, size: 'max' });

  const validita = fc.property(sequenze, (passi) => {
    const c = base();
    let giorno = INIZIO;
    passi.forEach(([x, salto], i) => {
      giorno = aggiungiGiorni(giorno, salto);
      const prima = [Y.encodeStateVector(c.admin), Y.encodeStateVector(c.prof as Y.Doc)];
      let transazioni = 0;
      const conta = (t: Y.Transaction): void => { if (isOrigineOperazione(t.origin)) transazioni++; };
      c.admin.on('afterTransaction', conta);
      c.prof?.on('afterTransaction', conta);
      const r = applica(c, x, { autore: EQUIPE.rossa, now: istante(giorno, i) }, giorno);
      c.admin.off('afterTransaction', conta);
      c.prof?.off('afterTransaction', conta);
      const dopo = [Y.encodeStateVector(c.admin), Y.encodeStateVector(c.prof as Y.Doc)];
      if (!r.ok) {
        expect(dopo, `${r.code} must write nothing`).toEqual(prima);
        expect(transazioni).toBe(0);
      } else {
        // One transaction per success; only a change to identical values (aggiornaAnagrafica) writes none.
        const cambiato = JSON.stringify(dopo) !== JSON.stringify(prima);
        expect(transazioni, `operation ${x.op} must be one transaction`).toBe(cambiato ? 1 : 0);
        expect(cambiato || x.op === 5).toBe(true);
      }
    });
    expect(verificaCartella(c)).toEqual([]);
    expect(leggiCartella(c).admin.conflitti).toEqual([]);
    avvisi(c, istante(giorno, 0));
  });

  it('any sequence of operations keeps the documents valid; refused ones write nothing; each success is one transaction', () => {
    fc.assert(validita, PARAMETRI);
  });

  type Passo = { tipo: 'op'; replica: number; x: Azione; salto: number } | { tipo: 'sync'; da: number; a: number };
  const passo: fc.Arbitrary<Passo> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ tipo: fc.constant('op' as const), replica: fc.nat(2), x: azione, salto: fc.nat(10) }) },
    { weight: 1, arbitrary: fc.record({ tipo: fc.constant('sync' as const), da: fc.nat(2), a: fc.nat(2) }) },
  );

  const convergenza = fc.property(fc.array(passo, { minLength: 5, maxLength: 80, size: 'max' }), fc.infiniteStream(fc.nat()), (passi, caso) => {
    const b = base();
    const r = [copia(b, 0), copia(b, 1), copia(b, 2)];
    const aggiornamenti: Uint8Array[] = [];
    for (const x of r) {
      for (const d of [x.admin, x.prof as Y.Doc]) d.on('update', (u: Uint8Array, o: unknown) => { if (o !== 'sync') aggiornamenti.push(u); });
    }
    const sync = (i: number, j: number): void => {
      const [p, q] = [r[i], r[j]] as [Cartella, Cartella];
      Y.applyUpdate(q.admin, Y.encodeStateAsUpdate(p.admin, Y.encodeStateVector(q.admin)), 'sync');
      Y.applyUpdate(q.prof as Y.Doc, Y.encodeStateAsUpdate(p.prof as Y.Doc, Y.encodeStateVector(q.prof as Y.Doc)), 'sync');
    };
    let giorno = INIZIO;
    passi.forEach((p, i) => {
      if (p.tipo === 'sync') return sync(p.da, p.a);
      giorno = aggiungiGiorni(giorno, p.salto);
      applica(r[p.replica] as Cartella, p.x, { autore: EQUIPE.rossa, now: istante(giorno, i) }, giorno);
    });
    for (let k = 0; k < 2; k++) for (const [i, j] of [[0, 1], [1, 2], [2, 0]] as const) sync(i, j);
    const viste = r.map(leggiCartella);
    expect(viste[1]).toEqual(viste[0]);
    expect(viste[2]).toEqual(viste[0]);
    expect([...(viste[0]?.admin.problemi ?? []), ...(viste[0]?.prof?.problemi ?? [])]).toEqual([]);
    // The same updates applied to a fresh replica in a random order give the same cartella.
    const ordine = aggiornamenti.map((u, i) => ({ u, k: caso.next().value as number, i })).sort((x, y) => x.k - y.k || x.i - y.i);
    const nuova = copia(b, 3);
    for (const { u } of ordine) {
      Y.applyUpdate(nuova.admin, u, 'sync');
      Y.applyUpdate(nuova.prof as Y.Doc, u, 'sync');
    }
    expect(leggiCartella(nuova)).toEqual(viste[0]);
  });

  it('replicas applying the same operations in different orders agree, conflict records included', () => {
    fc.assert(convergenza, { ...PARAMETRI, numRuns: 40 });
  });

  it.each(SEMI_CONSERVATI)('kept failing seed %i still passes', (seed) => {
    fc.assert(validita, { seed, numRuns: 1 });
    fc.assert(convergenza, { seed, numRuns: 1 });
  });

  it('sincronizza moves missing updates only', () => {
    const a = base();
    const b = copia(a, 5);
    sincronizza(a.admin, b.admin);
    expect(Y.encodeStateVector(b.admin)).toEqual(Y.encodeStateVector(a.admin));
  });
});
