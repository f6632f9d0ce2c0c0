import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { CODICI_ERRORE } from './errori';
import { alle, cartellaAperta, certo } from './fixtures';
import { inviaComunicazioneAvvio, inviaPreavvisoRigetto } from './procedimento';
import { firmaProgetto } from './progetto';
import { registraAccesso } from './segretariato';

const avvio = { data: '2024-01-12', mezzo: 'PEC', amministrazione: 'Comune', oggetto: 'Presa in carico', ufficio: 'Servizi sociali', responsabileProcedimento: 'AS', rimedi: 'Potere sostitutivo', ufficioVisione: 'Ufficio' };

describe('error codes', () => {
  it('codes are unique snake_case', () => {
    expect(new Set(CODICI_ERRORE).size).toBe(CODICI_ERRORE.length);
    for (const c of CODICI_ERRORE) expect(c).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
  });

  it('operations on documents that were never created are refused', () => {
    const c = { admin: new Y.Doc(), prof: new Y.Doc() };
    expect(registraAccesso(c, { data: '2024-01-10', canale: 'sportello', richiesta: 'x' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'cartella_non_inizializzata' });
  });

  it('a change of the anagrafica that is not an object is refused', () => {
    expect(aggiornaAnagrafica(cartellaAperta(), 'Rossi' as never, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'input_non_valido' });
  });

  it('the comunicazione di avvio and the preavviso di rigetto are sent once', () => {
    const c = cartellaAperta('2024-01-10');
    certo(inviaComunicazioneAvvio(c, avvio, alle('2024-01-12')));
    expect(inviaComunicazioneAvvio(c, avvio, alle('2024-01-13'))).toMatchObject({ ok: false, code: 'comunicazione_avvio_gia_inviata' });
    certo(inviaPreavvisoRigetto(c, { data: '2024-01-13', motivi: 'x' }, alle('2024-01-13')));
    expect(inviaPreavvisoRigetto(c, { data: '2024-01-14', motivi: 'y' }, alle('2024-01-14'))).toMatchObject({ ok: false, code: 'preavviso_gia_inviato' });
  });

  it('signing a progetto that does not exist is refused', () => {
    expect(firmaProgetto(cartellaAperta(), { data: '2024-01-10' }, alle('2024-01-10'))).toMatchObject({ ok: false, code: 'progetto_assente' });
  });
});
