/**
 * @module crdt/workspace/consegna
 * The hand-over glue between crypto's share bundles and the model's roster (docs/SHARING.md,
 * docs/ROTATION.md "Hand-over"): the giver makes a bundle of the keys the receiver's role may
 * hold (amministrativo: admin only) and records the hand-over on the roster; the receiver's
 * device, once the admin document has synced and shows the hand-over, records its acceptance
 * with its own X25519 key; any member's device records its X25519 key when the roster lacks it,
 * so the next rotation can box a key to it.
 */
import {
  createShareBundle, findCartellaKeys, toBase64Url, type ShareBundle, type SharePublicKeys, type ShareRole,
} from '../../crypto';
import {
  accettaConsegna, leggiAdmin, livelloChiavi, membriAttivi, registraChiaveBox, registraConsegna, type AuthorKey, type Ruolo,
} from '../model';
import { rifiuto, type Esito } from './esito';
import type { CartellaAperta, Dispositivo } from './types';

/** What the giver chooses for a hand-over. */
export interface CondividiInput {
  /** Which keys: équipe (admin and prof) or amministrativo (admin only: the prof key is not in the bytes). */
  readonly ruolo: ShareRole;
  /**
   * The colleague: "il mio codice" already parsed (`parseMyKeyCode`), their name and role on the
   * roster. With it the bundle is bound to their device and the hand-over is recorded on the
   * roster now; without it the bundle is a bearer bundle (whoever holds it may accept it) and
   * nothing is recorded, because the roster is keyed by the receiver's key.
   */
  readonly destinatario?: { readonly codice: SharePublicKeys; readonly nome: string; readonly ruolo: Ruolo };
  /** The assisted person consented to sharing the cartella with the colleague. */
  readonly consenso: boolean;
  /** Required without consent. */
  readonly motivo?: string;
  /** Default 7 days; a link must use `LINK_VALIDITY_MS` (24 h). */
  readonly validitaMs?: number;
}

/** A hand-over made: the bundle to wrap (link, passphrase file, sealed box) and what was recorded. */
export interface Condivisione {
  readonly bytes: Uint8Array;
  readonly bundle: ShareBundle;
  /** The roster now records the hand-over (only with a `destinatario`). */
  readonly consegnaRegistrata: boolean;
}

/** Makes the bundle and records the hand-over (the bundle first: a refused bundle writes nothing). */
export function condividi(ctx: Dispositivo, a: CartellaAperta, input: CondividiInput, now: Date): Esito<Condivisione> {
  if (!ctx.keyring) return rifiuto('portachiavi_assente');
  const data = ctx.keyring.current();
  const keys = findCartellaKeys(data, a.id);
  if (!keys) return rifiuto('cartella_sconosciuta');
  const dest = input.destinatario;
  if (dest && livelloChiavi(dest.ruolo) !== input.ruolo) return rifiuto('ruolo_incoerente');
  const made = createShareBundle({
    cartella: keys, role: input.ruolo, issuer: ctx.identity, issuerNome: data.profile.nome,
    handover: { consenso: input.consenso, ...(input.motivo !== undefined ? { motivo: input.motivo } : {}) },
    now: now.getTime(),
    ...(dest ? { recipient: dest.codice } : {}),
    ...(input.validitaMs !== undefined ? { validityMs: input.validitaMs } : {}),
  });
  if (!made.ok) return made;
  if (!dest) return { ok: true, value: { ...made.value, consegnaRegistrata: false } };
  const motivo = input.motivo !== undefined && input.motivo.trim() !== '' ? input.motivo : undefined;
  const scritta = registraConsegna(a.cartella, {
    chiave: toBase64Url(dest.codice.signPublicKey), chiaveBox: toBase64Url(dest.codice.boxPublicKey),
    nome: dest.nome, ruolo: dest.ruolo, consenso: input.consenso, ...(motivo ? { motivo } : {}),
  }, { autore: ctx.autore, now });
  if (!scritta.ok) {
    made.value.bytes.fill(0);
    return scritta;
  }
  return { ok: true, value: { ...made.value, consegnaRegistrata: true } };
}

/** What `curaRegistro` wrote. */
export type CuraRegistro = 'accettata' | 'chiave_registrata' | 'nulla';

/**
 * This device's own entry on the roster, once the admin document has synced: accept a hand-over
 * to it (when `accetta`), or record its X25519 key when the entry lacks it (or has another one).
 */
export function curaRegistro(ctx: Dispositivo, a: CartellaAperta, accetta: boolean, now: Date): Esito<CuraRegistro> {
  const { vista } = leggiAdmin(a.cartella.admin);
  const io = vista.membri.find((m) => m.chiave === ctx.autore);
  const box = toBase64Url(ctx.identity.boxPublicKey);
  const context = { autore: ctx.autore, now };
  if (io?.consegna && !io.accettazione) {
    if (!accetta) return { ok: true, value: 'nulla' };
    const r = accettaConsegna(a.cartella, { chiave: ctx.autore, chiaveBox: box }, context);
    return r.ok ? { ok: true, value: 'accettata' } : r;
  }
  const attivo = membriAttivi(vista, now).some((m) => m.chiave === ctx.autore);
  if (!io || !attivo || io.chiaveBox === box) return { ok: true, value: 'nulla' };
  const r = registraChiaveBox(a.cartella, { chiaveBox: box }, context);
  return r.ok ? { ok: true, value: 'chiave_registrata' } : r;
}

/** Whether this device's entry still waits for something `curaRegistro` would write. */
export function registroDaCurare(a: CartellaAperta, autore: AuthorKey, boxPublicKey: Uint8Array): boolean {
  const io = leggiAdmin(a.cartella.admin).vista.membri.find((m) => m.chiave === autore);
  return !io || (io.consegna !== undefined && io.accettazione === undefined) || io.chiaveBox !== toBase64Url(boxPublicKey);
}
