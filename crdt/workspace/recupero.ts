/**
 * @module crdt/workspace/recupero
 * The responsabile's side of continuity (docs/RECOVERY.md, "Client flow: recovering"): with
 * the ente's recovery key pair (typed from the printed sheet, held in memory for this procedure
 * only) list the ente's escrow on the relay — proving the key without sending it — open every
 * CRTRECV1 blob here, and group the keys by cartella. Merging them into the keyring, joining
 * the rooms and checking the sealing devices against the roster is the workspace's part
 * (`Workspace.recupera`). Every blob comes from the relay and is treated as hostile: a blob
 * that does not open is reported and skipped, one whose keys name another room is ignored.
 */
import {
  escrowMailbox, mergeCartellaKeys, newKeyringData, openWithRecoveryKey, proveEscrowMailbox, toBase64Url, toHex,
  type CartellaKeys, type DeviceIdentity, type RecoveryKeyPair,
} from '../../crypto';
import { errorCodeName, PROTOCOL_VERSION, ZERO_ID, type EscrowItem, type Frame } from '../wire';

/** Why listing the escrow failed. */
export type CodiceElenco = 'non_collegato' | 'chiave_ente_errata' | 'server_anomalo' | 'nessuna_risposta' | 'server_occupato';

export const MESSAGGI_ELENCO: Readonly<Record<CodiceElenco, string>> = {
  non_collegato: 'Per recuperare le cartelle serve il collegamento al server dell\'ente: riprova quando sei in linea.',
  chiave_ente_errata: 'La chiave di recupero non corrisponde a questo ente: cercate il foglio giusto.',
  server_anomalo: 'Il server ha risposto in modo anomalo: il recupero è stato interrotto. Avvisa il referente informatico.',
  nessuna_risposta: 'Il server non risponde: riprova tra poco.',
  server_occupato: 'Il server è occupato: riprova tra qualche minuto.',
};

export type EsitoElenco =
  | { readonly ok: true; readonly value: readonly EscrowItem[] }
  | { readonly ok: false; readonly code: CodiceElenco; readonly message: string };

/** What `elencaCopie` needs of the connection (`Workspace.connection()`). */
export interface ConnessioneRecupero {
  addFrameListener(listener: (frame: Frame) => boolean): () => void;
  sendFrame(frame: Frame): boolean;
  readonly state: string;
}

const PAGE = 1024;
const MAX_RETRIES = 5;

const errore = (code: CodiceElenco, detail?: string): EsitoElenco =>
  ({ ok: false, code, message: detail ? `${MESSAGGI_ELENCO[code]} (${detail})` : MESSAGGI_ELENCO[code] });

/**
 * Lists every escrow of the recovery key's mailbox (PROTOCOL.md §4.11): `escrowHello`, the proof
 * for the relay's challenge, then `escrowList` pages until `escrowEnd.complete`. Bounded in
 * time: every step waits at most `timeoutMs` (default 20 s).
 */
export function elencaCopie(conn: ConnessioneRecupero, pair: RecoveryKeyPair, timeoutMs = 20_000): Promise<EsitoElenco> {
  if (conn.state !== 'open') return Promise.resolve(errore('non_collegato'));
  const mailbox = escrowMailbox(pair.publicKey);
  const mine = (m: Uint8Array): boolean => m.length === mailbox.length && m.every((b, i) => b === mailbox[i]);
  return new Promise<EsitoElenco>((resolve) => {
    const items: EscrowItem[] = [];
    let proof: Uint8Array | undefined;
    let from: Uint8Array = ZERO_ID;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRoom = '';
    const finish = (result: EsitoElenco): void => {
      clearTimeout(timer);
      off();
      resolve(result);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(errore('nessuna_risposta')), timeoutMs);
    };
    const send = (frame: Frame): void => {
      arm();
      if (!conn.sendFrame(frame)) finish(errore('non_collegato'));
    };
    const hello = (): void => send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox });
    const list = (): void => {
      if (proof) send({ type: 'escrowList', mailbox, recoveryPublicKey: pair.publicKey, proof, fromRoom: from, limit: PAGE });
    };
    const off = conn.addFrameListener((frame) => {
      switch (frame.type) {
        case 'escrowChallenge': {
          if (!mine(frame.mailbox)) return false;
          const p = proveEscrowMailbox(pair, frame.ephemeralPublicKey);
          if (!p.ok) { finish(errore('server_anomalo', p.code)); return true; }
          proof = p.value;
          list();
          return true;
        }
        case 'escrowItems': {
          if (!mine(frame.mailbox)) return false;
          arm();
          for (const item of frame.items) {
            // Rooms come strictly ascending; a relay that repeats or reorders is not trusted further.
            const room = toHex(item.room);
            if (room <= lastRoom) { finish(errore('server_anomalo', 'elenco non in ordine')); return true; }
            lastRoom = room;
            items.push(item);
          }
          return true;
        }
        case 'escrowEnd': {
          if (!mine(frame.mailbox)) return false;
          if (frame.complete) finish({ ok: true, value: items });
          else {
            if (toHex(frame.nextRoom) <= lastRoom && items.length > 0) { finish(errore('server_anomalo', 'pagina successiva non valida')); return true; }
            from = frame.nextRoom;
            list();
          }
          return true;
        }
        case 'error': {
          // Refusals of the escrow desk name no room (PROTOCOL.md §4.11).
          if (frame.room.some((b) => b !== 0)) return false;
          const code = errorCodeName(frame.code);
          if (code === 'escrow_auth_failed') finish(errore('chiave_ente_errata'));
          else if (code === 'no_challenge' && retries++ < MAX_RETRIES) hello();
          else if ((code === 'rate_limited' || code === 'shutting_down') && retries++ < MAX_RETRIES) {
            clearTimeout(timer);
            timer = setTimeout(() => (proof ? list() : hello()), 1000 * retries);
          } else if (code === 'rate_limited' || code === 'shutting_down') finish(errore('server_occupato'));
          else finish(errore('server_anomalo', code ?? `errore ${frame.code}`));
          return true;
        }
        default:
          return false;
      }
    });
    hello();
  });
}

/** One blob of the escrow, opened. */
export interface CopiaAperta {
  /** The room (hex) it was listed under. */
  readonly room: string;
  /** The relay's `storedAt` (ms) and the sealer's `sealedAt` (ms). */
  readonly storedAt: number;
  readonly sealedAt: number;
  /** The sealing device's Ed25519 key (base64url, a roster key when it belongs to a member). */
  readonly sealedBy: string;
  readonly keys: CartellaKeys;
}

/** A blob that did not open (its room is reported, the others go on). */
export interface CopiaNonApribile {
  readonly room: string;
  readonly code: string;
  readonly message: string;
}

export interface CopieAperte {
  /** cartellaId → every copy of it that opened, oldest first. */
  readonly perCartella: ReadonlyMap<string, readonly CopiaAperta[]>;
  readonly nonApribili: readonly CopiaNonApribile[];
  /** Blobs whose keys name neither room they were listed under (a relay swapping blobs). */
  readonly ignorate: number;
}

/** Opens every listed blob with the pair (step 4 of the flow). Never throws. */
export function apriCopie(items: readonly EscrowItem[], pair: RecoveryKeyPair, now: Date): CopieAperte {
  const perCartella = new Map<string, CopiaAperta[]>();
  const nonApribili: CopiaNonApribile[] = [];
  let ignorate = 0;
  for (const item of items) {
    const room = toHex(item.room);
    const opened = openWithRecoveryKey(pair, item.blob, now);
    if (!opened.ok) {
      nonApribili.push({ room, code: opened.code, message: opened.message });
      continue;
    }
    const { keys, sealedAt, sealedBy } = opened.value;
    const rooms = [toHex(keys.admin.roomId), ...(keys.prof ? [toHex(keys.prof.roomId)] : [])];
    if (!rooms.includes(room)) { ignorate++; continue; }
    const list = perCartella.get(keys.cartellaId) ?? [];
    list.push({ room, storedAt: item.storedAt, sealedAt, sealedBy: toBase64Url(sealedBy), keys });
    perCartella.set(keys.cartellaId, list);
  }
  for (const list of perCartella.values()) list.sort((a, b) => a.sealedAt - b.sealedAt);
  return { perCartella, nonApribili, ignorate };
}

/**
 * The copies of one cartella merged into one entry (the merge only adds: an administrative
 * worker's admin-only copy and an équipe member's full copy give both parts). A conflict (two
 * copies disagree on a room or a key) is returned as such: the caller shows both sealers.
 */
export function unisciCopie(
  copie: readonly CopiaAperta[], identity: DeviceIdentity, now: Date,
): { readonly ok: true; readonly value: CartellaKeys } | { readonly ok: false; readonly code: string; readonly message: string } {
  const scratch = newKeyringData({ nome: 'recupero', ruolo: 'responsabile' }, identity, now);
  if (!scratch.ok) return scratch;
  let data = scratch.value;
  for (const c of copie) {
    const merged = mergeCartellaKeys(data, c.keys);
    if (!merged.ok) return merged;
    data = merged.value.data;
  }
  const entry = data.cartelle[0];
  if (!entry) return { ok: false, code: 'keyring_malformed', message: 'nessuna copia' };
  return { ok: true, value: entry };
}

/** What became of one cartella at the end of a recovery. */
export type StatoRecupero =
  /** Keys merged, rooms joined, every sealing device is on the cartella's roster. */
  | 'recuperata'
  /** A copy was sealed by a device never on the roster: do not use the cartella until checked. */
  | 'da_verificare'
  /** Two copies disagree on a room or a key: nothing merged for this cartella. */
  | 'conflitto'
  /** Keys merged, but the rooms did not join (offline, refused, a rotation not followed). */
  | 'non_raggiungibile';

export interface CartellaRecuperata {
  readonly cartellaId: string;
  readonly stato: StatoRecupero;
  /** The parts whose keys the copies gave. */
  readonly parti: ReadonlyArray<'admin' | 'prof'>;
  /** Every copy: when sealed and stored, by which device, and its member's name when on the roster. */
  readonly copie: ReadonlyArray<{ readonly sealedAt: number; readonly storedAt: number; readonly sealedBy: string; readonly nome?: string }>;
  /** Italian sentence for the cartelle not `recuperata`. */
  readonly messaggio?: string;
}

export interface RapportoRecupero {
  readonly cartelle: readonly CartellaRecuperata[];
  readonly nonApribili: readonly CopiaNonApribile[];
  readonly ignorate: number;
}

export const MESSAGGI_RECUPERO: Readonly<Record<Exclude<StatoRecupero, 'recuperata'>, string>> = {
  da_verificare: 'Copia depositata da un dispositivo non riconosciuto: non usate questa cartella e chiamate il referente informatico.',
  conflitto: 'Due copie di questa cartella non coincidono: la cartella non è stata recuperata. Segnalatelo al referente informatico.',
  non_raggiungibile: 'Le chiavi sono state recuperate, ma la cartella non si è ancora collegata al server: riprovate più tardi o avvisate il referente informatico.',
};
