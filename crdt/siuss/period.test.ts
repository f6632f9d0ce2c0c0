import { describe, expect, it } from 'vitest';
import type { DataIso, Prestazione, PrestazioneId } from '../model';
import { placePrestazione } from './period';

const periodo = { dal: '2024-01-01' as DataIso, al: '2024-06-30' as DataIso };
const p = (x: Partial<Record<'dataInizio' | 'dataFine' | 'dataErogazione' | 'dataEvento', string>> & { carattere?: '1' | '2' }): Prestazione => ({
  id: 'a-1' as PrestazioneId, codicePrestazione: 'A1.05', denominazione: 'Assistenza domiciliare', protocolloDomanda: 'P1', presenzaProvaMezzi: '4',
  ...(x as object),
}) as Prestazione;

describe('prestazioni in the period', () => {
  it('a periodic prestazione started before the period and still running falls in it from the first day', () => {
    expect(placePrestazione(p({ dataInizio: '2023-05-01', carattere: '1' }), periodo)).toEqual({ kind: 'in', firstDay: '2024-01-01' });
  });

  it('one started inside the period falls in it from its start; one starting after it does not', () => {
    expect(placePrestazione(p({ dataInizio: '2024-03-10' }), periodo)).toEqual({ kind: 'in', firstDay: '2024-03-10' });
    expect(placePrestazione(p({ dataInizio: '2024-07-01' }), periodo)).toEqual({ kind: 'out' });
  });

  it('one that ended before the period does not fall in it; one ending on its first day does', () => {
    expect(placePrestazione(p({ dataInizio: '2023-01-01', dataFine: '2023-12-31' }), periodo)).toEqual({ kind: 'out' });
    expect(placePrestazione(p({ dataInizio: '2023-01-01', dataFine: '2024-01-01' }), periodo)).toEqual({ kind: 'in', firstDay: '2024-01-01' });
  });

  it('a one-off prestazione lasts the day it was paid', () => {
    expect(placePrestazione(p({ carattere: '2', dataErogazione: '2023-12-20' }), periodo)).toEqual({ kind: 'out' });
    expect(placePrestazione(p({ carattere: '2', dataErogazione: '2024-06-30' }), periodo)).toEqual({ kind: 'in', firstDay: '2024-06-30' });
    expect(placePrestazione(p({ carattere: '2', dataEvento: '2024-02-02' }), periodo)).toEqual({ kind: 'in', firstDay: '2024-02-02' });
  });

  it('a prestazione without any date cannot be placed', () => {
    expect(placePrestazione(p({}), periodo)).toEqual({ kind: 'undated' });
  });
});
