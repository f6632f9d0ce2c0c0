import { describe, expect, it } from 'vitest';
import { describeCartellaExclusion, describeExclusion, excludedByCartella, FieldProblems, sortExcluded } from './outcome';

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

  it('grouped by cartella, each field is listed once with every prestazione it keeps out', () => {
    const f = (field: string, reason: 'missing' | 'conflict') => ({ field, label: field, reason });
    const g = excludedByCartella([
      { cartellaId: 'a', prestazioneId: '1', fields: [f('LuogoVita', 'missing')] },
      { cartellaId: 'a', prestazioneId: '2', fields: [f('LuogoVita', 'missing'), f('DataPrestazione', 'missing')] },
      { cartellaId: 'b', prestazioneId: '3', fields: [f('Cognome', 'conflict')] },
    ]);
    expect(g).toEqual([
      { cartellaId: 'a', prestazioni: ['1', '2'], fields: [f('LuogoVita', 'missing'), f('DataPrestazione', 'missing')] },
      { cartellaId: 'b', prestazioni: ['3'], fields: [f('Cognome', 'conflict')] },
    ]);
    expect(g.map(describeCartellaExclusion)).toEqual([
      '2 prestazioni non inviate a SIUSS — da compilare: LuogoVita, DataPrestazione.',
      '1 prestazione non inviata a SIUSS — in conflitto da risolvere: Cognome.',
    ]);
  });
});
