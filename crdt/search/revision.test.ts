/**
 * The revision of a cartella's documents (docs/SEARCH.md, "Staleness"): what makes a stored
 * index re-read a cartella after a restart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initSodium } from '../../crypto/sodium';
import { aggiungiVoceDiario, leggiCartella, testoVoce, type VoceDiarioId } from '../model';
import { alle, cartellaAperta, certo, replica } from '../model/fixtures';
import { revisioneCartella } from './revision';

beforeAll(initSodium);

describe('revisioneCartella', () => {
  it('is a short base64url text, the same for a replica holding the same updates, and unchanged by reading', () => {
    const c = cartellaAperta('2024-01-10', 'revisione-test-01');
    const rev = revisioneCartella(c);
    expect(rev).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(revisioneCartella(replica(c))).toBe(rev);
    leggiCartella(c);
    expect(revisioneCartella(c)).toBe(rev);
  });

  it('changes after anything is added', () => {
    const c = cartellaAperta('2024-01-10', 'revisione-test-02');
    const before = revisioneCartella(c);
    certo(aggiungiVoceDiario(c, { data: '2024-01-11', tipo: 'colloquio', testo: 'Primo colloquio.' }, alle('2024-01-11')));
    expect(revisioneCartella(c)).not.toBe(before);
  });

  it('changes after a deletion only (which advances no Yjs clock)', () => {
    const c = cartellaAperta('2024-01-10', 'revisione-test-03');
    const id = certo(aggiungiVoceDiario(c, { data: '2024-01-11', tipo: 'colloquio', testo: 'Testo da cancellare.' }, alle('2024-01-11')));
    const prof = c.prof as Y.Doc;
    const sv = Y.encodeStateVector(prof);
    const before = revisioneCartella(c);
    const f = testoVoce(prof, id as VoceDiarioId) as Y.XmlFragment;
    prof.transact(() => f.delete(0, f.length));
    expect(Y.encodeStateVector(prof)).toEqual(sv);
    expect(revisioneCartella(c)).not.toBe(before);
  });

  it('differs when the professional part is absent (an administrative device)', () => {
    const c = cartellaAperta('2024-01-10', 'revisione-test-04');
    expect(revisioneCartella({ admin: c.admin, prof: null })).not.toBe(revisioneCartella(c));
  });
});
