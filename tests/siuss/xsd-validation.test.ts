/**
 * The SIUSS flows against INPS's official schemas, with a real validator (xmllint): a fixture
 * with known values checked attribute by attribute, the deterministic demo data, exclusions of
 * incomplete prestazioni, and positive controls proving xmllint does reject invalid files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../../crypto';
import { aggiornaAnagrafica, leggiCartella, leggiSchedaSinba, registraPrestazione, type Cartella } from '../../crdt/model';
import { creaDemo } from '../../crdt/model/demo';
import { alle, certo, EQUIPE, replica } from '../../crdt/model/fixtures';
import { exportPrestazioniSociali, exportSinba, sinbaPseudonym, type ExportOutcome, type SiussResult } from '../../crdt/siuss';
import {
  bragettiMinore, CHIAVE, cf, corvettiIncompleto, DENOMINAZIONE_SPECIALE, ENTE, RICHIESTA, RICHIESTA_SINBA, SCHEDA_BRAGETTI, tessandri,
} from '../../crdt/siuss/testkit/fixture';
import { attributesAt, validate, xpath, XmlFiles, XSD_PS, XSD_SINBA } from './xmllint';

let files: XmlFiles;
beforeAll(async () => {
  await initSodium();
  files = new XmlFiles();
});
afterAll(() => files?.dispose());

function xmlOf(r: SiussResult<ExportOutcome>): { outcome: ExportOutcome; xml: string } {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  if (r.value.xml === null) throw new Error('nothing exported');
  return { outcome: r.value, xml: r.value.xml };
}

/** Writes `xml`, validates it against `xsd` and fails with xmllint's report when invalid. */
function validFile(name: string, xml: string, xsd: string): string {
  const f = files.write(name, xml);
  const v = validate(xsd, f);
  expect(v.output).toContain('validates');
  expect(v.valid).toBe(true);
  return f;
}

describe('fixture flows validate against the official XSDs, value by value', () => {
  const tess = tessandri();
  const parti = [tess.cartella, corvettiIncompleto().cartella, bragettiMinore().cartella];

  it('the PS/PSA flow validates against PS_PSA_SINA201812.xsd and carries exactly the known values', () => {
    const { outcome, xml } = xmlOf(exportPrestazioniSociali(parti, RICHIESTA));
    const f = validFile('ps-fixture', xml, XSD_PS);
    expect(xpath(f, 'name(/*)')).toBe('Flusso');
    expect(xpath(f, 'namespace-uri(/*)')).toBe('http://inps.it/Casellario');
    expect(xpath(f, "count(/*/*[local-name()='Beneficiario'])")).toBe('2');
    expect(outcome).toMatchObject({ exported: 3, beneficiaries: 2 });
    expect(attributesAt(f, '/Flusso/IdentificazioneFlusso')).toEqual({ Nome: 'PS-2024-S1' });
    expect(attributesAt(f, '/Flusso/IdentificazioneFlusso/Ente')).toEqual({
      Codice: ENTE.codice, Denominazione: ENTE.denominazione, Indirizzo: 'X001', CFOperatore: ENTE.cfOperatore,
    });
    const b = `/Flusso/Beneficiario[@CodiceFiscale='${cf('TSSMRT40A41X001')}']`;
    expect(attributesAt(f, `${b}/Anagrafica`)).toEqual({
      Cognome: 'Tessandri', Nome: 'Marta', AnnoNascita: '1940', LuogoNascita: 'X001', Genere: '2', CodiceCittadinanza: '100',
    });
    expect(attributesAt(f, `${b}/Indirizzo`)).toEqual({ CodiceRegione: '99', CodiceComune: '999001', CodiceNazione: '380' });
    expect(attributesAt(f, `${b}/PrestazioniSociali[@CodicePrestazione='A1.05']`)).toEqual({
      TipoOperazione: 'I', PresenzaProvaMezzi: '1', CaratterePrestazione: '1', NumeroProtocolloDSU: 'INPS-ISEE-2024-00000001X-00',
      AnnoProtocolloDSU: '2024', DataDSU: '2024-01-15', CodicePrestazione: 'A1.05', DenominazionePrestazione: DENOMINAZIONE_SPECIALE,
      ProtocolloDomanda: 'PG/2024/55', DataInizioPrestazione: '2024-02-01', PeriodoErogazione: '12', ImportoMensile: '240',
      ImportoQuotaEnte: '200', ImportoQuotaUtente: '40.5', OreServizioMensile: '12.5', PresaCarico: '1', AreaUtenza: '2',
    });
    expect(attributesAt(f, `${b}/PrestazioniSociali[@CodicePrestazione='A3.02']`)).toEqual({
      TipoOperazione: 'I', PresenzaProvaMezzi: '4', CaratterePrestazione: '2', CodicePrestazione: 'A3.02',
      DenominazionePrestazione: 'Contributo economico una tantum', ProtocolloDomanda: 'PG/2024/77', DataErogazionePrestazione: '2024-03-15',
      ImportoPrestazione: '350.75', PresaCarico: '1', AreaUtenza: '2',
    });
    expect(xpath(f, `count(${b.replace(/\/(\w+)/g, "/*[local-name()='$1']")}/*)`)).toBe('4'); // Anagrafica, Indirizzo, 2 prestazioni
    expect(xml).not.toContain('Corvetti');
    expect(outcome.excluded.map((e) => [e.cartellaId, e.fields.map((x) => x.field)])).toEqual([
      ['cartella-corvetti', ['CodiceFiscale', 'Genere', 'CodiceCittadinanza', 'CodiceComune']],
      ['cartella-tessandri', ['DataPrestazione']],
    ]);
  });

  it('escaping survives a real parser: markup characters, quotes, tab, newline and carriage return come back unchanged', () => {
    const c = tessandri().cartella;
    const strana = 'Trasporto\tsociale:\r\nandata & ritorno <A/R> "sì"';
    certo(registraPrestazione(c, {
      codicePrestazione: 'A4.01', denominazione: strana, protocolloDomanda: `PG/2024/"7'&<>`, presenzaProvaMezzi: '4', dataInizio: '2024-05-02',
    }, alle('2024-05-02', EQUIPE.verde)));
    const f = validFile('ps-escaping', xmlOf(exportPrestazioniSociali([c], RICHIESTA)).xml, XSD_PS);
    const p = "//*[local-name()='PrestazioniSociali'][@CodicePrestazione='A4.01']";
    expect(xpath(f, `string(${p}/@DenominazionePrestazione)`)).toBe(strana);
    expect(xpath(f, `string(${p}/@ProtocolloDomanda)`)).toBe(`PG/2024/"7'&<>`);
    expect(xpath(f, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='A1.05']/@DenominazionePrestazione)")).toBe(DENOMINAZIONE_SPECIALE);
  });

  it('the SINBA flow validates against SINBA.xsd, names the minor only by pseudonym and carries the known values', () => {
    const { outcome, xml } = xmlOf(exportSinba(parti, RICHIESTA_SINBA));
    const f = validFile('sinba-fixture', xml, XSD_SINBA);
    expect(outcome).toMatchObject({ exported: 1, beneficiaries: 1, excluded: [] });
    expect(attributesAt(f, '/Flusso/SINBA')).toEqual({
      IDBeneficiario: sinbaPseudonym(CHIAVE, cf('BRGLCU12C10X003')), MinoreStranieroNoAcc: '2', CondizioneMinore: '1', LuogoVita: '1',
      ScuolaFrequentata: '6', CondizioneLavoro: '1', Disabilita: '2', TitoloStudioMadre: '5', DataPrimaSegnalazione: '01/2024',
      FonteSegnalazione: '13', ValutazioneMinore: '2', ValutazioneFamigliaMinore: '2', SegnalazioneAutoritaGiudiziaria: '2',
      ProvvedimentoGiudiziario: '2', NumeroComponentiISEE: '3', FasciaEtaBeneficiario: '4', FasciaISEEBeneficiario: '3',
      AnnoNascita: '2012', CodiceRegioneResidenza: '99', CodiceNazioneResidenza: '380',
    });
    expect(xpath(f, "string(//*[local-name()='Prestazioni'])").trim()).toBe('A2.04');
    expect(xpath(f, "count(//*[local-name()='ComposizioneFamiglia'])")).toBe('2');
    expect(xpath(f, "string(//*[local-name()='ComposizioneFamiglia'][2])")).toBe(SCHEDA_BRAGETTI.composizioneFamiglia[1]);
    for (const s of ['Bragetti', 'Luca', cf('BRGLCU12C10X003')]) expect(xml).not.toContain(s);
  });
});

describe('demo data flows validate against the official XSDs', () => {
  const demo = creaDemo({ seed: 42, count: 20 });
  const cartelle: Cartella[] = demo.map((d) => d.cartella);

  it.each([
    ['the year 2024', { dal: '2024-01-01', al: '2024-12-31' }],
    ['the whole history of the demo', { dal: '2015-01-01', al: '2025-06-30' }],
  ])('the PS/PSA flow of %s validates, with every prestazione of the period and none excluded', (_name, periodo) => {
    const { outcome, xml } = xmlOf(exportPrestazioniSociali(cartelle, { ...RICHIESTA, periodo, nomeFlusso: undefined }));
    const f = validFile(`ps-demo-${periodo.dal}`, xml, XSD_PS);
    const attese = demo.flatMap((d) => leggiCartella(d.cartella).admin.prestazioni)
      .filter((p) => p.dataInizio !== undefined && p.dataInizio <= periodo.al && (p.dataFine ?? '9999') >= periodo.dal);
    expect(attese.length).toBeGreaterThan(0);
    expect(outcome.exported).toBe(attese.length);
    expect(outcome.excluded).toEqual([]);
    expect(xpath(f, "count(//*[local-name()='PrestazioniSociali'])")).toBe(String(attese.length));
  });

  it('an incomplete demo prestazione is reported, not exported, and the rest still validates', () => {
    const periodo = { dal: '2024-01-01', al: '2024-12-31' };
    const target = demo.find((d) => {
      const v = leggiCartella(d.cartella);
      return v.stato === 'aperta' && v.admin.prestazioni.some((p) => (p.dataInizio ?? '9999') <= periodo.al && (p.dataFine ?? '9999') >= periodo.dal);
    });
    if (!target) throw new Error('the demo has no open cartella with a prestazione in 2024');
    const v = leggiCartella(target.cartella).admin;
    const autore = v.membri.find((m) => m.ruolo === 'amministrativo')?.chiave;
    if (!autore) throw new Error('no administrative member');
    const copie = demo.map((d) => (d === target ? replica(d.cartella) : d.cartella)); // the shared demo stays untouched
    const copia = copie[demo.indexOf(target)]!;
    certo(aggiornaAnagrafica(copia, { codiceFiscale: null, genere: null }, { autore, now: new Date('2025-06-30T10:00:00Z') }));
    const { outcome, xml } = xmlOf(exportPrestazioniSociali(copie, { ...RICHIESTA, periodo }));
    validFile('ps-demo-incomplete', xml, XSD_PS);
    const escluse = outcome.excluded.filter((e) => e.cartellaId === target.id);
    expect(escluse.length).toBeGreaterThan(0);
    for (const e of escluse) {
      expect(e.fields).toEqual([
        { field: 'CodiceFiscale', label: 'Codice fiscale', reason: 'missing' },
        { field: 'Genere', label: 'Genere', reason: 'missing' },
      ]);
    }
    expect(xml).not.toContain(v.anagrafica.codiceFiscale ?? '(none)');
    expect(xml).not.toContain(`Cognome="${v.anagrafica.cognome ?? '(none)'}"`);
  });

  it('the SINBA flow of the demo takes each minor’s scheda from the cartella: complete ones validate, the incomplete one is listed', () => {
    const periodo = { dal: '2024-01-01', al: '2024-12-31' };
    const { outcome, xml } = xmlOf(exportSinba(cartelle, { ...RICHIESTA_SINBA, periodo, nomeFlusso: undefined }));
    const f = validFile('sinba-demo', xml, XSD_SINBA);
    const minori = demo.filter((d) => {
      const a = leggiCartella(d.cartella).admin;
      return a.meta.area === 'famiglia_minori' && a.prestazioni.some((p) => (p.dataInizio ?? '9999') <= periodo.al && (p.dataFine ?? '9999') >= periodo.dal);
    });
    const incompleta = minori.find((d) => leggiSchedaSinba(d.cartella.admin).valori.valutazioneMinore === undefined);
    if (!incompleta) throw new Error('the demo has no incomplete scheda SINBA in 2024');
    expect(minori.length).toBeGreaterThanOrEqual(3);
    expect(outcome.beneficiaries).toBe(minori.length - 1);
    expect(xpath(f, "count(//*[local-name()='SINBA'])")).toBe(String(minori.length - 1));
    expect(new Set(outcome.excluded.map((e) => e.cartellaId))).toEqual(new Set([incompleta.id]));
    for (const e of outcome.excluded) {
      expect(e.fields).toEqual([
        { field: 'ValutazioneMinore', label: 'Valutazione del minore', reason: 'missing' },
        { field: 'ComposizioneFamiglia', label: expect.stringMatching(/^Composizione della famiglia/) as unknown, reason: 'missing' },
      ]);
    }
    for (const d of minori) {
      expect(xml).not.toContain(d.persona.codiceFiscale);
      expect(xml).not.toContain(d.persona.cognome);
    }
    expect(xml).toContain(`IDBeneficiario="${sinbaPseudonym(CHIAVE, minori.find((d) => d !== incompleta)?.persona.codiceFiscale ?? '')}"`);
  });
});

describe('positive controls: xmllint really rejects invalid flows', () => {
  let ps = '';
  let sinba = '';
  beforeAll(() => {
    ps = xmlOf(exportPrestazioniSociali([tessandri().cartella], RICHIESTA)).xml;
    sinba = xmlOf(exportSinba([bragettiMinore().cartella], RICHIESTA_SINBA)).xml;
  });

  const rejected = (name: string, xml: string, xsd: string): string => {
    const v = validate(xsd, files.write(name, xml));
    expect(v.valid).toBe(false);
    expect(v.output).toContain('fails to validate');
    return v.output;
  };

  it('the untouched flows validate (so the controls below fail for the change alone)', () => {
    validFile('ps-control', ps, XSD_PS);
    validFile('sinba-control', sinba, XSD_SINBA);
  });

  it('a required element removed (Indirizzo) is rejected', () => {
    const senza = ps.replace(/\n\s*<Indirizzo [^>]*\/>/, '');
    expect(senza).not.toBe(ps);
    expect(rejected('ps-no-indirizzo', senza, XSD_PS)).toMatch(/PrestazioniSociali.*Expected is \(.*Indirizzo/);
  });

  it('a required attribute removed (CodiceFiscale) and a code outside its enumeration (Genere 3) are rejected', () => {
    expect(rejected('ps-no-cf', ps.replace(/ CodiceFiscale="[^"]*"/, ''), XSD_PS)).toMatch(/CodiceFiscale.*required/);
    expect(rejected('ps-genere-3', ps.replace('Genere="2"', 'Genere="3"'), XSD_PS)).toMatch(/Genere/);
  });

  it('elements in the wrong order, and a flow without the namespace, are rejected', () => {
    const scambiato = ps.replace(/(\n\s*<Anagrafica [^>]*\/>)(\n\s*<Indirizzo [^>]*\/>)/, '$2$1');
    expect(scambiato).not.toBe(ps);
    rejected('ps-order', scambiato, XSD_PS);
    rejected('ps-no-namespace', ps.replace(' xmlns="http://inps.it/Casellario"', ''), XSD_PS);
  });

  it('a SINBA record without its Famiglia, or with a month/year written as a date, is rejected', () => {
    rejected('sinba-no-famiglia', sinba.replace(/\n\s*<Famiglia>[\s\S]*<\/Famiglia>/, ''), XSD_SINBA);
    rejected('sinba-date', sinba.replace('DataPrimaSegnalazione="01/2024"', 'DataPrimaSegnalazione="2024-01-01"'), XSD_SINBA);
  });
});
