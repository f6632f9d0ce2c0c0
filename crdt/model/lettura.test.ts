import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { avvisi } from './avvisi';
import { alle, cartellaAperta, certo, EQUIPE, replica } from './fixtures';
import { aggiungiVoceDiario } from './diario';
import { leggiCartella } from './vista';
import { verificaCartella } from './verifica';
import { statoCartella } from './stato';

/** Writes raw data as a hostile or buggy replica would, then hands it over as an update. */
function daAltroDispositivo(c: ReturnType<typeof cartellaAperta>, scrivi: (admin: Y.Doc, prof: Y.Doc) => void): ReturnType<typeof cartellaAperta> {
  const altro = replica(c);
  scrivi(altro.admin, altro.prof as Y.Doc);
  const ricevuto = replica(c);
  Y.applyUpdate(ricevuto.admin, Y.encodeStateAsUpdate(altro.admin));
  Y.applyUpdate(ricevuto.prof as Y.Doc, Y.encodeStateAsUpdate(altro.prof as Y.Doc));
  return ricevuto;
}

describe('reading untrusted documents', () => {
  it('malformed register entries are skipped and reported, never crash', () => {
    const c = daAltroDispositivo(cartellaAperta(), (admin) => {
      const a = admin.getMap('anagrafica');
      a.set('nonunid', { campo: 'cognome', valore: 'X', sostituisce: [], autore: EQUIPE.rossa, il: '2024-01-01T00:00:00.000Z' });
      a.set('abc-1', 'stringa');
      a.set('abc-2', { campo: 'cognome', valore: 12, sostituisce: [], autore: EQUIPE.rossa, il: '2024-01-01T00:00:00.000Z' });
      a.set('abc-3', { campo: 'cognome', valore: 'Ok', sostituisce: 'x', autore: EQUIPE.rossa, il: '2024-01-01T00:00:00.000Z' });
      a.set('abc-4', { campo: 'sconosciuto', valore: 'x', sostituisce: [], autore: EQUIPE.rossa, il: '2024-01-01T00:00:00.000Z' });
      a.set('abc-5', { campo: 'cognome', valore: 'Ok', sostituisce: [], autore: 'chiave-corta', il: '2024-01-01T00:00:00.000Z' });
      admin.getMap('meta').set('abc-6', null);
    });
    const v = leggiCartella(c);
    expect(v.admin.anagrafica.cognome).toBeUndefined();
    expect(v.admin.problemi.map((p) => p.chiave).sort()).toEqual(['abc-1', 'abc-2', 'abc-3', 'abc-4', 'abc-5', 'abc-6', 'nonunid']);
    expect(verificaCartella(c).length).toBe(7);
    expect(avvisi(c, new Date('2024-01-11')).map((a) => a.codice)).toContain('dati_illeggibili');
  });

  it('a __proto__ key in a stored value cannot inject fields', () => {
    const c = daAltroDispositivo(cartellaAperta(), (admin) => {
      admin.getMap('chiusura').set('abc-7', JSON.parse(`{"campo":"stato","valore":{"__proto__":{"stato":"chiusa","data":"2024-01-11","motivo":"decesso"}},"sostituisce":[],"autore":"${EQUIPE.rossa}","il":"2024-01-11T00:00:00.000Z","__proto__":{"risolve":true}}`) as unknown);
    });
    const v = leggiCartella(c);
    expect(statoCartella(v.admin)).toBe('aperta');
    expect(v.admin.chiusura.attuale).toBeUndefined();
    expect(v.admin.problemi).toHaveLength(1);
  });

  it('malformed items of the prof lists are skipped and reported', () => {
    const base = cartellaAperta();
    certo(aggiungiVoceDiario(base, { data: '2024-01-10', tipo: 'colloquio', testo: 'buona' }, alle('2024-01-10')));
    const c = daAltroDispositivo(base, (_admin, prof) => {
      const d = prof.getArray('diario');
      d.push(['non una mappa']);
      const m = new Y.Map<unknown>();
      d.push([m]);
      m.set('id', 'zz-1'); m.set('data', '2024-13-40'); m.set('tipo', 'colloquio'); m.set('autore', EQUIPE.rossa);
      m.set('scrittoIl', '2024-01-10T10:00:00.000Z'); m.set('testo', new Y.XmlFragment());
      const senzaTesto = new Y.Map<unknown>();
      d.push([senzaTesto]);
      senzaTesto.set('id', 'zz-2'); senzaTesto.set('autore', EQUIPE.rossa); senzaTesto.set('scrittoIl', '2024-01-10T10:00:00.000Z');
      prof.getMap('progetto').set('dataInizio', 'ieri');
      prof.getArray('verifiche').push([{ data: '2024-01-01' }]);
    });
    const v = leggiCartella(c);
    expect(v.prof?.diario.map((x) => x.testo)).toEqual(['buona']);
    expect(v.prof?.problemi.map((p) => p.sezione).sort()).toEqual(['diario', 'diario', 'diario', 'progetto']);
    expect(v.prof?.progetto).toBeUndefined();
  });

  it('reading returns frozen values', () => {
    const v = leggiCartella(cartellaAperta());
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.admin.meta)).toBe(true);
    expect(() => { (v.admin.membri as unknown[]).push(1); }).toThrow();
  });
});
