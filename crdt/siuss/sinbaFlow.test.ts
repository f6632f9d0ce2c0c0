import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../../crypto';
import { aggiornaAnagrafica, registraPrestazione, type DataIso } from '../model';
import { alle, certo, EQUIPE } from '../model/fixtures';
import { sinbaPseudonym } from './pseudonym';
import { ageOn, exportSinba, fasciaEta, fasciaIsee, type SinbaRequestInput } from './sinbaFlow';
import { SCHEDA_ATTRIBUTES } from './sinbaSchema';
import { bragettiMinore, CHIAVE, cf, RICHIESTA_SINBA, SCHEDA_BRAGETTI, tessandri } from './testkit/fixture';

beforeAll(async () => {
  await initSodium();
});

function esporta(...args: Parameters<typeof exportSinba>) {
  const r = exportSinba(...args);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}
const conScheda = (scheda: Record<string, unknown>): SinbaRequestInput => ({ ...RICHIESTA_SINBA, schede: { 'cartella-bragetti': scheda } });

describe('SINBA flow', () => {
  it('gives a record only to minors; adults are not SINBA business and are not reported', () => {
    const o = esporta([tessandri().cartella, bragettiMinore().cartella], RICHIESTA_SINBA);
    expect(o).toMatchObject({ exported: 1, beneficiaries: 1, excluded: [] });
    expect(o.xml).toContain('<CodicePrestazione>A2.04</CodicePrestazione>');
    expect(o.xml).not.toContain('A1.05');
  });

  it('names the minor by the keyed pseudonym, never by name or codice fiscale', () => {
    const o = esporta([bragettiMinore().cartella], RICHIESTA_SINBA);
    const id = sinbaPseudonym(CHIAVE, cf('BRGLCU12C10X003'));
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(o.xml).toContain(`<SINBA IDBeneficiario="${id}" `);
    for (const s of ['Bragetti', 'Luca', cf('BRGLCU12C10X003')]) expect(o.xml).not.toContain(s);
  });

  it('computes year of birth, age band on the reference day, ISEE band and residence from the cartella', () => {
    const o = esporta([bragettiMinore().cartella], RICHIESTA_SINBA);
    expect(o.xml).toContain('FasciaEtaBeneficiario="4" FasciaISEEBeneficiario="3" AnnoNascita="2012" CodiceRegioneResidenza="99" CodiceNazioneResidenza="380">');
    expect(o.xml).toContain('TitoloStudioMadre="5"'); // given as an integer in the scheda
    expect(o.xml).toContain('<Famiglia>\n      <ComposizioneFamiglia>1</ComposizioneFamiglia>\n      <ComposizioneFamiglia>3</ComposizioneFamiglia>\n    </Famiglia>');
  });

  it('without a scheda the minor is reported with every required SINBA field, in Italian, and nothing is exported', () => {
    const b = bragettiMinore();
    const o = esporta([b.cartella], { ...RICHIESTA_SINBA, schede: {} });
    expect(o.xml).toBeNull();
    expect(o.excluded).toHaveLength(1);
    const fields = o.excluded[0]?.fields ?? [];
    expect(fields.map((f) => f.field).sort()).toEqual(
      [...SCHEDA_ATTRIBUTES.filter((a) => a.required).map((a) => a.name), 'ComposizioneFamiglia'].sort(),
    );
    expect(fields.every((f) => f.reason === 'missing')).toBe(true);
    expect(fields).toContainEqual({ field: 'LuogoVita', label: 'Luogo di vita del minore', reason: 'missing' });
    expect(o.excluded[0]).toMatchObject({ cartellaId: 'cartella-bragetti', prestazioneId: b.prestazione });
  });

  it('a malformed or unknown scheda value excludes the minor and names the field', () => {
    const o = esporta([bragettiMinore().cartella], conScheda({ ...SCHEDA_BRAGETTI, LuogoVita: '9', Colore: 'blu', ComposizioneFamiglia: ['1', '7'], DataPrimaSegnalazione: '2024-01' }));
    expect(o.xml).toBeNull();
    expect(o.excluded[0]?.fields.map((f) => [f.field, f.reason]).sort()).toEqual([
      ['Colore', 'invalid'], ['ComposizioneFamiglia', 'invalid'], ['DataPrimaSegnalazione', 'invalid'], ['LuogoVita', 'invalid'],
    ]);
    expect(o.excluded[0]?.fields.find((f) => f.field === 'Colore')?.label).toBe('Campo non previsto dalla scheda SINBA: Colore');
  });

  it('a scheda may not override what the cartella says (the pseudonym, the age band)', () => {
    const o = esporta([bragettiMinore().cartella], conScheda({ ...SCHEDA_BRAGETTI, IDBeneficiario: 'MARIO', FasciaEtaBeneficiario: '1' }));
    expect(o.excluded[0]?.fields.map((f) => f.field).sort()).toEqual(['FasciaEtaBeneficiario', 'IDBeneficiario']);
  });

  it('a minor without codice fiscale cannot be given a pseudonym and is reported', () => {
    const b = bragettiMinore();
    certo(aggiornaAnagrafica(b.cartella, { codiceFiscale: null }, alle('2024-05-01')));
    const o = esporta([b.cartella], RICHIESTA_SINBA);
    expect(o.excluded[0]?.fields).toEqual([{ field: 'IDBeneficiario', label: 'Codice fiscale (da cui si calcola lo pseudonimo)', reason: 'missing' }]);
  });

  it('without a date of birth nobody can tell whether the person is a minor: the prestazioni are reported', () => {
    const b = bragettiMinore();
    certo(aggiornaAnagrafica(b.cartella, { dataNascita: null }, alle('2024-05-01')));
    const o = esporta([b.cartella], RICHIESTA_SINBA);
    expect(o.excluded[0]?.fields.map((f) => [f.field, f.reason])).toEqual([['FasciaEtaBeneficiario', 'missing'], ['AnnoNascita', 'missing']]);
  });

  it('a minor turning 18 during the period is a minor on the reference day; one already 18 is not in SINBA', () => {
    const b = bragettiMinore();
    certo(aggiornaAnagrafica(b.cartella, { dataNascita: '2006-03-10', codiceFiscale: cf('BRGLCU06C10X003') }, alle('2024-05-01')));
    expect(esporta([b.cartella], RICHIESTA_SINBA).xml).toContain('FasciaEtaBeneficiario="6"');
    certo(aggiornaAnagrafica(b.cartella, { dataNascita: '2006-02-15' }, alle('2024-05-01')));
    expect(esporta([b.cartella], RICHIESTA_SINBA)).toMatchObject({ xml: null, exported: 0, excluded: [] });
  });

  it('lists each prestazione code once, counting every prestazione exported', () => {
    const b = bragettiMinore();
    for (const [codice, inizio] of [['A2.04', '2024-03-01'], ['A2.10', '2024-04-01']] as const) {
      certo(registraPrestazione(b.cartella, {
        codicePrestazione: codice, denominazione: 'Sostegno educativo di gruppo', protocolloDomanda: 'PG/2024/40', presenzaProvaMezzi: '4', dataInizio: inizio,
      }, alle(inizio, EQUIPE.verde)));
    }
    const o = esporta([b.cartella], RICHIESTA_SINBA);
    expect(o.exported).toBe(3);
    expect(o.xml?.match(/<CodicePrestazione>/g)).toHaveLength(2);
  });

  it('refuses a missing, short or all-zero pseudonym key and unreadable schede', () => {
    const c = [bragettiMinore().cartella];
    for (const k of [new Uint8Array(31), new Uint8Array(32), 'chiave' as unknown as Uint8Array]) {
      expect(exportSinba(c, { ...RICHIESTA_SINBA, chiavePseudonimo: k })).toMatchObject({ ok: false, code: 'invalid_pseudonym_key' });
    }
    expect(exportSinba(c, { ...RICHIESTA_SINBA, schede: 'x' as unknown as SinbaRequestInput['schede'] })).toMatchObject({ ok: false, code: 'invalid_schede_sinba' });
  });
});

describe('SINBA derived values', () => {
  it('the pseudonym depends on the key and the codice fiscale only, not on its letter case', () => {
    const x = cf('BRGLCU12C10X003');
    const altra = Uint8Array.from(CHIAVE, (b) => b ^ 0xff);
    expect(sinbaPseudonym(CHIAVE, x)).toBe(sinbaPseudonym(CHIAVE, x.toLowerCase()));
    expect(sinbaPseudonym(altra, x)).not.toBe(sinbaPseudonym(CHIAVE, x));
    expect(sinbaPseudonym(CHIAVE, cf('BRGLCU12C11X003'))).not.toBe(sinbaPseudonym(CHIAVE, x));
  });

  it('age in completed years, and the schema age bands 0-3 … 15-18', () => {
    expect(ageOn('2012-03-10' as DataIso, '2024-03-09' as DataIso)).toBe(11);
    expect(ageOn('2012-03-10' as DataIso, '2024-03-10' as DataIso)).toBe(12);
    expect([0, 2, 3, 5, 6, 9, 12, 15, 17].map(fasciaEta)).toEqual(['1', '1', '2', '2', '3', '4', '5', '6', '6']);
    expect(fasciaEta(18)).toBeUndefined();
    expect(fasciaEta(-1)).toBeUndefined();
  });

  it('ISEE bands from an attestation valid on the day, with the schema thresholds', () => {
    const day = '2024-06-01' as DataIso;
    const isee = (valore: number) => ({ valore, dataAttestazione: '2024-01-20' as DataIso, dataDsu: '2024-01-15' as DataIso });
    expect([0, 0.01, 3000, 3000.01, 6000, 9000, 12000, 15000, 20000, 20000.01].map((v) => fasciaIsee(isee(v), day)))
      .toEqual(['1', '2', '2', '3', '3', '4', '5', '6', '7', '8']);
    expect(fasciaIsee(isee(100), '2025-01-01' as DataIso)).toBeUndefined(); // DSU expired on 31 December
    expect(fasciaIsee(isee(100), '2024-01-10' as DataIso)).toBeUndefined(); // DSU filed after the day
    expect(fasciaIsee(undefined, day)).toBeUndefined();
  });
});
