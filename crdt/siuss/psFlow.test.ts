import { describe, expect, it } from 'vitest';
import {
  aggiornaAnagrafica, conflitti, leggiAdmin, recordSiuss, registraIsee, registraPrestazione, risolviConflitto, type ScritturaId,
} from '../model';
import { alle, certo, EQUIPE, replica, sincronizza } from '../model/fixtures';
import { describeExclusion } from './outcome';
import { exportPrestazioniSociali } from './psFlow';
import { corvettiIncompleto, DENOMINAZIONE_SPECIALE, PERIODO, RICHIESTA, tessandri } from './testkit/fixture';

function esporta(...args: Parameters<typeof exportPrestazioniSociali>) {
  const r = exportPrestazioniSociali(...args);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

describe('PS/PSA flow', () => {
  it('exports the prestazioni delivered in the period and leaves out, unreported, those outside it', () => {
    const t = tessandri();
    const o = esporta([t.cartella], RICHIESTA);
    expect(o.exported).toBe(2);
    expect(o.beneficiaries).toBe(1);
    expect(o.xml).toContain('CodicePrestazione="A1.05"');
    expect(o.xml).toContain('CodicePrestazione="A3.02"');
    expect(o.xml).not.toContain('B1.01');
    expect(o.excluded.map((e) => e.prestazioneId)).not.toContain(t.futura);
  });

  it('writes the beneficiary, the residence, the DSU of a benefit subject to ISEE and the derived PresaCarico and AreaUtenza', () => {
    const o = esporta([tessandri().cartella], RICHIESTA);
    expect(o.xml).toContain('<Beneficiario CodiceFiscale="TSSMRT40A41X001R">');
    expect(o.xml).toContain('<Anagrafica Cognome="Tessandri" Nome="Marta" AnnoNascita="1940" LuogoNascita="X001" Genere="2" CodiceCittadinanza="100"/>');
    expect(o.xml).toContain('<Indirizzo CodiceRegione="99" CodiceComune="999001" CodiceNazione="380"/>');
    expect(o.xml).toContain('NumeroProtocolloDSU="INPS-ISEE-2024-00000001X-00" AnnoProtocolloDSU="2024" DataDSU="2024-01-15"');
    expect(o.xml).toContain('ImportoQuotaUtente="40.5" OreServizioMensile="12.5" PresaCarico="1" AreaUtenza="2"');
    // The one-off benefit is not subject to ISEE: no DSU attributes on it.
    expect(o.xml).toMatch(/<PrestazioniSociali TipoOperazione="I" PresenzaProvaMezzi="4" CaratterePrestazione="2" CodicePrestazione="A3.02"/);
  });

  it('escapes the markup characters of a value instead of breaking the document', () => {
    const o = esporta([tessandri().cartella], RICHIESTA);
    expect(o.xml).toContain('DenominazionePrestazione="Assistenza domiciliare &amp; pasti &lt;SAD&gt; &quot;a casa&quot; dell&apos;anziana"');
    expect(o.xml).not.toContain(DENOMINAZIONE_SPECIALE);
  });

  it('a prestazione without any date is reported, not exported', () => {
    const t = tessandri();
    const o = esporta([t.cartella], RICHIESTA);
    expect(o.excluded).toEqual([{
      cartellaId: 'cartella-tessandri', prestazioneId: t.senzaDate,
      fields: [{ field: 'DataPrestazione', label: 'Data della prestazione (inizio, erogazione o evento)', reason: 'missing' }],
    }]);
    expect(o.xml).not.toContain('A1.99');
  });

  it("an incomplete anagrafica excludes the cartella's prestazioni, listing the model's missing fields with Italian labels", () => {
    const k = corvettiIncompleto();
    const o = esporta([k.cartella, tessandri().cartella], RICHIESTA);
    const v = leggiAdmin(k.cartella.admin).vista;
    const mancanti = recordSiuss(v, v.prestazioni[0]!).mancanti;
    const escluse = o.excluded.filter((e) => e.cartellaId === 'cartella-corvetti');
    expect(escluse).toEqual([{
      cartellaId: 'cartella-corvetti', prestazioneId: k.prestazione,
      fields: [
        { field: 'CodiceFiscale', label: 'Codice fiscale', reason: 'missing' },
        { field: 'Genere', label: 'Genere', reason: 'missing' },
        { field: 'CodiceCittadinanza', label: 'Cittadinanza (codice)', reason: 'missing' },
        { field: 'CodiceComune', label: 'Comune di residenza (codice ISTAT)', reason: 'missing' },
      ],
    }]);
    expect(escluse[0]?.fields.map((f) => f.field)).toEqual(mancanti);
    expect(o.xml).not.toContain('Corvetti');
    expect(o.exported).toBe(2);
    expect(describeExclusion(escluse[0]!)).toBe(
      'Prestazione non inviata a SIUSS — da compilare: Codice fiscale, Genere, Cittadinanza (codice), Comune di residenza (codice ISTAT).',
    );
  });

  it('when nothing can be exported there is no XML (an empty flow is not valid), only the list of exclusions', () => {
    const o = esporta([corvettiIncompleto().cartella], RICHIESTA);
    expect(o).toMatchObject({ xml: null, exported: 0, beneficiaries: 0 });
    expect(o.excluded).toHaveLength(1);
    expect(esporta([], RICHIESTA)).toEqual({ xml: null, exported: 0, beneficiaries: 0, excluded: [] });
  });

  it('the flow does not depend on the order the cartelle are given in', () => {
    const a = tessandri().cartella;
    const b = corvettiIncompleto().cartella;
    expect(esporta([a, b], RICHIESTA)).toEqual(esporta([b, a], RICHIESTA));
  });

  it('a value with a character XML 1.0 cannot carry is reported as invalid, never stripped', () => {
    const t = tessandri();
    const id = certo(registraPrestazione(t.cartella, {
      codicePrestazione: 'A1.06', denominazione: 'Pasti a\u0001domicilio', protocolloDomanda: 'PG/2024/99', presenzaProvaMezzi: '4', dataInizio: '2024-04-01',
    }, alle('2024-04-01', EQUIPE.verde)));
    const o = esporta([t.cartella], RICHIESTA);
    expect(o.excluded.find((e) => e.prestazioneId === id)?.fields).toEqual([
      { field: 'DenominazionePrestazione', label: 'Denominazione della prestazione', reason: 'invalid' },
    ]);
    expect(o.xml).not.toContain('A1.06');
    expect(o.exported).toBe(2);
  });

  it('lengths are counted in characters as the schema does: 10 UTF-16 units of emoji are too short a denomination', () => {
    const t = tessandri();
    const id = certo(registraPrestazione(t.cartella, {
      codicePrestazione: 'A1.07', denominazione: '🏠🏠🏠🏠🏠', protocolloDomanda: 'PG/2024/98', presenzaProvaMezzi: '4', dataInizio: '2024-04-01',
    }, alle('2024-04-01', EQUIPE.verde)));
    const o = esporta([t.cartella], RICHIESTA);
    expect(o.excluded.find((e) => e.prestazioneId === id)?.fields.map((f) => [f.field, f.reason])).toEqual([['DenominazionePrestazione', 'invalid']]);
  });

  it('a field in unresolved conflict excludes the prestazione until a person resolves it', () => {
    const a = tessandri().cartella;
    const b = replica(a);
    certo(aggiornaAnagrafica(a, { cognome: 'Tessandri Rossi' }, alle('2024-05-01')));
    certo(aggiornaAnagrafica(b, { cognome: 'Tesandri' }, alle('2024-05-01', EQUIPE.verde)));
    sincronizza(a.admin, b.admin);
    sincronizza(b.admin, a.admin);
    const prima = esporta([a], RICHIESTA);
    expect(prima.exported).toBe(0);
    expect(prima.excluded).toHaveLength(3);
    for (const e of prima.excluded) expect(e.fields).toContainEqual({ field: 'Cognome', label: 'Cognome', reason: 'conflict' });
    const scelta = conflitti(a.admin)[0]?.valori.find((x) => x.valore === 'Tessandri Rossi')?.scrittura as ScritturaId;
    certo(risolviConflitto(a, { sezione: 'anagrafica', campo: 'cognome', scelta }, alle('2024-05-02')));
    const dopo = esporta([a], RICHIESTA);
    expect(dopo.exported).toBe(2);
    expect(dopo.xml).toContain('Cognome="Tessandri Rossi"');
  });

  it('a conflict on the ISEE attestation excludes only the prestazioni subject to ISEE', () => {
    const t = tessandri();
    const b = replica(t.cartella);
    certo(registraIsee(t.cartella, { valore: 9000, dataAttestazione: '2024-05-01', dataDsu: '2024-04-30' }, alle('2024-05-01')));
    certo(registraIsee(b, { valore: 9100, dataAttestazione: '2024-05-01', dataDsu: '2024-04-29' }, alle('2024-05-01', EQUIPE.verde)));
    sincronizza(b.admin, t.cartella.admin);
    const o = esporta([t.cartella], RICHIESTA);
    expect(o.excluded.find((e) => e.prestazioneId === t.sad)?.fields.map((f) => [f.field, f.reason])).toEqual([
      ['NumeroProtocolloDSU', 'conflict'], ['AnnoProtocolloDSU', 'conflict'], ['DataDSU', 'conflict'],
    ]);
    expect(o.xml).toContain('CodicePrestazione="A3.02"');
    expect(o.exported).toBe(1);
  });

  it('refuses the same cartella twice, and an unusable request, without exporting anything', () => {
    const a = tessandri().cartella;
    expect(exportPrestazioniSociali([a, replica(a)], RICHIESTA)).toMatchObject({ ok: false, code: 'duplicate_cartella' });
    expect(exportPrestazioniSociali([a], { ...RICHIESTA, periodo: { dal: PERIODO.al, al: PERIODO.dal } })).toMatchObject({ ok: false, code: 'invalid_period' });
  });
});
