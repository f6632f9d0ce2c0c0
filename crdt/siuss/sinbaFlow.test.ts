import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../../crypto';
import { aggiornaAnagrafica, aggiornaSchedaSinba, registraPrestazione, type DataIso } from '../model';
import { alle, certo, EQUIPE, replica, sincronizza } from '../model/fixtures';
import { parsePseudonymKeyText, pseudonymKeyText, sinbaPseudonym } from './pseudonym';
import { ageOn, exportSinba, fasciaEta, fasciaIsee, mancantiSinba } from './sinbaFlow';
import { SCHEDA_ATTRIBUTES } from './sinbaSchema';
import { bragettiMinore, CHIAVE, cf, RICHIESTA_SINBA, tessandri } from './testkit/fixture';

beforeAll(async () => {
  await initSodium();
});

function esporta(...args: Parameters<typeof exportSinba>) {
  const r = exportSinba(...args);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

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
    expect(o.xml).toContain('TitoloStudioMadre="5"');
    expect(o.xml).toContain('DataPrimaSegnalazione="01/2024"'); // stored as 2024-01, sent as SINBA writes months
    expect(o.xml).toContain('<Famiglia>\n      <ComposizioneFamiglia>1</ComposizioneFamiglia>\n      <ComposizioneFamiglia>3</ComposizioneFamiglia>\n    </Famiglia>');
  });

  it('the scheda is read from the cartella: without one the minor is reported with every required SINBA field, in Italian, and nothing is exported', () => {
    const b = bragettiMinore(false);
    const o = esporta([b.cartella], RICHIESTA_SINBA);
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

  it('a scheda field cleared is missing; a field changed concurrently is in conflict: the minor is reported, nothing is chosen', () => {
    const b = bragettiMinore();
    certo(aggiornaSchedaSinba(b.cartella, { valutazioneMinore: null }, alle('2024-05-01')));
    const altra = replica(b.cartella);
    certo(aggiornaSchedaSinba(b.cartella, { luogoVita: '2' }, alle('2024-05-02')));
    certo(aggiornaSchedaSinba(altra, { luogoVita: '3' }, alle('2024-05-02', EQUIPE.blu)));
    sincronizza(altra.admin, b.cartella.admin);
    const o = esporta([b.cartella], RICHIESTA_SINBA);
    expect(o.xml).toBeNull();
    expect(o.excluded[0]?.fields).toEqual([
      { field: 'LuogoVita', label: 'Luogo di vita del minore', reason: 'conflict' },
      { field: 'ValutazioneMinore', label: 'Valutazione del minore', reason: 'missing' },
    ]);
  });

  it('what the cartella screen lists as missing is what the export would report, before any prestazione or key', () => {
    const b = bragettiMinore(false);
    certo(aggiornaAnagrafica(b.cartella, { codiceFiscale: null }, alle('2024-05-01')));
    const m = mancantiSinba(b.cartella, new Date('2024-05-01T10:00:00Z'));
    expect(m.map((f) => f.field).sort()).toEqual(
      [...SCHEDA_ATTRIBUTES.filter((a) => a.required).map((a) => a.name), 'ComposizioneFamiglia', 'IDBeneficiario'].sort(),
    );
    expect(mancantiSinba(bragettiMinore().cartella, new Date('2024-05-01T10:00:00Z'))).toEqual([]);
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

  it('refuses a missing, short or all-zero pseudonym key', () => {
    const c = [bragettiMinore().cartella];
    for (const k of [new Uint8Array(31), new Uint8Array(32), 'chiave' as unknown as Uint8Array]) {
      expect(exportSinba(c, { ...RICHIESTA_SINBA, chiavePseudonimo: k })).toMatchObject({ ok: false, code: 'invalid_pseudonym_key' });
    }
  });
});

describe('SINBA derived values', () => {
  it('the key is read back from the 64 hexadecimal digits a person pastes; anything else is refused with the same code', () => {
    const testo = pseudonymKeyText(CHIAVE);
    expect(testo).toMatch(/^[0-9a-f]{64}$/);
    expect(parsePseudonymKeyText(` ${testo.slice(0, 32)}\n${testo.slice(32).toUpperCase()} `)).toEqual({ ok: true, value: CHIAVE });
    for (const x of [testo.slice(1), `${testo}0`, testo.replace(/^./, 'g'), '0'.repeat(64), 42]) {
      expect(parsePseudonymKeyText(x)).toMatchObject({ ok: false, code: 'invalid_pseudonym_key' });
    }
  });

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
