import { describe, expect, it } from 'vitest';
import { apriCartella } from './apertura';
import { avvisi } from './avvisi';
import { alle, cartellaAperta, cartellaDiProva, certo, EQUIPE } from './fixtures';
import {
  comunicaEsito, inviaComunicazioneAvvio, inviaPreavvisoRigetto, registraDeterminazione, registraOsservazioni, sospendiTermine,
} from './procedimento';
import { termini } from './termini';
import { leggiCartella } from './vista';

/** An istanza received on 2024-04-01, taken in charge on 2024-04-03, term 30 days. */
function istanza() {
  const c = cartellaDiProva('2024-04-03');
  certo(apriCartella(c, { iniziativa: 'istanza', protocollo: 'PG/2024/301', dataRicezione: '2024-04-01', data: '2024-04-03', area: 'poverta_disagio_adulti', responsabile: EQUIPE.rossa }, alle('2024-04-03')));
  return c;
}
const t = (c: ReturnType<typeof istanza>, oggi: string) => termini(leggiCartella(c).admin.procedimento, new Date(`${oggi}T12:00:00Z`));
const codici = (c: ReturnType<typeof istanza>, oggi: string) => avvisi(c, new Date(`${oggi}T12:00:00Z`)).map((a) => a.codice);

describe('procedimento amministrativo (L. 241/1990)', () => {
  it('the term runs 30 days from the receipt of the istanza, with days left and overdue', () => {
    const c = istanza();
    expect(t(c, '2024-04-10')).toMatchObject({ scadenza: '2024-05-01', giorniRimanenti: 21, scaduto: false, concluso: false });
    expect(t(c, '2024-05-02')).toMatchObject({ giorniRimanenti: -1, scaduto: true });
  });

  it('after the term the potere sostitutivo must conclude within half of it', () => {
    expect(t(istanza(), '2024-05-02')?.scadenzaPotereSostitutivo).toBe('2024-05-16');
  });

  it('the term is warned 7 days before, and after it lapses, with increasing severity', () => {
    const c = istanza();
    expect(codici(c, '2024-04-20')).not.toContain('termine_in_scadenza');
    expect(codici(c, '2024-04-24')).toContain('termine_in_scadenza');
    expect(codici(c, '2024-05-02')).toContain('termine_scaduto');
    expect(codici(c, '2024-05-17')).toContain('potere_sostitutivo_scaduto');
  });

  it('one suspension of up to 30 days extends the term; a second one is refused', () => {
    const c = istanza();
    expect(sospendiTermine(c, { dal: '2024-04-10', giorni: 31, motivo: 'Acquisizione certificazioni' }, alle('2024-04-10'))).toMatchObject({ ok: false, code: 'sospensione_troppo_lunga' });
    certo(sospendiTermine(c, { dal: '2024-04-10', giorni: 20, motivo: 'Acquisizione certificazioni' }, alle('2024-04-10')));
    expect(t(c, '2024-04-15')).toMatchObject({ scadenza: '2024-05-21', sospeso: true });
    expect(sospendiTermine(c, { dal: '2024-04-12', giorni: 5, motivo: 'Altro' }, alle('2024-04-12'))).toMatchObject({ ok: false, code: 'sospensione_gia_usata' });
  });

  it('the comunicazione di avvio must carry the contents of art. 8 and gets the due date', () => {
    const c = istanza();
    const r = inviaComunicazioneAvvio(c, { data: '2024-04-04', mezzo: 'PEC', amministrazione: 'Comune di Valdoria', oggetto: 'Contributo', ufficio: 'Servizi sociali', responsabileProcedimento: 'A. Rossa', rimedi: '', ufficioVisione: '' }, alle('2024-04-04'));
    expect(r).toMatchObject({ ok: false, code: 'comunicazione_avvio_incompleta' });
    expect(!r.ok && r.message).toMatch(/rimedi.*visione/);
    expect(codici(c, '2024-04-04')).toContain('comunicazione_avvio_mancante');
    certo(inviaComunicazioneAvvio(c, { data: '2024-04-04', mezzo: 'PEC', amministrazione: 'Comune di Valdoria', oggetto: 'Contributo', ufficio: 'Servizi sociali', responsabileProcedimento: 'A. Rossa', rimedi: 'Potere sostitutivo', ufficioVisione: 'Piano terra' }, alle('2024-04-04')));
    expect(leggiCartella(c).admin.procedimento.comunicazioneAvvio).toMatchObject({ dataConclusione: '2024-05-01', dataIstanza: '2024-04-01' });
    expect(codici(c, '2024-04-05')).not.toContain('comunicazione_avvio_mancante');
  });

  it('refusing an istanza without a preavviso di rigetto is refused', () => {
    const r = registraDeterminazione(istanza(), { numero: '12/2024', data: '2024-04-20', esito: 'respinto', motivazione: 'Requisiti non posseduti' }, alle('2024-04-20'));
    expect(r).toMatchObject({ ok: false, code: 'preavviso_rigetto_mancante' });
  });

  it('a partial refusal also needs the preavviso, and any refusal a motivation', () => {
    const c = istanza();
    expect(registraDeterminazione(c, { numero: '12/2024', data: '2024-04-20', esito: 'parziale' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(registraDeterminazione(c, { numero: '12/2024', data: '2024-04-20', esito: 'parziale', motivazione: 'x' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'preavviso_rigetto_mancante' });
  });

  it('the preavviso suspends the term for the 10 days of the reply; deciding within them is refused', () => {
    const c = istanza();
    certo(inviaPreavvisoRigetto(c, { data: '2024-04-15', motivi: 'ISEE oltre soglia' }, alle('2024-04-15')));
    expect(t(c, '2024-04-16')).toMatchObject({ scadenza: '2024-05-11', attesaOsservazioni: true, sospeso: true, fineAttesaOsservazioni: '2024-04-25' });
    expect(codici(c, '2024-04-16')).toContain('osservazioni_attese');
    const r = registraDeterminazione(c, { numero: '12/2024', data: '2024-04-20', esito: 'respinto', motivazione: 'ISEE oltre soglia' }, alle('2024-04-20'));
    expect(r).toMatchObject({ ok: false, code: 'preavviso_rigetto_in_corso' });
    certo(registraDeterminazione(c, { numero: '12/2024', data: '2024-04-25', esito: 'respinto', motivazione: 'ISEE oltre soglia' }, alle('2024-04-25')));
    expect(t(c, '2024-04-26')).toMatchObject({ concluso: true, nelTermine: true, scaduto: false });
  });

  it("the citizen's observations end the wait; the term restarts 10 days after them", () => {
    const c = istanza();
    certo(inviaPreavvisoRigetto(c, { data: '2024-04-15', motivi: 'ISEE oltre soglia' }, alle('2024-04-15')));
    certo(registraOsservazioni(c, { data: '2024-04-18' }, alle('2024-04-18')));
    expect(t(c, '2024-04-19')).toMatchObject({ giorniPreavviso: 13, scadenza: '2024-05-14', attesaOsservazioni: false });
    certo(registraDeterminazione(c, { numero: '13/2024', data: '2024-04-19', esito: 'parziale', motivazione: 'Accolto in parte' }, alle('2024-04-19')));
    expect(sospendiTermine(c, { dal: '2024-04-20', giorni: 5, motivo: 'x' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'procedimento_concluso' });
  });

  it("a d'ufficio procedure may end negatively without a preavviso (art. 10-bis concerns istanze)", () => {
    const c = cartellaAperta('2024-04-03');
    certo(registraDeterminazione(c, { numero: '5', data: '2024-04-10', esito: 'respinto', motivazione: 'Non necessario' }, alle('2024-04-10')));
  });

  it('the outcome is communicated after the determinazione, once', () => {
    const c = istanza();
    expect(comunicaEsito(c, { data: '2024-04-20', mezzo: 'raccomandata' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'determinazione_mancante' });
    certo(registraDeterminazione(c, { numero: '14/2024', data: '2024-04-20', esito: 'accolto' }, alle('2024-04-20')));
    expect(codici(c, '2024-04-21')).toContain('esito_da_comunicare');
    expect(registraDeterminazione(c, { numero: '15/2024', data: '2024-04-21', esito: 'accolto' }, alle('2024-04-21'))).toMatchObject({ ok: false, code: 'determinazione_gia_presente' });
    expect(comunicaEsito(c, { data: '2024-04-19', mezzo: 'raccomandata' }, alle('2024-04-21'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    certo(comunicaEsito(c, { data: '2024-04-21', mezzo: 'raccomandata' }, alle('2024-04-21')));
    expect(comunicaEsito(c, { data: '2024-04-22', mezzo: 'PEC' }, alle('2024-04-22'))).toMatchObject({ ok: false, code: 'esito_gia_comunicato' });
    expect(codici(c, '2024-06-01')).not.toContain('termine_scaduto');
  });

  it('a determinazione before the start of the procedure or in the future is refused', () => {
    const c = istanza();
    expect(registraDeterminazione(c, { numero: '1', data: '2024-03-01', esito: 'accolto' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(registraDeterminazione(c, { numero: '1', data: '2024-04-21', esito: 'accolto' }, alle('2024-04-20'))).toMatchObject({ ok: false, code: 'data_futura' });
  });

  it('procedure acts need an opened cartella', () => {
    expect(sospendiTermine(cartellaDiProva('2024-04-03'), { dal: '2024-04-03', giorni: 3, motivo: 'x' }, alle('2024-04-03'))).toMatchObject({ ok: false, code: 'cartella_non_aperta' });
  });
});
