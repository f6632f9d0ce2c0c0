/**
 * Test fixture: one demo cartella (in the erogazione phase) with a diary of `voci` entries,
 * written straight into its prof document in one transaction (through the model's writer of
 * written items, so the entries are exactly what `aggiungiVoceDiario` makes), and the
 * harness's worker on its roster. Written once into the temporary folder.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { aggiungiMembro, aggiungiGiorni, leggiAdmin, type AuthorKey, type DataIso } from '../../crdt/model';
import { creaDemo, OGGI_DEMO } from '../../crdt/model/demo';
import { inserisciScritto } from '../../crdt/model/scritti';

/** The harness's worker (any 43-character key). */
export const AUTORE_BANCO = 'BancoDiProva'.repeat(4).slice(0, 43) as AuthorKey;

export function diarioLungo(voci: number): { dir: string; id: string } {
  const dir = join(tmpdir(), `cartella-diario-${voci}`);
  const demo = creaDemo({ seed: 7, count: 7 }).find((d) => d.scenario === 'erogazione');
  if (!demo) throw new Error('scenario erogazione assente');
  if (existsSync(join(dir, 'indice.json'))) return { dir, id: demo.id };
  mkdirSync(dir, { recursive: true });
  const { admin, prof } = demo.cartella;
  if (!prof) throw new Error('parte professionale assente');
  const fondatore = leggiAdmin(admin).vista.membri[0]?.chiave;
  if (!fondatore) throw new Error('fondatore assente');
  const now = new Date(`${OGGI_DEMO}T09:00:00Z`);
  const r = aggiungiMembro(demo.cartella, { chiave: AUTORE_BANCO, nome: 'Operatrice di prova', ruolo: 'assistente_sociale' }, { autore: fondatore, now });
  if (!r.ok) throw new Error(r.message);
  prof.transact(() => {
    for (let i = 0; i < voci; i++) {
      const data = aggiungiGiorni(OGGI_DEMO as DataIso, -Math.floor((voci - i) / 2));
      const testo = `Voce ${i + 1}: colloquio con la persona e con la famiglia; concordati i passi della settimana.\nSeconda riga della voce ${i + 1}.`;
      inserisciScritto(prof, 'diario', { data, tipo: i % 3 === 0 ? 'telefonata' : 'colloquio' }, testo, { autore: fondatore, now });
    }
  });
  writeFileSync(join(dir, 'a.admin.yjs'), Y.encodeStateAsUpdate(admin));
  writeFileSync(join(dir, 'a.prof.yjs'), Y.encodeStateAsUpdate(prof));
  writeFileSync(join(dir, 'indice.json'), JSON.stringify({
    oggi: OGGI_DEMO, autore: AUTORE_BANCO, cartelle: [{ id: demo.id, admin: 'a.admin.yjs', prof: 'a.prof.yjs' }],
  }));
  return { dir, id: demo.id };
}
