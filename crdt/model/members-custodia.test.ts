import { describe, expect, it } from 'vitest';
import { avvisi } from './avvisi';
import { confermaChiusura, proponiChiusura } from './chiusura';
import type { Cartella } from './cartella';
import { creaCartella } from './crea';
import { alle, cartellaAperta, certo, EQUIPE } from './fixtures';
import { revocaMembro } from './members';
import { accettaConsegna, registraConsegna } from './members-consegna';
import { custodiaChiavi, destinatariChiavi } from './members-custodia';
import { chiaveProva } from './members-fixtures';
import { leggiAdmin } from './vista-admin';

const CARLA = chiaveProva(11);
const DARIO = chiaveProva(12);
const BOX = chiaveProva(13);
const IL = new Date('2024-02-10T10:00:00+01:00');

const nuova = (): Cartella => certo(creaCartella({ id: 'cartella-custodia', nome: 'Anna Rossa', ruolo: 'assistente_sociale' }, alle('2024-02-01')));
const codiciChiavi = (c: Cartella, io = EQUIPE.rossa, recupero = false): string[] =>
  avvisi(c, IL, { io, recupero }).map((a) => a.codice).filter((k) => k.includes('chiav') || k.includes('consegna'));

describe('custody of the keys (custodiaChiavi, avvisi)', () => {
  it('a new cartella lives on this device only, unless the ente\'s recovery key is configured', () => {
    const c = nuova();
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: EQUIPE.rossa, recupero: false }, IL)).toMatchObject({ admin: [], prof: [], copieAdmin: 1, copieProf: 1 });
    expect(codiciChiavi(c)).toEqual(['chiavi_solo_su_questo_dispositivo']);
    expect(avvisi(c, IL, { io: EQUIPE.rossa, recupero: false })[0]).toMatchObject({ codice: 'chiavi_solo_su_questo_dispositivo', gravita: 'critico' });
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: EQUIPE.rossa, recupero: true }, IL)).toMatchObject({ copieAdmin: 2, copieProf: 2 });
    expect(codiciChiavi(c, EQUIPE.rossa, true)).toEqual([]);
  });

  it('without the custody input avvisi report nothing about keys (callers that do not know the device are unchanged)', () => {
    expect(avvisi(nuova(), IL).map((a) => a.codice).filter((k) => k.includes('chiav'))).toEqual([]);
  });

  it('a hand-over counts once the receiver accepted it; until then it is pending', () => {
    const c = nuova();
    certo(registraConsegna(c, { chiave: CARLA, nome: 'Carla', ruolo: 'assistente_sociale', consenso: true }, alle('2024-02-02')));
    expect(codiciChiavi(c)).toEqual(['chiavi_solo_su_questo_dispositivo', 'consegna_da_accettare']);
    expect(avvisi(c, IL, { io: CARLA, recupero: false }).find((a) => a.codice === 'consegna_da_accettare')?.messaggio).toContain('conferma');
    certo(accettaConsegna(c, { chiave: CARLA, chiaveBox: BOX }, alle('2024-02-03', CARLA)));
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: EQUIPE.rossa, recupero: false }, IL)).toMatchObject({ admin: [CARLA], prof: [CARLA], copieAdmin: 2, copieProf: 2, inAttesa: [] });
    expect(codiciChiavi(c)).toEqual([]);
    // Seen from Carla's device, the founder holds the keys too.
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: CARLA, recupero: false }, IL)).toMatchObject({ admin: [EQUIPE.rossa], prof: [EQUIPE.rossa] });
    certo(revocaMembro(c, { chiave: CARLA, motivo: 'Trasferita' }, alle('2024-02-05')));
    expect(codiciChiavi(c)).toEqual(['chiavi_solo_su_questo_dispositivo']);
  });

  it('when only administrative staff hold the admin key, the prof part still lives here only', () => {
    const c = nuova();
    certo(registraConsegna(c, { chiave: DARIO, nome: 'Dario', ruolo: 'amministrativo', consenso: true }, alle('2024-02-02')));
    certo(accettaConsegna(c, { chiave: DARIO, chiaveBox: BOX }, alle('2024-02-02', DARIO)));
    expect(codiciChiavi(c)).toEqual(['chiave_prof_solo_su_questo_dispositivo']);
    // The administrative device holds no prof key: nothing to warn about there.
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: DARIO, recupero: false }, IL)).toMatchObject({ ioProf: false, copieProf: 1, admin: [EQUIPE.rossa] });
    expect(codiciChiavi(c, DARIO)).toEqual([]);
  });

  it('members added before hand-overs were recorded are not counted as holders; a device not on the roster gets no custody avvisi', () => {
    const c = cartellaAperta('2024-01-10');
    const k = custodiaChiavi(leggiAdmin(c.admin).vista, { io: EQUIPE.rossa, recupero: false }, IL);
    expect([...(k?.nonConfermati ?? [])].sort()).toEqual([EQUIPE.blu, EQUIPE.verde, EQUIPE.gialla].sort());
    expect(codiciChiavi(c)).toEqual(['chiavi_solo_su_questo_dispositivo']);
    expect(custodiaChiavi(leggiAdmin(c.admin).vista, { io: EQUIPE.estranea, recupero: false }, IL)).toBeUndefined();
    expect(codiciChiavi(c, EQUIPE.estranea)).toEqual([]);
  });

  it('lists the active colleagues to seal the keys to, with their X25519 key and the keys their role holds', () => {
    const c = nuova();
    certo(registraConsegna(c, { chiave: CARLA, nome: 'Carla', ruolo: 'educatore', consenso: true }, alle('2024-02-02')));
    certo(registraConsegna(c, { chiave: DARIO, chiaveBox: BOX, nome: 'Dario', ruolo: 'amministrativo', consenso: true }, alle('2024-02-02')));
    expect(destinatariChiavi(leggiAdmin(c.admin).vista, EQUIPE.rossa, IL)).toEqual([
      { chiave: CARLA, chiavi: 'equipe' },
      { chiave: DARIO, chiaveBox: BOX, chiavi: 'amministrativo' },
    ]);
    certo(revocaMembro(c, { chiave: DARIO }, alle('2024-02-03')));
    expect(destinatariChiavi(leggiAdmin(c.admin).vista, EQUIPE.rossa, IL).map((d) => d.chiave)).toEqual([CARLA]);
  });

  it('a closed cartella still warns when its keys live on one device', () => {
    const c = cartellaAperta('2024-01-10');
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-02-01' }, alle('2024-02-01')));
    certo(confermaChiusura(c, { data: '2024-02-02' }, alle('2024-02-02')));
    expect(codiciChiavi(c)).toEqual(['chiavi_solo_su_questo_dispositivo']);
  });
});
