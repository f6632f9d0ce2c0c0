import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { annullaAppuntamento, fissaAppuntamento, segnaNonPresentato, segnaSvolto, type AppuntamentoInput } from './agenda';
import { appuntamentiDelDiario, svoltoInDiario } from './agenda-diario';
import { comeOra, istanteRoma } from './agenda-orari';
import { verificaAgenda } from './agenda-verifica';
import { leggiAgenda } from './agenda-vista';
import type { TipoAppuntamento } from './agenda-vocabolario';
import type { Cartella, Contesto } from './cartella';
import { confermaChiusura, proponiChiusura } from './chiusura';
import { comeData, type DataIso } from './date';
import { cartellaAperta, certo, EQUIPE, replica, scrive, sincronizza } from './fixtures';
import type { AuthorKey } from './ids';
import { leggiProf } from './vista';

const a = (data: string, ora: string, autore: AuthorKey = EQUIPE.rossa): Contesto => {
  const now = istanteRoma(comeData(data) as DataIso, comeOra(ora) as never);
  if (!now) throw new Error(`${data} ${ora}`);
  return { autore, now };
};
const visita = (over: Partial<AppuntamentoInput> = {}): AppuntamentoInput => ({
  tipo: 'visita_domiciliare', data: '2024-05-06', inizio: '09:30', fine: '10:30', luogo: 'domicilio',
  operatori: [EQUIPE.rossa, EQUIPE.gialla], ...over,
});
const prenotato = (over: Partial<AppuntamentoInput> = {}): [Cartella, string] => {
  const c = cartellaAperta('2024-05-02');
  return [c, certo(fissaAppuntamento(c, visita(over), a('2024-05-02', '11:00', EQUIPE.verde)))];
};
const prof = (c: Cartella): Y.Doc => c.prof as Y.Doc;

describe('an appointment done becomes a diary entry in one step', () => {
  it('marks it done and writes the entry with kind and date from the appointment, linked both ways', () => {
    const [c, id] = prenotato();
    let r: ReturnType<typeof svoltoInDiario> | undefined;
    const p = scrive(prof(c), () => {
      const adm = scrive(c.admin, () => { r = svoltoInDiario(c, { id, testo: 'Casa in ordine.' }, a('2024-05-06', '10:40')); });
      expect(adm).toEqual({ cambiato: true, transazioni: 1 });
    });
    expect(p).toEqual({ cambiato: true, transazioni: 1 });
    const { voce, creata } = certo(r ?? { ok: false, code: 'input_non_valido', message: '' });
    expect(creata).toBe(true);
    expect(leggiAgenda(c.admin).appuntamenti[0]).toMatchObject({ id, stato: 'svolto', voceDiario: voce });
    expect(leggiProf(prof(c)).diario).toEqual([expect.objectContaining({ id: voce, data: '2024-05-06', tipo: 'visita_domiciliare', autore: EQUIPE.rossa, testo: 'Casa in ordine.' })]);
    expect(appuntamentiDelDiario(prof(c)).get(voce)).toBe(id);
    expect(verificaAgenda(c)).toEqual([]);
  });

  it('done twice gives the same entry and writes nothing the second time', () => {
    const [c, id] = prenotato();
    const primo = certo(svoltoInDiario(c, { id }, a('2024-05-06', '10:40')));
    let secondo: ReturnType<typeof svoltoInDiario> | undefined;
    const p = scrive(prof(c), () => {
      expect(scrive(c.admin, () => { secondo = svoltoInDiario(c, { id, testo: 'Di nuovo' }, a('2024-05-06', '10:41', EQUIPE.blu)); }).cambiato).toBe(false);
    });
    expect(p.cambiato).toBe(false);
    expect(secondo).toEqual({ ok: true, value: { appuntamento: id, voce: primo.voce, creata: false } });
    expect(leggiProf(prof(c)).diario).toHaveLength(1);
  });

  it.each<[TipoAppuntamento, string]>([
    ['colloquio', 'colloquio'], ['visita_domiciliare', 'visita_domiciliare'], ['equipe', 'equipe'], ['back_office', 'altro'],
  ])('a %s becomes a diary entry of kind %s', (tipo, voce) => {
    const [c, id] = prenotato({ tipo, luogo: 'sede' });
    const r = certo(svoltoInDiario(c, { id }, a('2024-05-07', '08:00')));
    expect(leggiProf(prof(c)).diario.find((v) => v.id === r.voce)).toMatchObject({ tipo: voce, data: '2024-05-06' });
  });

  it('without the prof part the device gets a clear error and writes nothing; the front office can still mark it done', () => {
    const [c, id] = prenotato();
    const soloAdmin: Cartella = { admin: c.admin, prof: null };
    const ctx = a('2024-05-06', '10:40');
    const r = scrive(c.admin, () => {
      const x = svoltoInDiario(soloAdmin, { id }, ctx);
      expect(x).toMatchObject({ ok: false, code: 'parte_professionale_assente' });
      expect(!x.ok && x.message).toMatch(/diario.*parte professionale.*svolto/);
    });
    expect(r.cambiato).toBe(false);
    certo(segnaSvolto(soloAdmin, { id }, a('2024-05-06', '10:40', EQUIPE.verde)));
    // Later, on a device with the prof part, the entry is added and linked.
    const dopo = certo(svoltoInDiario(c, { id }, a('2024-05-06', '12:00')));
    expect(dopo.creata).toBe(true);
    expect(leggiAgenda(c.admin).appuntamenti[0]).toMatchObject({ stato: 'svolto', voceDiario: dopo.voce, revisione: 2 });
    expect(verificaAgenda(c)).toEqual([]);
  });

  it('administrative staff cannot write the diary, even through an appointment', () => {
    const [c, id] = prenotato();
    expect(svoltoInDiario(c, { id }, a('2024-05-06', '10:40', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(svoltoInDiario(c, { id }, a('2024-05-06', '10:40', EQUIPE.gialla))).toMatchObject({ ok: true });
  });

  it('refused before the start, for cancelled or no-show appointments, unknown ids and bad text', () => {
    const [c, id] = prenotato();
    expect(svoltoInDiario(c, { id }, a('2024-05-06', '09:00'))).toMatchObject({ ok: false, code: 'appuntamento_futuro' });
    expect(svoltoInDiario(c, { id: 'zz-9' }, a('2024-05-06', '10:40'))).toMatchObject({ ok: false, code: 'appuntamento_inesistente' });
    expect(svoltoInDiario(c, { id, testo: 42 as never }, a('2024-05-06', '10:40'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    const b = certo(fissaAppuntamento(c, visita({ data: '2024-05-07' }), a('2024-05-02', '11:00')));
    certo(annullaAppuntamento(c, { id: b }, a('2024-05-03', '11:00')));
    certo(segnaNonPresentato(c, { id }, a('2024-05-06', '10:40')));
    for (const x of [id, b]) expect(svoltoInDiario(c, { id: x }, a('2024-05-08', '10:40'))).toMatchObject({ ok: false, code: 'appuntamento_non_modificabile' });
    expect(leggiProf(prof(c)).diario).toEqual([]);
  });

  it('a closed cartella refuses it', () => {
    const [c, id] = prenotato();
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-05-07' }, a('2024-05-07', '09:00')));
    certo(confermaChiusura(c, { data: '2024-05-07' }, a('2024-05-07', '09:00')));
    expect(svoltoInDiario(c, { id }, a('2024-05-07', '10:00'))).toMatchObject({ ok: false, code: 'cartella_chiusa' });
  });

  it('a device that has the entry but not yet the appointment update links the entry instead of writing a second one', () => {
    const [x, id] = prenotato();
    const y = replica(x);
    const fatto = certo(svoltoInDiario(x, { id }, a('2024-05-06', '10:40')));
    sincronizza(prof(x), prof(y)); // the prof room synced, the admin room not yet
    const p = scrive(prof(y), () => {
      const r = certo(svoltoInDiario(y, { id }, a('2024-05-06', '11:00', EQUIPE.blu)));
      expect(r).toEqual({ appuntamento: id, voce: fatto.voce, creata: false });
    });
    expect(p.cambiato).toBe(false);
    sincronizza(x.admin, y.admin);
    sincronizza(y.admin, x.admin);
    expect(leggiProf(prof(y)).diario).toHaveLength(1);
    // Both devices wrote the same linked value: agreement, not a conflict.
    expect(leggiAgenda(y.admin).conflitti).toEqual([]);
    expect(leggiAgenda(y.admin).appuntamenti[0]).toMatchObject({ stato: 'svolto', voceDiario: fatto.voce });
    expect(verificaAgenda(y)).toEqual([]);
  });

  it('done on two devices that never met: both entries stay (never deleted) and the appointment shows a conflict', () => {
    const [x, id] = prenotato();
    const y = replica(x);
    const vx = certo(svoltoInDiario(x, { id, testo: 'Scritto da Anna' }, a('2024-05-06', '10:40'))).voce;
    const vy = certo(svoltoInDiario(y, { id, testo: 'Scritto da Bruno' }, a('2024-05-06', '10:45', EQUIPE.blu))).voce;
    for (const [p, q] of [[x, y], [y, x]] as const) {
      sincronizza(p.admin, q.admin);
      sincronizza(prof(p), prof(q));
    }
    expect(leggiProf(prof(x)).diario.map((v) => v.id).sort()).toEqual([vx, vy].sort());
    expect(leggiAgenda(x.admin).conflitti[0]?.valori.map((w) => w.valore.voceDiario).sort()).toEqual([vx, vy].sort());
    expect(leggiAgenda(x.admin)).toEqual(leggiAgenda(y.admin));
    expect(verificaAgenda(x)).toEqual([]);
  });
});
