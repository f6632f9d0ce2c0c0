/**
 * @module demo-cli
 * `npm run demo -- --seed 42 --count 20 --out data/demo`: builds the demo cartelle and
 * writes each one's two documents as Yjs update files (`<id>.admin.yjs`, `<id>.prof.yjs`)
 * plus `indice.json`, and prints a readable summary. The only file of crdt/model that does
 * I/O (node:fs, node:path), because it is the command itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { avvisi } from './avvisi';
import { leggiArgomenti } from './demo-args';
import { creaDemo } from './demo';
import { ETICHETTE_AREA, ETICHETTE_FASE, ETICHETTE_MOTIVO_CHIUSURA } from './etichette';
import { ETICHETTE_STATO } from './stato';
import { leggiCartella } from './vista';

function main(argv: readonly string[]): number {
  const a = leggiArgomenti(argv);
  if (!a.ok) {
    process.stderr.write(`${a.message}\n`);
    return 2;
  }
  const { seed, count, out, oggi } = a.value;
  const inizio = performance.now();
  const demo = creaDemo({ seed, count, oggi });
  mkdirSync(out, { recursive: true });
  const adesso = new Date(`${oggi}T12:00:00Z`);
  const indice = [];
  process.stdout.write(`Cartelle dimostrative (seed ${seed}, oggi ${oggi}) — persone e luoghi inventati\n\n`);
  for (const d of demo) {
    const { admin, prof } = d.cartella;
    const fileAdmin = `${d.id}.admin.yjs`;
    const fileProf = `${d.id}.prof.yjs`;
    writeFileSync(join(out, fileAdmin), Y.encodeStateAsUpdate(admin));
    if (prof) writeFileSync(join(out, fileProf), Y.encodeStateAsUpdate(prof));
    const v = leggiCartella(d.cartella);
    const motivo = v.stato === 'chiusa' ? v.admin.chiusura.attuale?.motivo : undefined;
    const n = avvisi(v, adesso).length;
    const voci = v.prof?.diario.length ?? 0;
    const riga = [
      d.id.padEnd(16), `${d.persona.cognome} ${d.persona.nome}`.padEnd(26),
      (v.admin.meta.area ? ETICHETTE_AREA[v.admin.meta.area] : '—').slice(0, 22).padEnd(22),
      ETICHETTE_STATO[v.stato].slice(0, 34).padEnd(34), (v.fase ? ETICHETTE_FASE[v.fase.fase] : '—').slice(0, 26).padEnd(26),
      `${String(voci).padStart(3)} voci`, `${String(n).padStart(2)} avvisi`, motivo ? ` chiusa per: ${ETICHETTE_MOTIVO_CHIUSURA[motivo]}` : '',
    ];
    process.stdout.write(`${riga.join(' ')}\n`);
    indice.push({ id: d.id, scenario: d.scenario, stato: v.stato, fase: v.fase?.fase ?? null, admin: fileAdmin, prof: prof ? fileProf : null, vociDiario: voci });
  }
  writeFileSync(join(out, 'indice.json'), `${JSON.stringify({ seed, oggi, cartelle: indice }, null, 2)}\n`);
  const ms = Math.round(performance.now() - inizio);
  process.stdout.write(`\n${demo.length} cartelle scritte in ${out} (${ms} ms).\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
