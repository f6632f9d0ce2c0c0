/**
 * @module crdt/search/measure-cli
 * `node --import tsx crdt/search/measure-cli.ts [--count 500] [--seed 42] [--runs 30]` — the
 * search index over the demo office (docs/SEARCH.md, "Measurements"): build, incremental
 * update, queries, encode, seal, restore, sizes. A script, not a test: it prints a markdown
 * table and asserts nothing. Run with `node --expose-gc --import tsx …` for heap figures.
 */
import { parseArgs } from 'node:util';
import { generateDeviceIdentity } from '../../crypto/identity';
import { initSodium } from '../../crypto/sodium';
import { aggiungiVoceDiario, leggiCartella, type AuthorKey, type VistaCartella } from '../model';
import { creaDemo, OGGI_DEMO } from '../model/demo';
import { revisioneCartella } from './revision';
import { buildSearchIndex } from './searchIndex';
import { encodeSearchIndex } from './serialize';
import { restoreSearchIndex, storeSearchIndex } from './storage';

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' }, seed: { type: 'string', default: '42' }, runs: { type: 'string', default: '30' } } });
const count = Number(values.count);
const seed = Number(values.seed);
const runs = Number(values.runs);

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const ms = (t0: number): number => performance.now() - t0;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, ms(t0)];
};
const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

async function main(): Promise<void> {
  await initSodium();
  log(`generating ${count} demo cartelle (seed ${seed})…`);
  const [demo, genMs] = time(() => creaDemo({ seed, count }));
  const [viste, readMs] = time(() => demo.map((d) => leggiCartella(d.cartella)));
  const voci = viste.reduce((n, v) => n + (v.prof?.diario.length ?? 0), 0);
  const [revisioni, revMs] = time(() => demo.map((d) => revisioneCartella(d.cartella)));

  const heap0 = heap();
  const [index, buildMs] = time(() => buildSearchIndex(demo.map((d, i) => ({ id: d.id, view: viste[i] as VistaCartella, revision: revisioni[i] as string }))));
  const heapIndex = heap() - heap0;

  const [plain, encodeMs] = time(() => encodeSearchIndex(index));
  const plainBytes = plain.length;
  plain.fill(0);
  const identity = generateDeviceIdentity();
  const [sealed, storeMs] = time(() => storeSearchIndex(index, identity));
  const [restored, restoreMs] = time(() => restoreSearchIndex(sealed, identity));
  if (!restored.restored) throw new Error('restore failed');

  // Incremental: a new diary entry in the cartella with the longest diary, then update.
  let big = 0;
  viste.forEach((v, i) => { if ((v.prof?.diario.length ?? 0) > (viste[big]?.prof?.diario.length ?? 0)) big = i; });
  const bigDemo = demo[big];
  if (!bigDemo) throw new Error('no cartella');
  const autore = viste[big]?.admin.meta.responsabile as AuthorKey;
  const updates: number[] = [];
  for (let k = 0; k < runs; k++) {
    const r = aggiungiVoceDiario(bigDemo.cartella, { data: OGGI_DEMO, tipo: 'telefonata', testo: `Telefonata numero ${k}: aggiornamento sulla pratica ${k * 7}.` }, { autore, now: new Date(`${OGGI_DEMO}T17:00:00+02:00`) });
    if (!r.ok) throw new Error(r.message);
    const v = leggiCartella(bigDemo.cartella);
    updates.push(time(() => index.update(bigDemo.id, v))[1]);
  }
  const [, removeMs] = time(() => index.remove(bigDemo.id));
  index.update(bigDemo.id, leggiCartella(bigDemo.cartella));

  const p = demo[7]?.persona ?? demo[0]?.persona;
  if (!p) throw new Error('no persona');
  const queries: Array<[string, string]> = [
    ['full codice fiscale', p.codiceFiscale],
    ['partial codice fiscale (first 6)', p.codiceFiscale.slice(0, 6)],
    ['surname', p.cognome],
    ['surname prefix (3 letters)', p.cognome.slice(0, 3)],
    ['first name + surname', `${p.nome} ${p.cognome}`],
    ['common first name', 'Maria'],
    ['diary word', 'utenze'],
    ['diary words (2)', 'visita domiciliare'],
    ['name + diary word', `${p.cognome} colloquio`],
    ['1 letter', 'm'],
    ['2 letters', 'co'],
    ['no match', 'zzzzqx'],
  ];
  const rows: string[] = [];
  for (const [label, q] of queries) {
    const times: number[] = [];
    const [first, cold] = time(() => index.query(q));
    let total = first.total;
    for (let k = 0; k < runs; k++) {
      const [res, t] = time(() => index.query(q));
      times.push(t);
      total = res.total;
    }
    rows.push(`| ${label} | \`${q}\` | ${total} | ${fmt(cold)} | ${fmt(quantile(times, 0.5))} | ${fmt(quantile(times, 0.95))} |`);
  }

  const out = [
    `Demo office: ${count} cartelle, ${voci} diary entries, ${index.terms} distinct terms (seed ${seed}, ${runs} runs per figure).`,
    '',
    '| step | ms |',
    '|---|---|',
    `| generate the demo (model operations; not part of search) | ${fmt(genMs)} |`,
    `| read every view (\`leggiCartella\`; the app does this anyway) | ${fmt(readMs)} |`,
    `| revision of every cartella (\`revisioneCartella\`) | ${fmt(revMs)} |`,
    `| **full build** (\`buildSearchIndex\`) | **${fmt(buildMs)}** |`,
    `| update the cartella with the longest diary (${viste[big]?.prof?.diario.length ?? 0} entries) after a new entry, median / p95 | ${fmt(quantile(updates, 0.5))} / ${fmt(quantile(updates, 0.95))} |`,
    `| remove that cartella | ${fmt(removeMs)} |`,
    `| encode (plaintext JSON) | ${fmt(encodeMs)} |`,
    `| store = encode + pad + seal | ${fmt(storeMs)} |`,
    `| restore = open + parse + re-tokenise | ${fmt(restoreMs)} |`,
    '',
    '| size | bytes |',
    '|---|---|',
    `| plaintext | ${plainBytes.toLocaleString('en')} |`,
    `| sealed | ${sealed.length.toLocaleString('en')} |`,
    ...(gc ? [`| heap held by the index (approx.) | ${heapIndex.toLocaleString('en')} |`] : []),
    '',
    '| query | text | cartelle | first run ms | median ms | p95 ms |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
