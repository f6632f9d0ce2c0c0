/**
 * @module client/cartelle/ponteTest
 * TEST-ONLY bridge, until the Keys issue brings the real share screen: with `?ponte-test`
 * in the page address (never set by the app itself), `window.__cartellaTest` lets a browser
 * test hand a cartella from one worker to another —
 *   A: `await __cartellaTest.condividi(id, { chiave, nome, ruolo })` adds B to the roster
 *      (`aggiungiMembro`) and returns the cartella's keys as JSON;
 *   B: `await __cartellaTest.ricevi(json)` joins the cartella (`Workspace.aggiungiCartella`).
 * `__cartellaTest.autore()` gives the device's roster key. Without the flag nothing is
 * installed. The bridge exposes nothing a script already running in the page could not
 * read; it exists so tests need not reach into the keyring.
 */
import { fromBase64Url, roomIdFromBase64Url, toBase64Url, type CartellaKeys, type PartKeyRecord } from '../../crypto';
import { aggiungiMembro, type Ruolo } from '../../crdt/model';
import type { Session } from '../app/session';

interface ParteJson { roomId: string; currentEpoch: number; keys: { epoch: number; key: string }[] }
interface ChiaviJson { cartellaId: string; admin: ParteJson; prof?: ParteJson; addedAt: string }

const aJson = (p: PartKeyRecord): ParteJson => ({
  roomId: toBase64Url(p.roomId), currentEpoch: p.currentEpoch, keys: p.keys.map((k) => ({ epoch: k.epoch, key: toBase64Url(k.key) })),
});

function daJson(p: ParteJson): PartKeyRecord {
  const roomId = roomIdFromBase64Url(p.roomId);
  if (!roomId.ok) throw new Error('room id non valido');
  return {
    roomId: roomId.value,
    currentEpoch: p.currentEpoch,
    keys: p.keys.map((k) => {
      const key = fromBase64Url(k.key);
      if (!key.ok) throw new Error('chiave non valida');
      return { epoch: k.epoch, key: key.value };
    }),
  };
}

export interface PonteTest {
  autore(): string;
  /** The sync problems of the workspace (code and technical message), for test diagnostics. */
  problemi(): ReadonlyArray<{ code: string; message: string }>;
  condividi(id: string, membro: { chiave: string; nome: string; ruolo: Ruolo }, conProf?: boolean): Promise<string>;
  ricevi(json: string): Promise<string>;
}

declare global {
  interface Window { __cartellaTest?: PonteTest }
}

export function installaPonteTest(session: Session): void {
  if (!new URLSearchParams(location.search).has('ponte-test')) return;
  window.__cartellaTest = {
    autore: () => session.autore,
    problemi: () => session.workspace.status().problems,
    async condividi(id, membro, conProf = true) {
      const c = session.workspace.cartella(id);
      if (!c) throw new Error(`cartella ${id} assente`);
      const r = aggiungiMembro(c.cartella, membro, { autore: session.autore, now: session.now() });
      if (!r.ok && r.code !== 'membro_gia_presente') throw new Error(r.message);
      const k = c.keys;
      const json: ChiaviJson = {
        cartellaId: k.cartellaId, admin: aJson(k.admin), addedAt: new Date().toISOString(),
        ...(conProf && k.prof ? { prof: aJson(k.prof) } : {}),
      };
      return JSON.stringify(json);
    },
    async ricevi(testo) {
      const j = JSON.parse(testo) as ChiaviJson;
      const keys: CartellaKeys = {
        cartellaId: j.cartellaId, admin: daJson(j.admin), addedAt: j.addedAt, ...(j.prof ? { prof: daJson(j.prof) } : {}),
      };
      const aperta = await session.workspace.aggiungiCartella(keys);
      return aperta.id;
    },
  };
}
