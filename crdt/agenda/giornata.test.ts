import { describe, expect, it } from 'vitest';
import {
  annullaAppuntamento, comeImpegnoPersonale, comeOra, confermaChiusura, definisciProgetto, firmaProgetto,
  fissaAppuntamento, istanteRoma, leggiCartella, proponiChiusura, type AppuntamentoInput, type AuthorKey, type Cartella,
  type CartellaId, type Contesto, type DataIso, type ImpegnoPersonale,
} from '../model';
import { cartellaAperta, certo, EQUIPE } from '../model/fixtures';
import { agendaGiorno, agendaPeriodo, agendaSettimana, lunedi } from './giornata';
import type { CartellaInAgenda, VoceAgenda } from './voci';

const a = (data: string, ora: string, autore: AuthorKey = EQUIPE.rossa): Contesto => {
  const now = istanteRoma(data as DataIso, comeOra(ora) as never);
  if (!now) throw new Error(`${data} ${ora}`);
  return { autore, now };
};
const app = (over: Partial<AppuntamentoInput>): AppuntamentoInput => ({
  tipo: 'colloquio', data: '2024-05-06', inizio: '09:00', fine: '10:00', luogo: 'sede', operatori: [EQUIPE.rossa], ...over,
});
const inAgenda = (c: Cartella, id: string, etichetta: string): CartellaInAgenda => ({ id: id as CartellaId, etichetta, cartella: c });
const riga = (v: VoceAgenda): string =>
  v.kind === 'appuntamento' ? `${v.data} ${v.inizio} ${v.etichetta} ${v.appuntamento.tipo}`
    : v.kind === 'scadenza' ? `${v.data} scadenza ${v.etichetta} ${v.scadenza.codice}`
      : `${v.data} ${v.inizio} impegno ${v.impegno.tipo}`;

/** Two cartelle opened on 2024-05-02, with appointments in the week of Monday 6 May 2024. */
function dispositivo(): { cartelle: CartellaInAgenda[]; x: Cartella; y: Cartella } {
  const x = cartellaAperta('2024-05-02', 'cartella-agenda-x1');
  const y = cartellaAperta('2024-05-02', 'cartella-agenda-y1');
  const ctx = a('2024-05-02', '12:00');
  certo(fissaAppuntamento(x, app({ data: '2024-05-06', inizio: '11:00', fine: '12:00' }), ctx));
  certo(fissaAppuntamento(y, app({ data: '2024-05-06', inizio: '09:00', fine: '09:45', tipo: 'visita_domiciliare', luogo: 'domicilio', operatori: [EQUIPE.blu] }), ctx));
  certo(fissaAppuntamento(x, app({ data: '2024-05-08', tipo: 'equipe', operatori: [EQUIPE.rossa, EQUIPE.gialla] }), ctx));
  certo(fissaAppuntamento(y, app({ data: '2024-05-13' }), ctx));
  return { cartelle: [inAgenda(x, 'cartella-agenda-x1', 'Cartella X'), inAgenda(y, 'cartella-agenda-y1', 'Cartella Y')], x, y };
}

describe('agenda across the cartelle of a device', () => {
  it('a day lists the appointments of every cartella, sorted by time, with the cartella id and the caller\'s label', () => {
    const { cartelle } = dispositivo();
    const g = certo(agendaGiorno(cartelle, '2024-05-06', a('2024-05-03', '08:00').now, { scadenze: false }));
    expect(g.map(riga)).toEqual(['2024-05-06 09:00 Cartella Y visita_domiciliare', '2024-05-06 11:00 Cartella X colloquio']);
    expect(g[0]).toMatchObject({ kind: 'appuntamento', cartella: 'cartella-agenda-y1', cartellaChiusa: false });
    expect(Object.isFrozen(g)).toBe(true);
  });

  it('a week runs Monday to Sunday around any of its days', () => {
    const { cartelle } = dispositivo();
    expect(lunedi('2024-05-12' as DataIso)).toBe('2024-05-06');
    expect(lunedi('2024-05-06' as DataIso)).toBe('2024-05-06');
    const s = certo(agendaSettimana(cartelle, '2024-05-09', a('2024-05-03', '08:00').now, { scadenze: false }));
    expect([s.dal, s.al]).toEqual(['2024-05-06', '2024-05-12']);
    expect(s.voci.map(riga)).toEqual([
      '2024-05-06 09:00 Cartella Y visita_domiciliare', '2024-05-06 11:00 Cartella X colloquio', '2024-05-08 09:00 Cartella X equipe',
    ]);
  });

  it('filters by équipe member and hides cancelled appointments on request; personal items join the day', () => {
    const { cartelle, y } = dispositivo();
    const id = certo(fissaAppuntamento(y, app({ data: '2024-05-07', operatori: [EQUIPE.rossa] }), a('2024-05-02', '12:00')));
    certo(annullaAppuntamento(y, { id }, a('2024-05-03', '12:00')));
    const impegno = certo(comeImpegnoPersonale({ id: 'bo-1', tipo: 'back_office', data: '2024-05-07', inizio: '14:00', fine: '16:00', titolo: 'Relazioni' })) as ImpegnoPersonale;
    const now = a('2024-05-03', '08:00').now;
    const mie = certo(agendaSettimana(cartelle, '2024-05-06', now, { operatore: EQUIPE.rossa, scadenze: false, impegni: [impegno] })).voci;
    expect(mie.map(riga)).toEqual(['2024-05-06 11:00 Cartella X colloquio', '2024-05-07 09:00 Cartella Y colloquio', '2024-05-07 14:00 impegno back_office', '2024-05-08 09:00 Cartella X equipe']);
    const senza = certo(agendaSettimana(cartelle, '2024-05-06', now, { operatore: EQUIPE.rossa, scadenze: false, annullati: false })).voci;
    expect(senza.map(riga)).not.toContain('2024-05-07 09:00 Cartella Y colloquio');
  });

  it('deadlines of the procedure and of the progetto appear as read-only lines linked to their cartella', () => {
    const { cartelle, x } = dispositivo();
    certo(definisciProgetto(x, { dataInizio: '2024-05-03', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [{ descrizione: 'A', risultatiAttesi: 'B', impegniPersona: 'C', sostegniServizi: 'D', tempi: 'E' }] }, a('2024-05-03', '09:00')));
    certo(firmaProgetto(x, { data: '2024-05-03' }, a('2024-05-03', '09:00')));
    const lontano = certo(agendaPeriodo(cartelle, { dal: '2024-05-01', al: '2024-12-31' }, a('2024-05-03', '10:00').now)).filter((v) => v.kind === 'scadenza');
    // The term runs 30 days from the apertura d'ufficio (2024-05-02): 2024-06-01, for both cartelle.
    expect(lontano.map(riga)).toEqual([
      '2024-06-01 scadenza Cartella X termine_procedimento', '2024-06-01 scadenza Cartella Y termine_procedimento',
      '2024-08-03 scadenza Cartella X verifica_progetto', '2024-12-31 scadenza Cartella X chiusura_prevista',
    ]);
    expect(lontano[0]).toMatchObject({ cartella: 'cartella-agenda-x1', scadenza: { gravita: 'info' } });
    expect(lontano[0]?.kind === 'scadenza' && lontano[0].scadenza.avviso).toBeUndefined();
    // Within 7 days the avviso speaks for the same deadline: one line, with its severity and message.
    const vicino = certo(agendaGiorno(cartelle.slice(0, 1), '2024-06-01', a('2024-05-28', '10:00').now));
    expect(vicino).toHaveLength(1);
    expect(vicino[0]).toMatchObject({ kind: 'scadenza', scadenza: { codice: 'termine_procedimento', avviso: 'termine_in_scadenza', gravita: 'attenzione' } });
    // Past the term, the potere sostitutivo's deadline follows (half the term: 15 days).
    const dopo = certo(agendaPeriodo(cartelle.slice(0, 1), { dal: '2024-06-01', al: '2024-06-30' }, a('2024-06-05', '10:00').now)).map(riga);
    expect(dopo).toEqual(['2024-06-01 scadenza Cartella X termine_procedimento', '2024-06-16 scadenza Cartella X potere_sostitutivo']);
  });

  it('on a device without the prof part, the progetto\'s deadlines are not there; the procedure\'s are', () => {
    const { x } = dispositivo();
    certo(definisciProgetto(x, { dataInizio: '2024-05-03', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [] }, a('2024-05-03', '09:00')));
    const soloAdmin = [inAgenda({ admin: x.admin, prof: null }, 'cartella-agenda-x1', 'X')];
    const v = certo(agendaPeriodo(soloAdmin, { dal: '2024-05-01', al: '2024-12-31' }, a('2024-05-03', '10:00').now));
    expect(v.filter((z) => z.kind === 'scadenza').map(riga)).toEqual(['2024-06-01 scadenza X termine_procedimento']);
  });

  it('a closed cartella keeps its appointments, flagged read-only, and has no deadlines', () => {
    const { x } = dispositivo();
    certo(proponiChiusura(x, { motivo: 'conclusione', data: '2024-05-03' }, a('2024-05-03', '09:00')));
    certo(confermaChiusura(x, { data: '2024-05-03' }, a('2024-05-03', '09:00')));
    const v = certo(agendaPeriodo([inAgenda(x, 'cartella-agenda-x1', 'X')], { dal: '2024-05-01', al: '2024-12-31' }, a('2024-05-04', '10:00').now));
    expect(v.map((z) => [z.kind, z.kind === 'appuntamento' && z.cartellaChiusa])).toEqual([['appuntamento', true], ['appuntamento', true]]);
    const soloAppuntamenti = certo(agendaPeriodo([inAgenda(x, 'cartella-agenda-x1', 'X')], { dal: '2024-05-01', al: '2024-12-31' }, a('2024-05-04', '10:00').now, { scadenze: false }));
    expect(soloAppuntamenti).toEqual(v);
  });

  it('uses the view the caller already holds instead of reading the cartella again', () => {
    const { x } = dispositivo();
    const primaDellaFirma = leggiCartella(x);
    certo(definisciProgetto(x, { dataInizio: '2024-05-03', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [{ descrizione: 'A', risultatiAttesi: 'B', impegniPersona: 'C', sostegniServizi: 'D', tempi: 'E' }] }, a('2024-05-03', '09:00')));
    const codici = (c: CartellaInAgenda): string[] => certo(agendaPeriodo([c], { dal: '2024-05-01', al: '2024-12-31' }, a('2024-05-03', '10:00').now))
      .flatMap((z) => (z.kind === 'scadenza' ? [z.scadenza.codice] : []));
    expect(codici(inAgenda(x, 'cartella-agenda-x1', 'X'))).toEqual(['termine_procedimento', 'chiusura_prevista']);
    expect(codici({ ...inAgenda(x, 'cartella-agenda-x1', 'X'), vista: primaDellaFirma })).toEqual(['termine_procedimento']);
  });

  it('refuses impossible or reversed periods, and periods longer than a year', () => {
    const now = new Date('2024-05-03T08:00:00Z');
    expect(agendaPeriodo([], { dal: '2024-02-30', al: '2024-03-01' }, now)).toMatchObject({ ok: false, code: 'data_non_valida' });
    expect(agendaPeriodo([], { dal: '2024-03-02', al: '2024-03-01' }, now)).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(agendaPeriodo([], { dal: '2024-01-01', al: '2025-01-01' }, now)).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(agendaPeriodo([], { dal: '2024-01-01', al: '2024-12-31' }, now)).toEqual({ ok: true, value: [] });
    expect(agendaSettimana([], 'lunedì', now)).toMatchObject({ ok: false, code: 'data_non_valida' });
  });
});
