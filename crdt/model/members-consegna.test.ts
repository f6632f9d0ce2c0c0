import { describe, expect, it } from 'vitest';
import type { Cartella } from './cartella';
import { conflitti, risolviConflitto } from './conflitti';
import { aggiornaAnagrafica } from './anagrafica';
import { alle, cartellaAperta, certo, EQUIPE, replica, sincronizza } from './fixtures';
import type { AuthorKey, ScritturaId } from './ids';
import { aggiungiMembro, revocaMembro } from './members';
import { comeChiaveBox, comeChiaveFirma } from './members-chiavi';
import { accettaConsegna, registraChiaveBox, registraConsegna, type ConsegnaInput } from './members-consegna';
import { consegneInAttesa, membriAttivi, storiaConsegne } from './members-storia';
import { chiaveProva } from './members-fixtures';
import { leggiAdmin } from './vista-admin';
import { leggiCartella } from './vista';
import { verificaCartella } from './verifica';

const CARLA = chiaveProva(1); // assistente sociale who receives the cartella
const CARLA_BOX = chiaveProva(2);
const DARIO = chiaveProva(3); // amministrativo

const aCarla = (extra: Partial<ConsegnaInput> = {}): ConsegnaInput =>
  ({ chiave: CARLA, chiaveBox: CARLA_BOX, nome: 'Carla Corti', ruolo: 'assistente_sociale', consenso: true, ...extra });
const membro = (c: Cartella, k: AuthorKey) => leggiAdmin(c.admin).vista.membri.find((m) => m.chiave === k);

describe('hand-over of keys (registraConsegna)', () => {
  it('records who gave which keys to whom, when and with which consent; the receiver joins the roster pending acceptance', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraConsegna(c, aCarla({ data: '2024-02-01' }), alle('2024-02-02')));
    expect(membro(c, CARLA)).toMatchObject({
      nome: 'Carla Corti', ruolo: 'assistente_sociale', aggiuntoIl: '2024-02-01', chiaveBox: CARLA_BOX,
      consegna: { da: EQUIPE.rossa, chiavi: 'equipe', data: '2024-02-01', consenso: true },
    });
    const v = leggiAdmin(c.admin).vista;
    expect(consegneInAttesa(v, new Date('2024-02-02')).map((x) => [x.membro, x.da, x.chiavi])).toEqual([[CARLA, EQUIPE.rossa, 'equipe']]);
    // Pending members are on the roster: their writes are attributed to them.
    expect(aggiornaAnagrafica(c, { telefono: '035 1' }, alle('2024-02-02', CARLA)).ok).toBe(true);
    expect(verificaCartella(c)).toEqual([]);
  });

  it('without the person\'s consent a written reason is required, and recorded', () => {
    const c = cartellaAperta('2024-01-10');
    expect(registraConsegna(c, aCarla({ consenso: false }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'motivo_consegna_mancante' });
    expect(registraConsegna(c, aCarla({ consenso: false, motivo: '   ' }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'motivo_consegna_mancante' });
    expect(membro(c, CARLA)).toBeUndefined();
    certo(registraConsegna(c, aCarla({ consenso: false, motivo: 'Sostituzione per maternità della titolare' }), alle('2024-02-01')));
    expect(membro(c, CARLA)?.consegna).toEqual({ da: EQUIPE.rossa, chiavi: 'equipe', data: '2024-02-01', consenso: false, motivo: 'Sostituzione per maternità della titolare' });
  });

  it('administrative staff receive the admin key only; only social workers hand over; an équipe hand-over needs the prof part', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraConsegna(c, { chiave: DARIO, nome: 'Dario Dori', ruolo: 'amministrativo', consenso: true }, alle('2024-02-01')));
    expect(membro(c, DARIO)?.consegna?.chiavi).toBe('amministrativo');
    expect(registraConsegna(c, aCarla(), alle('2024-02-01', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(registraConsegna(c, aCarla(), alle('2024-02-01', EQUIPE.gialla))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    expect(registraConsegna(c, aCarla(), alle('2024-02-01', EQUIPE.estranea))).toMatchObject({ ok: false, code: 'autore_non_membro' });
    const soloAdmin: Cartella = { admin: replica(c).admin, prof: null };
    expect(registraConsegna(soloAdmin, aCarla(), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'parte_professionale_assente' });
  });

  it('refuses malformed keys, a future date and a colleague already on the roster', () => {
    const c = cartellaAperta('2024-01-10');
    const ultima = CARLA.slice(0, 42);
    for (const chiave of ['corta', `${ultima}B`, 'A'.repeat(43), `${ultima}=`]) {
      expect(registraConsegna(c, aCarla({ chiave }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    }
    expect(registraConsegna(c, aCarla({ chiaveBox: 'x' }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(registraConsegna(c, aCarla({ chiaveBox: CARLA }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(registraConsegna(c, aCarla({ data: '2024-02-05' }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'data_futura' });
    expect(registraConsegna(c, aCarla({ data: '2024-02-30' }), alle('2024-02-01'))).toMatchObject({ ok: false, code: 'data_non_valida' });
    certo(registraConsegna(c, aCarla(), alle('2024-02-01')));
    expect(registraConsegna(c, aCarla(), alle('2024-02-02'))).toMatchObject({ ok: false, code: 'membro_gia_presente' });
    expect(comeChiaveBox(CARLA_BOX)).toBe(CARLA_BOX);
    expect(comeChiaveFirma(`${ultima}B`)).toBeUndefined();
  });
});

describe('acceptance by the receiver (accettaConsegna)', () => {
  it('only the receiver accepts, from their own device, with its X25519 key; then the hand-over is no longer pending', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraConsegna(c, aCarla({ chiaveBox: undefined, data: '2024-02-01' }), alle('2024-02-01')));
    const input = { chiave: CARLA, chiaveBox: CARLA_BOX };
    expect(accettaConsegna(c, input, alle('2024-02-02'))).toMatchObject({ ok: false, code: 'non_destinatario' });
    expect(accettaConsegna(c, input, alle('2024-02-02', EQUIPE.estranea))).toMatchObject({ ok: false, code: 'autore_non_membro' });
    expect(accettaConsegna(c, { chiave: EQUIPE.blu, chiaveBox: CARLA_BOX }, alle('2024-02-02', EQUIPE.blu))).toMatchObject({ ok: false, code: 'consegna_inesistente' });
    expect(accettaConsegna(c, { chiave: CARLA, chiaveBox: 'no' }, alle('2024-02-02', CARLA))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(accettaConsegna(c, { ...input, data: '2024-01-31' }, alle('2024-02-02', CARLA))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    certo(accettaConsegna(c, input, alle('2024-02-02', CARLA)));
    expect(membro(c, CARLA)).toMatchObject({ chiaveBox: CARLA_BOX, accettazione: { data: '2024-02-02' }, consegna: { da: EQUIPE.rossa } });
    expect(consegneInAttesa(leggiAdmin(c.admin).vista, new Date('2024-02-02'))).toEqual([]);
    expect(accettaConsegna(c, input, alle('2024-02-03', CARLA))).toMatchObject({ ok: false, code: 'consegna_gia_accettata' });
  });

  it('a member records the X25519 key of their own device', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraChiaveBox(c, { chiaveBox: CARLA_BOX }, alle('2024-01-11')));
    expect(membro(c, EQUIPE.rossa)?.chiaveBox).toBe(CARLA_BOX);
    expect(registraChiaveBox(c, { chiaveBox: 'x' }, alle('2024-01-11'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(registraChiaveBox(c, { chiaveBox: CARLA_BOX }, alle('2024-01-11', EQUIPE.estranea))).toMatchObject({ ok: false, code: 'autore_non_membro' });
  });
});

describe('revocation and the hand-over log', () => {
  it('revocaMembro records who removed whom, when and why, keeping the hand-over; a new hand-over readmits', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraConsegna(c, aCarla({ data: '2024-02-01' }), alle('2024-02-01')));
    certo(accettaConsegna(c, { chiave: CARLA, chiaveBox: CARLA_BOX }, alle('2024-02-02', CARLA)));
    expect(revocaMembro(c, { chiave: CARLA, motivo: '' }, alle('2024-03-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    certo(revocaMembro(c, { chiave: CARLA, motivo: 'Trasferita ad altro ambito' }, alle('2024-03-01', EQUIPE.blu)));
    expect(membro(c, CARLA)).toMatchObject({
      revocatoIl: '2024-03-01', revoca: { da: EQUIPE.blu, motivo: 'Trasferita ad altro ambito' },
      consegna: { da: EQUIPE.rossa }, accettazione: { data: '2024-02-02' },
    });
    expect(aggiornaAnagrafica(c, { telefono: '1' }, alle('2024-03-02', CARLA))).toMatchObject({ ok: false, code: 'autore_non_membro' });
    certo(registraConsegna(c, aCarla({ consenso: false, motivo: 'Rientro in servizio', data: '2024-04-01' }), alle('2024-04-01', EQUIPE.blu)));
    expect(membro(c, CARLA)).toMatchObject({ chiaveBox: CARLA_BOX, consegna: { da: EQUIPE.blu, data: '2024-04-01' } });
    expect(membro(c, CARLA)?.revocatoIl).toBeUndefined();
    expect(membro(c, CARLA)?.accettazione).toBeUndefined();

    const log = storiaConsegne(c.admin).filter((e) => e.membro === CARLA);
    expect(log.map((e) => [e.tipo, e.da, e.data, e.motivo])).toEqual([
      ['consegna', EQUIPE.rossa, '2024-02-01', undefined],
      ['accettazione', CARLA, '2024-02-02', undefined],
      ['revoca', EQUIPE.blu, '2024-03-01', 'Trasferita ad altro ambito'],
      ['consegna', EQUIPE.blu, '2024-04-01', 'Rientro in servizio'],
    ]);
    expect(log[0]).toMatchObject({ chiavi: 'equipe', consenso: true, autore: EQUIPE.rossa });
    expect(log[1]?.autore).toBe(CARLA);
  });

  it('the log names the founder, legacy additions and new device keys; active members are listed by role', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraChiaveBox(c, { chiaveBox: CARLA_BOX }, alle('2024-01-12')));
    const log = storiaConsegne(c.admin);
    expect(log.map((e) => [e.tipo, e.membro, e.da])).toEqual([
      ['fondazione', EQUIPE.rossa, EQUIPE.rossa],
      ['aggiunta', EQUIPE.blu, EQUIPE.rossa],
      ['aggiunta', EQUIPE.verde, EQUIPE.rossa],
      ['aggiunta', EQUIPE.gialla, EQUIPE.rossa],
      ['chiave_box', EQUIPE.rossa, EQUIPE.rossa],
    ]);
    certo(revocaMembro(c, { chiave: EQUIPE.gialla, data: '2024-01-20' }, alle('2024-01-15')));
    const v = leggiAdmin(c.admin).vista;
    expect(membriAttivi(v, new Date('2024-01-16'), ['educatore']).map((m) => m.chiave)).toEqual([EQUIPE.gialla]);
    expect(membriAttivi(v, new Date('2024-01-21'), ['educatore'])).toEqual([]);
    expect(membriAttivi(v, new Date('2024-01-21')).map((m) => m.nome)).toEqual(['Anna Rossa', 'Bruno Blu', 'Vera Verde']);
  });

  it('a stored hand-over that breaks the rules (no consent and no reason, keys not matching the role) is skipped and reported', () => {
    const c = cartellaAperta('2024-01-10');
    const altro = replica(c);
    const scrivi = (id: string, k: string, valore: unknown): void => {
      altro.admin.getMap('members').set(id, { campo: k, valore, sostituisce: [], autore: EQUIPE.rossa, il: '2024-02-01T09:00:00.000Z' });
    };
    scrivi('zz-1', CARLA, { nome: 'Carla', ruolo: 'assistente_sociale', aggiuntoIl: '2024-02-01', consegna: { da: EQUIPE.rossa, chiavi: 'equipe', data: '2024-02-01', consenso: false } });
    scrivi('zz-2', DARIO, { nome: 'Dario', ruolo: 'amministrativo', aggiuntoIl: '2024-02-01', consegna: { da: EQUIPE.rossa, chiavi: 'equipe', data: '2024-02-01', consenso: true } });
    sincronizza(altro.admin, c.admin);
    const v = leggiCartella(c).admin;
    expect(v.membri.map((m) => m.chiave)).not.toContain(CARLA);
    expect(v.membri.map((m) => m.chiave)).not.toContain(DARIO);
    expect(v.problemi.filter((p) => p.sezione === 'members')).toHaveLength(2);
  });

  it('an acceptance and a revocation made apart are a visible conflict that a social worker resolves', () => {
    const a = cartellaAperta('2024-01-10');
    certo(registraConsegna(a, aCarla(), alle('2024-02-01')));
    const b = replica(a);
    certo(accettaConsegna(a, { chiave: CARLA, chiaveBox: CARLA_BOX }, alle('2024-02-02', CARLA, '09:00')));
    certo(revocaMembro(b, { chiave: CARLA, motivo: 'Consegna inviata per errore' }, alle('2024-02-02', EQUIPE.blu)));
    sincronizza(a.admin, b.admin);
    sincronizza(b.admin, a.admin);
    const cf = conflitti(a.admin);
    expect(cf.map((x) => [x.sezione, x.campo])).toEqual([['members', CARLA]]);
    expect(leggiCartella(a)).toEqual(leggiCartella(b));
    expect(storiaConsegne(a.admin)).toEqual(storiaConsegne(b.admin));
    expect(storiaConsegne(a.admin).filter((e) => e.membro === CARLA).map((e) => e.tipo)).toEqual(['consegna', 'accettazione', 'revoca']);
    const revoca = cf[0]?.valori.find((x) => (x.valore as { revocatoIl?: string }).revocatoIl)?.scrittura as ScritturaId;
    expect(risolviConflitto(a, { sezione: 'members', campo: CARLA, scelta: revoca }, alle('2024-02-03', EQUIPE.verde))).toMatchObject({ ok: false, code: 'ruolo_non_autorizzato' });
    certo(risolviConflitto(a, { sezione: 'members', campo: CARLA, scelta: revoca }, alle('2024-02-03')));
    expect(membro(a, CARLA)?.revocatoIl).toBe('2024-02-02');
    expect(storiaConsegne(a.admin).filter((e) => e.membro === CARLA)).toHaveLength(3);
  });

  it('aggiungiMembro still adds without a hand-over record and keeps a readmitted member\'s device key', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraConsegna(c, aCarla(), alle('2024-02-01')));
    certo(revocaMembro(c, { chiave: CARLA }, alle('2024-02-02')));
    certo(aggiungiMembro(c, { chiave: CARLA, nome: 'Carla Corti', ruolo: 'psicologo' }, alle('2024-02-03')));
    expect(membro(c, CARLA)).toMatchObject({ ruolo: 'psicologo', chiaveBox: CARLA_BOX });
    expect(membro(c, CARLA)?.consegna).toBeUndefined();
    expect(storiaConsegne(c.admin).filter((e) => e.membro === CARLA).map((e) => e.tipo)).toEqual(['consegna', 'revoca', 'aggiunta']);
  });
});
