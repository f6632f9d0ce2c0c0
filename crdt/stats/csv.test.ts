import { describe, expect, it } from 'vitest';
import { TESTO_RISERVATO, toCsv } from './csv';
import { tabella, type Cella, type Tabella } from './tabella';

/** A strict RFC 4180 reader, to check that what we write reads back cell by cell. */
function leggiCsv(s: string, sep: string): string[][] {
  const righe: string[][] = [];
  let riga: string[] = [];
  let campo = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '"' && campo === '') {
      i++;
      for (;;) {
        if (s[i] === '"' && s[i + 1] === '"') { campo += '"'; i += 2; } else if (s[i] === '"') { i++; break; } else if (i >= s.length) throw new Error('virgolette non chiuse');
        else { campo += s[i]; i++; }
      }
      if (s[i] !== sep && s[i] !== '\r') throw new Error(`carattere dopo le virgolette: ${s[i] ?? 'fine'}`);
    } else if (c === sep) { riga.push(campo); campo = ''; i++; } else if (c === '\r') {
      if (s[i + 1] !== '\n') throw new Error('CR senza LF');
      riga.push(campo); righe.push(riga); riga = []; campo = ''; i += 2;
    } else if (c === '\n' || c === '"') throw new Error(`${c === '\n' ? 'LF' : 'virgolette'} fuori da un campo tra virgolette`);
    else { campo += c; i++; }
  }
  if (campo !== '' || riga.length > 0) throw new Error("l'ultimo record non termina con CRLF");
  return righe;
}

const t = (celle: Cella[][], etichette = ['Mese', 'Operatore', 'Voci']): Tabella => tabella({
  codice: 'prova', titolo: 'Prova', personeServite: true, note: [],
  colonne: etichette.map((e, i) => ({ codice: `c${i}`, etichetta: e, tipo: i < 2 ? 'testo' : 'conteggio' })),
  righe: celle.map((c) => ({ celle: c })),
});

describe('toCsv', () => {
  it('writes Italian Excel CSV by default: BOM, semicolons, quoted text, bare numbers, CRLF', () => {
    const csv = toCsv(t([['2025-01', 'Anna Rossi', 12]]));
    expect(csv).toBe('\uFEFF"Mese";"Operatore";"Voci"\r\n"2025-01";"Anna Rossi";12\r\n');
  });

  it('omits the byte-order mark on request', () => {
    expect(toCsv(t([]), { bom: false })).toBe('"Mese";"Operatore";"Voci"\r\n');
  });

  it('doubles quotes and keeps separators and line breaks inside quoted fields', () => {
    const nomi = ['Maria "Mery" D\'Amico', 'Rossi; Bianchi', 'a\r\nb', 'c\nd', 'Povertà, disagio — Équipe'];
    const csv = toCsv(t(nomi.map((n) => ['2025-01', n, 1])), { bom: false });
    expect(csv).toContain('"Maria ""Mery"" D\'Amico"');
    expect(leggiCsv(csv, ';').slice(1).map((r) => r[1])).toEqual(nomi);
    const virgole = toCsv(t(nomi.map((n) => ['2025-01', n, 1])), { bom: false, separatore: ',' });
    expect(leggiCsv(virgole, ',').slice(1).map((r) => r[1])).toEqual(nomi);
  });

  it('writes decimals with a comma under ";" and with a point under ","; a decimal comma under "," is quoted', () => {
    const m = t([['x', 'y', 19.5], ['x', 'y', 6.25], ['x', 'y', -3]]);
    expect(leggiCsv(toCsv(m, { bom: false }), ';').slice(1).map((r) => r[2])).toEqual(['19,5', '6,25', '-3']);
    expect(leggiCsv(toCsv(m, { bom: false, separatore: ',' }), ',').slice(1).map((r) => r[2])).toEqual(['19.5', '6.25', '-3']);
    expect(toCsv(m, { bom: false, separatore: ',', decimale: ',' })).toContain('"19,5"');
    expect(toCsv(m, { bom: false, separatore: '\t' })).toContain('"x"\t"y"\t19.5\r\n');
  });

  it('writes a hidden count as "riservato" and a missing measure as an empty field', () => {
    const csv = toCsv(t([['2025-01', 'x', { riservato: true }], ['2025-02', 'x', null]]), { bom: false });
    expect(csv).toBe(`"Mese";"Operatore";"Voci"\r\n"2025-01";"x";"${TESTO_RISERVATO}"\r\n"2025-02";"x";\r\n`);
  });

  it('defuses text that a spreadsheet would run as a formula (a roster name is written by a person)', () => {
    const csv = toCsv(t([['=HYPERLINK("http://x")', '+39 333', 1], ['-1', '@SUM(A1)', -1]]), { bom: false });
    const r = leggiCsv(csv, ';');
    expect(r[1]).toEqual(['\'=HYPERLINK("http://x")', "'+39 333", '1']);
    expect(r[2]).toEqual(["'-1", "'@SUM(A1)", '-1']); // a negative number stays a number
  });

  it('the byte-order mark is the only thing before the header, and the text is plain UTF-8', () => {
    const csv = toCsv(t([['2025-01', 'Niccolò Dell\'Acqua', 1]]));
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(csv.slice(1));
    expect(leggiCsv(csv.slice(1), ';')).toEqual([['Mese', 'Operatore', 'Voci'], ['2025-01', 'Niccolò Dell\'Acqua', '1']]);
  });
});
