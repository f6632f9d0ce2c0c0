import { describe, expect, it } from 'vitest';
import { describeExclusion, FieldProblems, sortExcluded } from './outcome';

describe('exclusions', () => {
  it('one Italian sentence groups the fields to complete, to correct and to resolve', () => {
    expect(describeExclusion({
      cartellaId: 'c', prestazioneId: 'p', fields: [
        { field: 'Genere', label: 'Genere', reason: 'missing' },
        { field: 'Cognome', label: 'Cognome', reason: 'conflict' },
        { field: 'CodicePrestazione', label: 'Codice della prestazione', reason: 'invalid' },
        { field: 'CodiceFiscale', label: 'Codice fiscale', reason: 'missing' },
      ],
    })).toBe('Prestazione non inviata a SIUSS — da compilare: Genere, Codice fiscale; da correggere: Codice della prestazione; in conflitto da risolvere: Cognome.');
  });

  it('a field is listed once, with the first reason found', () => {
    const p = new FieldProblems();
    p.add('Cognome', 'Cognome', 'conflict');
    p.add('Cognome', 'Cognome', 'missing');
    expect(p.list()).toEqual([{ field: 'Cognome', label: 'Cognome', reason: 'conflict' }]);
  });

  it('exclusions are sorted by cartella, then prestazione', () => {
    const e = (c: string, p: string) => ({ cartellaId: c, prestazioneId: p, fields: [] });
    expect(sortExcluded([e('b', '1'), e('a', '2'), e('a', '1')]).map((x) => `${x.cartellaId}${x.prestazioneId}`)).toEqual(['a1', 'a2', 'b1']);
  });
});
