import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { avvisi } from './avvisi';
import { confermaChiusura, proponiChiusura, riapriCartella, ritiraProposta, storiaChiusura } from './chiusura';
import { aggiungiVoceDiario, correggiVoceDiario } from './diario';
import { registraDocumento } from './documenti';
import { alle, cartellaAperta, certo, EQUIPE } from './fixtures';
import { inattivita } from './inattivita';
import { registraPrestazione } from './prestazioni';
import { leggiCartella } from './vista';
import { MOTIVI_CHIUSURA } from './vocabolario';

const codici = (c: ReturnType<typeof cartellaAperta>, oggi: string) => avvisi(c, new Date(`${oggi}T12:00:00Z`)).map((a) => a.codice);

describe('chiusura', () => {
  it('only the four reasons of the deck are accepted', () => {
    expect(MOTIVI_CHIUSURA).toEqual(['conclusione', 'inattivita', 'trasferimento', 'decesso']);
    const r = proponiChiusura(cartellaAperta(), { motivo: 'stanchezza' as 'conclusione', data: '2024-02-01' }, alle('2024-02-01'));
    expect(r).toMatchObject({ ok: false, code: 'motivo_chiusura_non_valido' });
  });

  it('closure is proposed, then confirmed; the proposal alone keeps the cartella open', () => {
    const c = cartellaAperta();
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-06-01', note: 'Obiettivi raggiunti' }, alle('2024-06-01')));
    expect(leggiCartella(c).stato).toBe('chiusura_proposta');
    certo(aggiungiVoceDiario(c, { data: '2024-06-02', tipo: 'colloquio' }, alle('2024-06-02')));
    expect(proponiChiusura(c, { motivo: 'conclusione', data: '2024-06-02' }, alle('2024-06-02'))).toMatchObject({ ok: false, code: 'chiusura_gia_proposta' });
    certo(confermaChiusura(c, { data: '2024-06-05' }, alle('2024-06-05', EQUIPE.blu)));
    const v = leggiCartella(c);
    expect(v.stato).toBe('chiusa');
    expect(v.admin.chiusura.attuale).toMatchObject({ stato: 'chiusa', motivo: 'conclusione', data: '2024-06-05', dataProposta: '2024-06-01', note: 'Obiettivi raggiunti', autore: EQUIPE.blu });
  });

  it('confirming without a proposal is refused', () => {
    expect(confermaChiusura(cartellaAperta(), { data: '2024-06-05' }, alle('2024-06-05'))).toMatchObject({ ok: false, code: 'nessuna_proposta_chiusura' });
  });

  it('a transfer needs the destination and a death its date', () => {
    const c = cartellaAperta();
    expect(proponiChiusura(c, { motivo: 'trasferimento', data: '2024-06-01' }, alle('2024-06-01'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(proponiChiusura(c, { motivo: 'decesso', data: '2024-06-01' }, alle('2024-06-01'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    certo(proponiChiusura(c, { motivo: 'decesso', data: '2024-06-01', dataDecesso: '2024-05-28' }, alle('2024-06-01')));
    expect(leggiCartella(c).admin.chiusura.attuale).toMatchObject({ motivo: 'decesso', dataDecesso: '2024-05-28' });
  });

  it('a closed cartella is read-only until reopened', () => {
    const c = cartellaAperta();
    certo(proponiChiusura(c, { motivo: 'trasferimento', data: '2024-06-01', destinazione: 'Comune di Borgo Serio' }, alle('2024-06-01')));
    certo(confermaChiusura(c, { data: '2024-06-01' }, alle('2024-06-01')));
    const ctx = alle('2024-06-10');
    expect(aggiungiVoceDiario(c, { data: '2024-06-10', tipo: 'colloquio' }, ctx)).toMatchObject({ ok: false, code: 'cartella_chiusa' });
    expect(aggiornaAnagrafica(c, { telefono: '0351234567' }, ctx)).toMatchObject({ ok: false, code: 'cartella_chiusa' });
    expect(registraDocumento(c, { tipo: 'altro', stato: 'mancante', descrizione: 'x' }, ctx)).toMatchObject({ ok: false, code: 'cartella_chiusa' });
    expect(proponiChiusura(c, { motivo: 'conclusione', data: '2024-06-10' }, ctx)).toMatchObject({ ok: false, code: 'cartella_chiusa' });
    expect(riapriCartella(c, { data: '2024-06-10', motivo: '' }, ctx)).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    certo(riapriCartella(c, { data: '2024-06-10', motivo: 'Rientro nel comune' }, ctx));
    expect(leggiCartella(c)).toMatchObject({ stato: 'aperta', fase: { fase: 'valutazione', dal: '2024-06-10' } });
    certo(aggiungiVoceDiario(c, { data: '2024-06-10', tipo: 'colloquio' }, ctx));
  });

  it('reopening is recorded and the history of the closure is kept', () => {
    const c = cartellaAperta();
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-06-01' }, alle('2024-06-01')));
    certo(ritiraProposta(c, { data: '2024-06-02', note: 'Nuovo bisogno' }, alle('2024-06-02')));
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-07-01' }, alle('2024-07-01')));
    certo(confermaChiusura(c, { data: '2024-07-02' }, alle('2024-07-02')));
    certo(riapriCartella(c, { data: '2024-09-01', motivo: 'Nuova richiesta' }, alle('2024-09-01', EQUIPE.blu)));
    expect(storiaChiusura(c).map((e) => [e.stato, e.data])).toEqual([
      ['proposta', '2024-06-01'], ['ritirata', '2024-06-02'], ['proposta', '2024-07-01'], ['chiusa', '2024-07-02'], ['riaperta', '2024-09-01'],
    ]);
    expect(storiaChiusura(c).at(-1)).toMatchObject({ note: 'Nuova richiesta', autore: EQUIPE.blu });
    expect(riapriCartella(c, { data: '2024-09-02', motivo: 'x' }, alle('2024-09-02'))).toMatchObject({ ok: false, code: 'cartella_non_chiusa' });
  });

  it('inactivity after 12 months proposes closure but does not close', () => {
    const c = cartellaAperta('2023-01-10');
    certo(aggiungiVoceDiario(c, { data: '2023-03-15', tipo: 'colloquio' }, alle('2023-03-15')));
    expect(codici(c, '2024-03-14')).not.toContain('proposta_chiusura_inattivita');
    const oggi = new Date('2024-03-15T12:00:00Z');
    expect(inattivita(leggiCartella(c), oggi)).toEqual({ ultimaAttivita: '2023-03-15', maturaIl: '2024-03-15', inattiva: true });
    const a = avvisi(c, oggi).find((x) => x.codice === 'proposta_chiusura_inattivita');
    expect(a).toMatchObject({ gravita: 'attenzione' });
    expect(a?.messaggio).toMatch(/2023-03-15/);
    expect(leggiCartella(c).stato).toBe('aperta');
  });

  it('closure for inactivity cannot be proposed before a year without activity', () => {
    const c = cartellaAperta('2023-01-10');
    certo(aggiungiVoceDiario(c, { data: '2023-06-01', tipo: 'telefonata' }, alle('2023-06-01')));
    expect(proponiChiusura(c, { motivo: 'inattivita', data: '2024-05-31' }, alle('2024-05-31'))).toMatchObject({ ok: false, code: 'inattivita_non_maturata' });
    certo(proponiChiusura(c, { motivo: 'inattivita', data: '2024-06-01' }, alle('2024-06-01')));
  });

  it('activity after an inactivity proposal prevents its confirmation', () => {
    const c = cartellaAperta('2023-01-10');
    certo(proponiChiusura(c, { motivo: 'inattivita', data: '2024-02-01' }, alle('2024-02-01')));
    certo(aggiungiVoceDiario(c, { data: '2024-02-03', tipo: 'colloquio', testo: 'La persona si ripresenta.' }, alle('2024-02-03')));
    expect(codici(c, '2024-02-04')).toContain('proposta_inattivita_superata');
    expect(confermaChiusura(c, { data: '2024-02-04' }, alle('2024-02-04'))).toMatchObject({ ok: false, code: 'inattivita_non_maturata' });
  });

  it('a benefit still being delivered counts as an intervention', () => {
    const c = cartellaAperta('2023-01-10');
    certo(registraPrestazione(c, { codicePrestazione: 'A1.05', denominazione: 'Assistenza domiciliare socio-assistenziale', protocolloDomanda: 'PG/2023/10', presenzaProvaMezzi: '4', carattere: '1', dataInizio: '2023-01-15' }, alle('2023-01-15')));
    expect(inattivita(leggiCartella(c), new Date('2024-06-01T12:00:00Z')).inattiva).toBe(false);
  });

  it('a correction of an old entry is not activity', () => {
    const c = cartellaAperta('2023-01-10');
    const id = certo(aggiungiVoceDiario(c, { data: '2023-01-10', tipo: 'colloquio', testo: 'x' }, alle('2023-01-10')));
    certo(correggiVoceDiario(c, { corregge: id, testo: 'Rettifica del nome' }, alle('2023-12-01')));
    expect(inattivita(leggiCartella(c), new Date('2024-01-10T12:00:00Z')).inattiva).toBe(true);
    expect(codici(c, '2024-01-10')).toContain('proposta_chiusura_inattivita');
  });
});
