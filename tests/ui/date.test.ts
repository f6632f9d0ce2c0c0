/**
 * Dates as an Italian types them (client/ui/date.ts): the forms accepted, the days refused
 * and why, and model messages rewritten with Italian dates.
 */
import { describe, expect, it } from 'vitest';
import { conDateItaliane, dataBreve, dataLunga, leggiData, problemaData } from '../../client/ui/date';
import type { DataIso } from '../../crdt/model';

describe('leggiData', () => {
  it.each([
    ['05/03/2025', '2025-03-05'], ['5/3/2025', '2025-03-05'], ['05.03.2025', '2025-03-05'], ['05-03-2025', '2025-03-05'],
    ['05032025', '2025-03-05'], ['2025-03-05', '2025-03-05'], [' 29/02/2024 ', '2024-02-29'],
  ])('reads %s as %s', (testo, iso) => {
    expect(leggiData(testo)).toEqual({ tipo: 'valida', iso });
  });

  it('refuses a day that does not exist instead of moving it', () => {
    expect(leggiData('31/02/2025')).toEqual({ tipo: 'errata', messaggio: 'Il giorno 31/02/2025 non esiste nel calendario.' });
    expect(leggiData('29/02/2025')).toEqual({ tipo: 'errata', messaggio: 'Il giorno 29/02/2025 non esiste nel calendario.' });
    expect(leggiData('31/04/2025').tipo).toBe('errata');
  });

  it('names a month out of range, a year out of range and an unreadable form', () => {
    expect(leggiData('10/13/2025')).toEqual({ tipo: 'errata', messaggio: 'Il mese 13 non esiste: i mesi vanno da 1 a 12.' });
    expect(leggiData('10/10/1850')).toEqual({ tipo: 'errata', messaggio: 'L’anno deve essere compreso tra 1900 e 2199.' });
    expect(leggiData('5/3/25').tipo).toBe('errata');
    expect(leggiData('domani').tipo).toBe('errata');
    expect(leggiData('  ')).toEqual({ tipo: 'vuota' });
  });
});

describe('problemaData', () => {
  const oggi = '2025-06-30' as DataIso;
  it('asks for a required date, refuses a future one, accepts today', () => {
    expect(problemaData('', { obbligatoria: true })).toBe('Indica la data.');
    expect(problemaData('')).toBeUndefined();
    expect(problemaData('01/07/2025', { nonFutura: oggi })).toBe('La data non può essere nel futuro.');
    expect(problemaData('30/06/2025', { nonFutura: oggi })).toBeUndefined();
  });
});

describe('showing dates', () => {
  it('writes ISO days the Italian way, also inside the model’s messages', () => {
    expect(dataBreve('2025-03-05')).toBe('05/03/2025');
    expect(dataLunga('2025-03-05')).toBe('5 marzo 2025');
    expect(conDateItaliane('Il procedimento deve concludersi entro il 2025-07-30 (30 giorni).'))
      .toBe('Il procedimento deve concludersi entro il 30/07/2025 (30 giorni).');
  });
});
