/**
 * @module crdt/workspace/revoca
 * Revocation by rotation, on the rotating device (docs/ROTATION.md): record the revocation on
 * the roster, then give each affected part a fresh random key K' — boxed to every remaining
 * active member who has a box key on the roster, to this device and to the ente's recovery key —
 * and switch the room to it by compare-and-swap on the epoch. When another rotation wins the
 * race, adopt its key (the engine does, from the records) and rotate again from the new epoch
 * unless the winner already left out everyone this device's roster has removed.
 */
import {
  fromBase64Url, generatePartKey, isUsableBoxPublicKey, isUsableSignPublicKey, sealKeyBoxes, toBase64Url, type KeyBoxMember,
} from '../../crypto';
import {
  comeAuthorKey, leggiAdmin, livelloChiavi, membri, membriAttivi, revocaMembro as revocaNelRegistro, type AuthorKey,
} from '../model';
import { TERMINAL_PHASES, type RoomSync } from '../sync/roomSync';
import { attendiStanza, decisa } from './attesa';
import { rifiuto, type Esito } from './esito';
import type { Parte } from './keyringPort';
import type { CartellaAperta, Dispositivo } from './types';

/** A part whose key changed. */
export interface ParteRuotata {
  readonly parte: Parte;
  /** The room's epoch now. */
  readonly epoca: number;
  /** Whether this device's own rotation made it (false: another member's rotation already did). */
  readonly daQuestoDispositivo: boolean;
  /** Active members with no usable box key on the roster: they got no key and must receive a new hand-over. */
  readonly senzaChiave: readonly AuthorKey[];
}

/** What `revoca` did. */
export interface EsitoRevoca {
  readonly membro: AuthorKey;
  readonly ruotate: readonly ParteRuotata[];
}

/** Rotations of one part tried before giving up (each lost race costs one). */
const TENTATIVI = 5;

const stanza = (a: CartellaAperta, parte: Parte): RoomSync | null => (parte === 'admin' ? a.admin : a.prof);

/** The members a part's new key goes to, besides this device (and those left without one). */
function destinatari(ctx: Dispositivo, a: CartellaAperta, parte: Parte, now: Date): { membri: KeyBoxMember[]; senzaChiave: AuthorKey[] } {
  const me: KeyBoxMember = { signPublicKey: ctx.identity.signPublicKey, boxPublicKey: ctx.identity.boxPublicKey };
  const out: KeyBoxMember[] = [me];
  const senzaChiave: AuthorKey[] = [];
  const seen = new Set([toBase64Url(me.boxPublicKey)]);
  for (const m of membriAttivi(leggiAdmin(a.cartella.admin).vista, now)) {
    if (m.chiave === ctx.autore || (parte === 'prof' && livelloChiavi(m.ruolo) !== 'equipe')) continue;
    const sign = fromBase64Url(m.chiave);
    const box = m.chiaveBox ? fromBase64Url(m.chiaveBox) : undefined;
    if (!sign.ok || !isUsableSignPublicKey(sign.value) || !box?.ok || !isUsableBoxPublicKey(box.value) || seen.has(m.chiaveBox ?? '')) {
      senzaChiave.push(m.chiave);
      continue;
    }
    seen.add(m.chiaveBox ?? '');
    out.push({ signPublicKey: sign.value, boxPublicKey: box.value });
  }
  return { membri: out, senzaChiave };
}

/** Roster keys that must not hold the room's current key: everyone on the roster who is not active. */
function esclusi(a: CartellaAperta, now: Date): Set<string> {
  const vista = leggiAdmin(a.cartella.admin).vista;
  const attivi = new Set(membriAttivi(vista, now).map((m) => m.chiave as string));
  return new Set(vista.membri.map((m) => m.chiave as string).filter((k) => !attivi.has(k)));
}

/** Whether the room's current key is known to have gone to nobody this device's roster has removed. */
function intentoRaggiunto(ctx: Dispositivo, room: RoomSync, via: Set<string>): boolean {
  const nota = ctx.rotazioneNota(room);
  return nota !== undefined && nota.toEpoch === room.status.epoch && ![...via].some((k) => nota.destinatari.has(k));
}

function fermo(room: RoomSync): Esito<never> | undefined {
  const { phase } = room.status;
  if (phase === 'revoked') return rifiuto('accesso_revocato');
  if (phase === 'untrusted-rotation') return rifiuto('chiavi_non_attendibili');
  if (phase !== 'live') return rifiuto('non_collegato');
  return undefined;
}

/**
 * Rotates one part until its current key is one this device made or adopted and that reached
 * none of the removed members. Each lost race: wait for the winner's records to be followed,
 * then look again.
 */
async function ruotaParte(ctx: Dispositivo, a: CartellaAperta, parte: Parte, now: Date): Promise<Esito<ParteRuotata>> {
  const room = stanza(a, parte);
  if (!room) return { ok: false, code: 'parte_professionale_assente', message: 'La parte professionale non è su questo dispositivo.' };
  for (let tentativo = 0; tentativo < TENTATIVI; tentativo++) {
    await attendiStanza(room, decisa, ctx.attesaMs);
    const stop = fermo(room);
    if (stop) return stop;
    const via = esclusi(a, now);
    const { membri: destinati, senzaChiave } = destinatari(ctx, a, parte, now);
    if (tentativo > 0 && intentoRaggiunto(ctx, room, via)) return { ok: true, value: { parte, epoca: room.status.epoch, daQuestoDispositivo: false, senzaChiave } };
    const fromEpoch = room.status.epoch;
    const key = generatePartKey();
    const recovery = ctx.keyring?.current().settings.recoveryPublicKey;
    const keyBoxes = sealKeyBoxes({
      roomId: room.roomBytes, fromEpoch, toEpoch: fromEpoch + 1, key, signer: ctx.identity, members: destinati,
      ...(recovery && isUsableBoxPublicKey(recovery) ? { recoveryPublicKey: recovery } : {}),
    });
    const outcome = await room.rotate(key, keyBoxes, () => ctx.salvaChiave(a.id, parte, fromEpoch + 1, key));
    if (outcome.ok) {
      ctx.notaRotazione(room, { toEpoch: outcome.epoch, destinatari: new Set(destinati.map((m) => toBase64Url(m.signPublicKey))) });
      return { ok: true, value: { parte, epoca: outcome.epoch, daQuestoDispositivo: true, senzaChiave } };
    }
    if (outcome.code === 'rotate_invalid' || outcome.code === 'store_failed') return rifiuto('rotazione_non_riuscita', outcome.code);
    // Lost the race, or the answer did not come: the records (ours or the winner's) are followed
    // by the engine; wait until the room is joined again at a later epoch, then look again.
    await attendiStanza(room, (s) => TERMINAL_PHASES.has(s.phase) || s.phase === 'refused' || (s.phase === 'live' && s.epoch > fromEpoch), ctx.attesaMs);
  }
  return rifiuto('rotazione_non_riuscita', `${TENTATIVI} tentativi`);
}

/** Rotates the given parts (see `ruotaParte`), stopping at the first failure. */
export async function ruotaParti(ctx: Dispositivo, a: CartellaAperta, parti: readonly Parte[], now: Date): Promise<Esito<readonly ParteRuotata[]>> {
  const out: ParteRuotata[] = [];
  for (const parte of parti) {
    const r = await ruotaParte(ctx, a, parte, now);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

/**
 * Records on the roster that `chiave` no longer belongs to the cartella (from today, with
 * `motivo`), then rotates what they held: the prof part for an équipe member, and always the
 * admin part. Nothing is written unless every affected room is joined now.
 */
export async function revoca(ctx: Dispositivo, cartellaId: string, chiave: string, motivo: string, now: Date): Promise<Esito<EsitoRevoca>> {
  const a = ctx.aperta(cartellaId);
  if (!a) return rifiuto('cartella_sconosciuta');
  if (!ctx.keyring) return rifiuto('portachiavi_assente');
  const membro = comeAuthorKey(chiave);
  const m = membro ? membri(a.cartella).find((x) => x.chiave === membro) : undefined;
  if (!membro || !m) return { ok: false, code: 'membro_inesistente', message: 'Nessun membro attivo con questa chiave.' };
  const parti: Parte[] = livelloChiavi(m.ruolo) === 'equipe' ? ['prof', 'admin'] : ['admin'];
  for (const parte of parti) {
    const room = stanza(a, parte);
    if (!room) return { ok: false, code: 'parte_professionale_assente', message: 'Per revocare un membro dell\'équipe serve la parte professionale su questo dispositivo.' };
    const stop = fermo(room);
    if (stop) return stop;
  }
  const scritta = revocaNelRegistro(a.cartella, { chiave: membro, motivo }, { autore: ctx.autore, now });
  if (!scritta.ok) return scritta;
  // Let the revocation reach the relay under the old key first: the removed member's device
  // then sees on the roster why its access ended.
  await attendiStanza(a.admin, (s) => s.pending === 0 || s.phase !== 'live', ctx.attesaMs);
  const ruotate = await ruotaParti(ctx, a, parti, now);
  if (!ruotate.ok) return { ...ruotate, message: `La revoca è registrata, ma le chiavi non sono ancora cambiate: ${ruotate.message}` };
  return { ok: true, value: { membro, ruotate: ruotate.value } };
}

/**
 * Rotates every part this device holds (or `parti`) without changing the roster: to finish a
 * revocation whose rotation failed, or after a device was lost. Only an active member may.
 */
export async function ruotaChiavi(ctx: Dispositivo, cartellaId: string, now: Date, parti?: readonly Parte[]): Promise<Esito<readonly ParteRuotata[]>> {
  const a = ctx.aperta(cartellaId);
  if (!a) return rifiuto('cartella_sconosciuta');
  if (!ctx.keyring) return rifiuto('portachiavi_assente');
  if (!membriAttivi(leggiAdmin(a.cartella.admin).vista, now).some((m) => m.chiave === ctx.autore)) {
    return { ok: false, code: 'autore_non_membro', message: 'Chi cambia le chiavi deve far parte dell\'équipe di questa cartella.' };
  }
  const scelte = parti ?? (a.prof ? ['prof', 'admin'] as const : ['admin'] as const);
  return ruotaParti(ctx, a, scelte, now);
}
