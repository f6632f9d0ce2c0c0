import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { comeCodiceFiscale } from './codice-fiscale';
import { creaDemo, SCENARI } from './demo';
import { leggiArgomenti } from './demo-args';
import { giorniTra } from './date';
import { verificaCartella } from './verifica';
import { leggiCartella } from './vista';
import { FASI, MOTIVI_CHIUSURA } from './vocabolario';

describe('demo data', () => {
  const demo = creaDemo({ seed: 7, count: SCENARI.length });
  const viste = demo.map((d) => leggiCartella(d.cartella));

  it('the same seed builds byte-identical documents; another seed builds others', () => {
    const bytes = (s: number): string[] => creaDemo({ seed: s, count: 3 }).flatMap((d) => [
      Buffer.from(Y.encodeStateAsUpdate(d.cartella.admin)).toString('base64'),
      Buffer.from(Y.encodeStateAsUpdate(d.cartella.prof as Y.Doc)).toString('base64'),
    ]);
    expect(bytes(11)).toEqual(bytes(11));
    expect(bytes(12)).not.toEqual(bytes(11));
  });

  it('every phase and every closure reason is represented', () => {
    expect(new Set(viste.map((v) => v.fase?.fase))).toEqual(new Set(FASI));
    const motivi = new Set(viste.filter((v) => v.stato === 'chiusa').map((v) => v.admin.chiusura.attuale?.motivo));
    expect(motivi).toEqual(new Set(MOTIVI_CHIUSURA));
    expect(new Set(viste.map((v) => v.stato))).toEqual(new Set(['accesso', 'segretariato_concluso', 'aperta', 'chiusa']));
    expect(viste.some((v) => v.admin.chiusura.storia.some((e) => e.stato === 'riaperta'))).toBe(true);
  });

  it('every demo cartella is valid and some hold years of diary', () => {
    for (const v of viste) expect(verificaCartella(v)).toEqual([]);
    const anni = viste.map((v) => {
      const d = v.prof?.diario ?? [];
      return d.length > 1 ? giorniTra(d[0]?.data ?? d[1]!.data, d.at(-1)!.data) / 365 : 0;
    });
    expect(Math.max(...anni)).toBeGreaterThan(2);
  });

  it('people are synthetic: invented places, well-formed codici fiscali', () => {
    for (const d of demo) {
      expect(comeCodiceFiscale(d.persona.codiceFiscale)).toBe(d.persona.codiceFiscale);
      expect(d.persona.codiceFiscale.slice(11, 12)).toBe('X');
      expect(d.persona.comuneResidenza.istat.startsWith('999')).toBe(true);
    }
  });

  it('the demo command validates its arguments with clear messages', () => {
    expect(leggiArgomenti(['--seed', '42', '--count', '20', '--out', 'data/demo'])).toEqual({ ok: true, value: { seed: 42, count: 20, out: 'data/demo', oggi: '2025-06-30' } });
    expect(leggiArgomenti(['--seed=3', '--oggi=2024-02-29'])).toMatchObject({ ok: true, value: { seed: 3, oggi: '2024-02-29' } });
    expect(leggiArgomenti(['--seed', '-1'])).toMatchObject({ ok: false });
    expect(leggiArgomenti(['--count', '1001'])).toMatchObject({ ok: false, message: expect.stringMatching(/--count/) as unknown });
    expect(leggiArgomenti(['--oggi', '2025-02-30'])).toMatchObject({ ok: false, message: expect.stringMatching(/--oggi/) as unknown });
    expect(leggiArgomenti(['--out'])).toMatchObject({ ok: false, message: expect.stringMatching(/Manca il valore/) as unknown });
    expect(leggiArgomenti(['--seed', '1', '--seed', '2'])).toMatchObject({ ok: false, message: expect.stringMatching(/due volte/) as unknown });
    expect(leggiArgomenti(['42'])).toMatchObject({ ok: false, message: expect.stringMatching(/sconosciuto/) as unknown });
  });
});
