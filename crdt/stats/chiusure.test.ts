import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  aggiungiMembro, apriCartella, confermaChiusura, creaCartella, leggiCartella, proponiChiusura, riapriCartella,
  risolviConflitto, ritiraProposta, type AuthorKey, type Cartella, type Contesto, type Risultato,
} from '../model';
import { EQUIPE, ORA } from './fixture';
import { statistiche } from './statistiche';

// Two social workers on two devices, apart, act on the same closure: closures and reopenings
// must count what the cartella shows, once.
const A = EQUIPE.anna.chiave;
const B = EQUIPE.bruno.chiave;
const at = (data: string, autore: AuthorKey): Contesto => ({ autore, now: new Date(`${data}T10:00:00+01:00`) });
function certo<T>(r: Risultato<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
function copia(c: Cartella): Cartella {
  const admin = new Y.Doc();
  Y.applyUpdate(admin, Y.encodeStateAsUpdate(c.admin));
  const prof = new Y.Doc();
  Y.applyUpdate(prof, Y.encodeStateAsUpdate(c.prof as Y.Doc));
  return { admin, prof };
}
function sincronizza(x: Cartella, y: Cartella): void {
  Y.applyUpdate(y.admin, Y.encodeStateAsUpdate(x.admin, Y.encodeStateVector(y.admin)));
  Y.applyUpdate(x.admin, Y.encodeStateAsUpdate(y.admin, Y.encodeStateVector(x.admin)));
}
/** A cartella open since 2024-01-10 with a closure (conclusione) proposed on 2024-03-01, on two devices. */
function proposta(): [Cartella, Cartella] {
  const c = certo(creaCartella({ id: 'stat-chiusure-1', nome: EQUIPE.anna.nome, ruolo: 'assistente_sociale' }, at('2024-01-10', A)));
  certo(aggiungiMembro(c, { chiave: B, nome: EQUIPE.bruno.nome, ruolo: 'assistente_sociale' }, at('2024-01-10', A)));
  certo(apriCartella(c, { iniziativa: 'ufficio', data: '2024-01-10', area: 'anziani', responsabile: A }, at('2024-01-10', A)));
  certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-03-01' }, at('2024-03-01', A)));
  return [c, copia(c)];
}
const flussi = (c: Cartella) => statistiche([c], ORA).flussi.totale;

describe('closures and reopenings written concurrently', () => {
  it('two confirmations of the same closure count as one closure, on the date the cartella shows', () => {
    const [uno, due] = proposta();
    certo(confermaChiusura(uno, { data: '2024-03-05' }, at('2024-03-05', A)));
    certo(confermaChiusura(due, { data: '2024-03-06' }, at('2024-03-06', B)));
    sincronizza(uno, due);
    expect(leggiCartella(uno).admin.conflitti).toHaveLength(1);
    expect(flussi(uno)).toMatchObject({ chiusure: 1, riaperture: 0, chiusurePerMotivo: { conclusione: 1 } });
    expect(statistiche([uno], ORA).flussi.mesi.find((m) => m.chiusure > 0)?.mese.codice).toBe('2024-03');
    // Resolving the conflict keeps one closure.
    const scelta = leggiCartella(uno).admin.conflitti[0]?.valori[0]?.scrittura;
    certo(risolviConflitto(uno, { sezione: 'chiusura', campo: 'stato', scelta: scelta! }, at('2024-03-07', A)));
    expect(flussi(uno).chiusure).toBe(1);
  });

  it('a confirmation that lost to a concurrent withdrawal is no closure; once chosen, it is one', () => {
    const [uno, due] = proposta();
    certo(confermaChiusura(uno, { data: '2024-03-05' }, at('2024-03-05', A)));
    certo(ritiraProposta(due, { data: '2024-03-06' }, at('2024-03-06', B)));
    sincronizza(uno, due);
    // The withdrawal is the later live write: the cartella shows open, and is not counted closed.
    expect(leggiCartella(uno).stato).toBe('aperta');
    expect(flussi(uno).chiusure).toBe(0);
    expect(statistiche([uno], ORA).stato.totale).toEqual({ aperte: 1, chiuse: 0, totale: 1 });
    const chiusa = leggiCartella(uno).admin.conflitti[0]?.valori.find((v) => (v.valore as { stato: string }).stato === 'chiusa');
    certo(risolviConflitto(uno, { sezione: 'chiusura', campo: 'stato', scelta: chiusa!.scrittura }, at('2024-03-07', A)));
    expect(flussi(uno)).toMatchObject({ chiusure: 1, chiusurePerMotivo: { conclusione: 1 } });
  });

  it('two concurrent reopenings count as one reopening of one closure', () => {
    const [uno] = proposta();
    certo(confermaChiusura(uno, { data: '2024-03-05' }, at('2024-03-05', A)));
    const due = copia(uno);
    certo(riapriCartella(uno, { data: '2024-04-01', motivo: 'Nuovo bisogno.' }, at('2024-04-01', A)));
    certo(riapriCartella(due, { data: '2024-04-02', motivo: 'Nuova richiesta.' }, at('2024-04-02', B)));
    sincronizza(uno, due);
    expect(flussi(uno)).toMatchObject({ chiusure: 1, riaperture: 1 });
  });
});
