/**
 * @module members-chiavi
 * The key vocabulary of the roster: which part keys a hand-over gives (équipe: admin and
 * prof keys; amministrativo: the admin key only), and the format checks of the public
 * keys a roster entry carries — the Ed25519 key that signs (its id on the roster) and the
 * X25519 key on which colleagues seal the cartella's keys to the member. The model has no
 * crypto: it checks the text form (canonical base64url of 32 bytes, not all zero); the
 * crypto layer checks the curve point when it seals (x25519_weak_point).
 */
import { comeAuthorKey, type AuthorKey, type Brand } from './ids';
import { RUOLI_EQUIPE, type Ruolo } from './vocabolario';

/** Which keys a hand-over gives: both parts (équipe) or the admin part only. */
export const LIVELLI_CHIAVI = ['equipe', 'amministrativo'] as const;
export type LivelloChiavi = (typeof LIVELLI_CHIAVI)[number];

/** A member's X25519 public key, canonical base64url without padding (43 characters). */
export type ChiaveBox = Brand<string, 'ChiaveBox'>;

const BASE64URL_32 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const ZERO = 'A'.repeat(43);

/**
 * True for the canonical base64url text of 32 bytes: 43 characters whose last one carries
 * no stray bits (what every encoder produces), and not 32 zero bytes.
 */
export function chiaveCanonica(v: unknown): v is string {
  return typeof v === 'string' && BASE64URL_32.test(v) && v !== ZERO;
}

/** Checks an X25519 public key's text form. */
export function comeChiaveBox(v: unknown): ChiaveBox | undefined {
  return chiaveCanonica(v) ? (v as ChiaveBox) : undefined;
}

/** Checks an Ed25519 public key given in input (stricter than stored keys: canonical, not zero). */
export function comeChiaveFirma(v: unknown): AuthorKey | undefined {
  return chiaveCanonica(v) ? comeAuthorKey(v) : undefined;
}

/** The keys a role holds: équipe roles get both parts, administrative staff the admin part. */
export function livelloChiavi(ruolo: Ruolo): LivelloChiavi {
  return RUOLI_EQUIPE.includes(ruolo) ? 'equipe' : 'amministrativo';
}
