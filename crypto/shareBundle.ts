/**
 * @module crypto/shareBundle
 * Owns the share bundle (docs/SHARING.md, "Share bundle"): the keys of one cartella handed to a
 * colleague, with the role they are handed for. "equipe" carries the admin and the prof keys,
 * "amministrativo" the admin keys only: the prof part is absent from the bytes, never hidden.
 * Every epoch held is included, so the colleague reads the whole history. The bundle is binary,
 * versioned, signed by the issuer's device key over a domain-separated BLAKE2b digest, and
 * carries no personal data of the assisted person (no name, no label: only the cartella id).
 * `parseShareBundle` is the one validator of untrusted bundle bytes; the three wrappings (link,
 * passphrase file, sealed box) all end in it.
 */
import { ByteReader, ByteWriter, Malformed, Truncated } from './byteCursor';
import { bytesEqual, concatBytes } from './bytes';
import type { DeviceIdentity } from './identity';
import { BUNDLE_ID_BYTES } from './keyringData';
import type { CartellaKeys, PartKeyRecord } from './keyringData';
import { CARTELLA_ID_MAX_BYTES, PART_KEYS_MAX_BYTES, readCartellaId, readPartKeys, writeCartellaId, writePartKeys } from './partKeysCodec';
import { blake2b, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES, ed25519Sign, ed25519Verify, X25519_BYTES } from './primitives';
import { isUsableEd25519PublicKey, isUsableX25519PublicKey } from './publicKeys';
import { randomBytes } from './random';
import { ok } from './result';
import type { Result } from './result';
import { shareErr } from './shareErrors';
import type { BundleErrorCode } from './shareErrors';
import { isFreeText, isNome } from './textRules';

/** The first 8 bytes of every bundle (ASCII). */
export const SHARE_BUNDLE_MAGIC = 'CRTBNDL1';
/** The bundle version this code writes and reads. */
export const SHARE_BUNDLE_VERSION = 1;
/** Domain string of the issuer's signature. */
export const SHARE_BUNDLE_SIGNATURE_DOMAIN = 'cartella-share-bundle-v1';
/** Role byte values. */
export const SHARE_ROLE_BYTES = { equipe: 1, amministrativo: 2 } as const;
/** Flag bits; the others must be zero. */
export const SHARE_BUNDLE_FLAGS = { prof: 0x01, recipient: 0x02, consenso: 0x04 } as const;
/** Offsets of the fixed fields (the rest follows at `variable`). */
export const SHARE_BUNDLE_OFFSETS = {
  magic: 0, version: 8, bundleId: 9, role: 25, flags: 26, issuedAt: 27, expiresAt: 35, issuerSign: 43, issuerBox: 75, variable: 107,
} as const;
/** Validity of a bundle when the caller names none: 7 days (a passphrase file or a sealed box). */
export const DEFAULT_BUNDLE_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;
/** The longest validity a bundle may state: 30 days. */
export const MAX_BUNDLE_VALIDITY_MS = 30 * 24 * 60 * 60 * 1000;
/** Bounds of the hand-over reason, in code points and in UTF-8 bytes. */
export const MOTIVO_MAX_CHARS = 500;
export const MOTIVO_MAX_BYTES = 4 * MOTIVO_MAX_CHARS;
/** The issuer's name in UTF-8 bytes (100 code points of at most 4 bytes). */
export const ISSUER_NOME_MAX_BYTES = 400;
/** The largest bundle the format allows; anything longer is refused before it is read. */
export const SHARE_BUNDLE_MAX_BYTES =
  SHARE_BUNDLE_OFFSETS.variable + ED25519_PUBLIC_KEY_BYTES + X25519_BYTES + CARTELLA_ID_MAX_BYTES + 2 * PART_KEYS_MAX_BYTES +
  2 + ISSUER_NOME_MAX_BYTES + 2 + MOTIVO_MAX_BYTES + ED25519_SIGNATURE_BYTES;

const MAGIC_BYTES = new TextEncoder().encode(SHARE_BUNDLE_MAGIC);
const DOMAIN_BYTES = new TextEncoder().encode(SHARE_BUNDLE_SIGNATURE_DOMAIN);

/** What the keys are handed over for: the whole équipe view, or the administrative part only. */
export type ShareRole = keyof typeof SHARE_ROLE_BYTES;

/** A device's two public keys, as "il mio codice" carries them. */
export interface SharePublicKeys {
  signPublicKey: Uint8Array;
  boxPublicKey: Uint8Array;
}

/** Who made the bundle: the device keys and the worker's name as shown to the recipient. */
export interface ShareIssuer extends SharePublicKeys {
  nome: string;
}

/** The record of the hand-over itself. */
export interface Handover {
  /** Whether the assisted person consented to the case being shared. */
  consenso: boolean;
  /** Why (1..500 code points); required when `consenso` is false. Blank counts as absent. */
  motivo?: string;
}

/** A decoded, verified bundle. */
export interface ShareBundle {
  /** 16 random bytes; a device accepts each bundle once. */
  bundleId: Uint8Array;
  cartellaId: string;
  role: ShareRole;
  /** Every epoch the issuer holds. */
  admin: PartKeyRecord;
  /** Present exactly when `role` is "equipe". */
  prof?: PartKeyRecord;
  issuer: ShareIssuer;
  /** The one device that may accept it (sealed-box hand-over); absent for a bearer bundle. */
  recipient?: SharePublicKeys;
  /** Milliseconds since the Unix epoch. */
  issuedAt: number;
  /** Milliseconds since the Unix epoch; after `issuedAt`, at most 30 days later. */
  expiresAt: number;
  handover: Handover;
}

/** What the receiving device knows when it accepts a bundle. */
export interface ParseShareBundleOptions {
  /** The current time, ms since the Unix epoch. */
  now: number;
  /** Bundle ids already accepted (the keyring's `usedBundleIds`). */
  usedBundleIds?: ReadonlyArray<Uint8Array>;
  /** This device's public keys: a bundle naming a recipient is accepted only by that device. */
  me?: SharePublicKeys;
}

/** What the issuing device provides. */
export interface CreateShareBundleInput {
  /** The cartella's keys as held in the keyring. */
  cartella: CartellaKeys;
  role: ShareRole;
  /** The issuing device: it signs. */
  issuer: DeviceIdentity;
  /** The worker's name, as in the keyring profile. */
  issuerNome: string;
  /** Binds the bundle to one colleague's device (needed for `sealBundleTo`). */
  recipient?: SharePublicKeys;
  handover: Handover;
  /** ms since the Unix epoch. */
  now: number;
  /** Default `DEFAULT_BUNDLE_VALIDITY_MS`; links use `LINK_VALIDITY_MS` (crypto/shareLink.ts). */
  validityMs?: number;
}

/** Internal: the role and the keys present disagree. */
class RoleMismatch extends Error {}

function signedDigest(body: Uint8Array): Uint8Array {
  return blake2b(64, concatBytes(DOMAIN_BYTES, body));
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Malformed(`${what}: UTF-8 non valido`);
  }
}

function readPublicKeys(r: ByteReader, who: string): SharePublicKeys {
  const signPublicKey = r.take(ED25519_PUBLIC_KEY_BYTES).slice();
  const boxPublicKey = r.take(X25519_BYTES).slice();
  if (!isUsableEd25519PublicKey(signPublicKey)) throw new Malformed(`${who}: chiave di firma non valida`);
  if (!isUsableX25519PublicKey(boxPublicKey)) throw new Malformed(`${who}: chiave di cifratura non valida`);
  return { signPublicKey, boxPublicKey };
}

/** Reads everything; throws Truncated, Malformed or RoleMismatch (and nothing else). */
function readBundle(bytes: Uint8Array): { bundle: ShareBundle; signedLength: number; signature: Uint8Array } {
  const r = new ByteReader(bytes);
  const bundleId = r.take(BUNDLE_ID_BYTES).slice();
  const roleByte = r.u8();
  const role = (Object.keys(SHARE_ROLE_BYTES) as ShareRole[]).find((k) => SHARE_ROLE_BYTES[k] === roleByte);
  if (role === undefined) throw new RoleMismatch(`ruolo sconosciuto (${roleByte})`);
  const flags = r.u8();
  if ((flags & ~(SHARE_BUNDLE_FLAGS.prof | SHARE_BUNDLE_FLAGS.recipient | SHARE_BUNDLE_FLAGS.consenso)) !== 0) {
    throw new Malformed('bit riservati non nulli');
  }
  const issuedAt = r.u64('data di emissione');
  const expiresAt = r.u64('data di scadenza');
  if (expiresAt <= issuedAt || expiresAt - issuedAt > MAX_BUNDLE_VALIDITY_MS) throw new Malformed('validità non ammessa');
  const issuerKeys = readPublicKeys(r, 'mittente');
  const recipient = (flags & SHARE_BUNDLE_FLAGS.recipient) !== 0 ? readPublicKeys(r, 'destinatario') : undefined;
  const cartellaId = readCartellaId(r);
  const admin = readPartKeys(r, 'parte amministrativa');
  const prof = (flags & SHARE_BUNDLE_FLAGS.prof) !== 0 ? readPartKeys(r, 'parte professionale') : undefined;
  if (prof !== undefined && bytesEqual(admin.roomId, prof.roomId)) throw new Malformed('le due parti hanno la stessa stanza');
  const nomeLength = r.u16();
  if (nomeLength < 1 || nomeLength > ISSUER_NOME_MAX_BYTES) throw new Malformed('nome del mittente: lunghezza non valida');
  const nome = decodeUtf8(r.take(nomeLength), 'nome del mittente');
  if (!isNome(nome)) throw new Malformed('nome del mittente non valido');
  const motivoLength = r.u16();
  if (motivoLength > MOTIVO_MAX_BYTES) throw new Malformed('motivo: lunghezza non valida');
  const motivo = motivoLength === 0 ? undefined : decodeUtf8(r.take(motivoLength), 'motivo');
  if (motivo !== undefined && !isFreeText(motivo, MOTIVO_MAX_CHARS)) throw new Malformed('motivo non valido');
  const signedLength = r.position;
  if (r.remaining < ED25519_SIGNATURE_BYTES) throw new Truncated('firma');
  if (r.remaining > ED25519_SIGNATURE_BYTES) throw new Malformed('byte in eccesso dopo la firma');
  const signature = r.take(ED25519_SIGNATURE_BYTES);
  const bundle: ShareBundle = {
    bundleId,
    cartellaId,
    role,
    admin,
    ...(prof !== undefined ? { prof } : {}),
    issuer: { ...issuerKeys, nome },
    ...(recipient !== undefined ? { recipient } : {}),
    issuedAt,
    expiresAt,
    handover: { consenso: (flags & SHARE_BUNDLE_FLAGS.consenso) !== 0, ...(motivo !== undefined ? { motivo } : {}) },
  };
  return { bundle, signedLength, signature };
}

/**
 * Decodes and verifies a bundle: everything that does not depend on the receiving device.
 * Order: shape and magic (`bundle_malformed`; a prefix of a bundle is `bundle_truncated`) →
 * version (`bundle_version`) → size bound and every field (`bundle_truncated` past the end,
 * `bundle_malformed` for a value the format forbids, `bundle_role` for an unknown role) →
 * role against keys present (`bundle_role`) → a reason when there was no consent
 * (`bundle_motivo`) → the issuer's signature (`bundle_signature`). Never throws. To ACCEPT a
 * bundle, use `parseShareBundle`, which adds expiry, reuse and recipient.
 */
export function decodeShareBundle(bytes: Uint8Array): Result<ShareBundle, BundleErrorCode> {
  if (!(bytes instanceof Uint8Array)) return shareErr('bundle_malformed', 'non sono byte');
  const head = Math.min(bytes.length, MAGIC_BYTES.length);
  for (let i = 0; i < head; i++) if (bytes[i] !== MAGIC_BYTES[i]) return shareErr('bundle_malformed', 'non è un pacchetto di chiavi');
  if (bytes.length <= SHARE_BUNDLE_OFFSETS.version) return shareErr('bundle_truncated');
  if (bytes[SHARE_BUNDLE_OFFSETS.version] !== SHARE_BUNDLE_VERSION) {
    return shareErr('bundle_version', `versione ${String(bytes[SHARE_BUNDLE_OFFSETS.version])}`);
  }
  if (bytes.length > SHARE_BUNDLE_MAX_BYTES) return shareErr('bundle_malformed', 'troppo lungo');
  let read: ReturnType<typeof readBundle>;
  try {
    read = readBundle(bytes.subarray(SHARE_BUNDLE_OFFSETS.bundleId));
  } catch (e) {
    if (e instanceof Truncated) return shareErr('bundle_truncated');
    if (e instanceof Malformed) return shareErr('bundle_malformed', e.message);
    if (e instanceof RoleMismatch) return shareErr('bundle_role', e.message);
    throw e;
  }
  const { bundle, signedLength, signature } = read;
  if (bundle.role === 'equipe' && bundle.prof === undefined) return shareErr('bundle_role', 'équipe senza la parte professionale');
  if (bundle.role === 'amministrativo' && bundle.prof !== undefined) {
    return shareErr('bundle_role', 'amministrativo con la parte professionale');
  }
  if (!bundle.handover.consenso && bundle.handover.motivo === undefined) return shareErr('bundle_motivo');
  const body = bytes.subarray(0, SHARE_BUNDLE_OFFSETS.bundleId + signedLength);
  if (!ed25519Verify(bundle.issuer.signPublicKey, signedDigest(body), signature)) return shareErr('bundle_signature');
  return ok(bundle);
}

/**
 * Validates untrusted bundle bytes for acceptance on this device: `decodeShareBundle`, then
 * expiry (`bundle_expired`: `now` at or after `expiresAt`), reuse (`bundle_used`: the id is in
 * `usedBundleIds`), and recipient (`bundle_recipient`: the bundle names a recipient and `me` is
 * absent or another device). A bundle naming no recipient is a bearer bundle (link, passphrase
 * file) and passes the last check. Never throws, except on a `now` that is not a time (a
 * programming error).
 */
export function parseShareBundle(bytes: Uint8Array, options: ParseShareBundleOptions): Result<ShareBundle, BundleErrorCode> {
  if (!Number.isSafeInteger(options.now) || options.now < 0) throw new RangeError('now is milliseconds since the Unix epoch');
  const decoded = decodeShareBundle(bytes);
  if (!decoded.ok) return decoded;
  const bundle = decoded.value;
  if (options.now >= bundle.expiresAt) return shareErr('bundle_expired');
  if ((options.usedBundleIds ?? []).some((id) => bytesEqual(id, bundle.bundleId))) return shareErr('bundle_used');
  if (bundle.recipient !== undefined) {
    const me = options.me;
    if (
      me === undefined ||
      !bytesEqual(me.signPublicKey, bundle.recipient.signPublicKey) ||
      !bytesEqual(me.boxPublicKey, bundle.recipient.boxPublicKey)
    ) {
      return shareErr('bundle_recipient');
    }
  }
  return ok(bundle);
}

/**
 * Makes and signs a bundle for `input.cartella`. For "amministrativo" the prof keys are left
 * out of the bytes; for "equipe" they are required (`bundle_role` if the issuer holds none).
 * The result is checked by `decodeShareBundle` before it is returned, so a bundle that would be
 * refused is never handed out: `bundle_motivo` when consent is false and no reason is given,
 * `bundle_malformed` for a name or reason the format refuses (message says which).
 * @throws RangeError on programming errors: `now` or `validityMs` out of range, an issuer
 * identity or keys of the wrong length.
 */
export function createShareBundle(input: CreateShareBundleInput): Result<{ bytes: Uint8Array; bundle: ShareBundle }, BundleErrorCode> {
  const { cartella, role, issuer, recipient, handover, now } = input;
  const validityMs = input.validityMs ?? DEFAULT_BUNDLE_VALIDITY_MS;
  if (!Number.isSafeInteger(now) || now < 0) throw new RangeError('now is milliseconds since the Unix epoch');
  if (!Number.isSafeInteger(validityMs) || validityMs < 1 || validityMs > MAX_BUNDLE_VALIDITY_MS) {
    throw new RangeError(`validityMs must be 1..${MAX_BUNDLE_VALIDITY_MS}`);
  }
  if (role !== 'equipe' && role !== 'amministrativo') throw new RangeError('role must be equipe or amministrativo');
  const prof = role === 'equipe' ? cartella.prof : undefined;
  if (role === 'equipe' && prof === undefined) return shareErr('bundle_role', 'non hai le chiavi della parte professionale');
  if (!isNome(input.issuerNome)) return shareErr('bundle_malformed', 'nome del mittente non valido');
  // An empty or blank reason (an untouched form field) is no reason.
  const motivo = handover.motivo !== undefined && handover.motivo.trim() !== '' ? handover.motivo : undefined;
  if (!handover.consenso && motivo === undefined) return shareErr('bundle_motivo');
  if (motivo !== undefined && !isFreeText(motivo, MOTIVO_MAX_CHARS)) return shareErr('bundle_malformed', 'motivo troppo lungo o con caratteri non ammessi');
  const flags =
    (prof !== undefined ? SHARE_BUNDLE_FLAGS.prof : 0) |
    (recipient !== undefined ? SHARE_BUNDLE_FLAGS.recipient : 0) |
    (handover.consenso ? SHARE_BUNDLE_FLAGS.consenso : 0);
  const w = new ByteWriter()
    .bytes(MAGIC_BYTES)
    .u8(SHARE_BUNDLE_VERSION)
    .bytes(randomBytes(BUNDLE_ID_BYTES))
    .u8(SHARE_ROLE_BYTES[role])
    .u8(flags)
    .u64(now)
    .u64(now + validityMs);
  for (const [key, length] of [[issuer.signPublicKey, ED25519_PUBLIC_KEY_BYTES], [issuer.boxPublicKey, X25519_BYTES]] as const) {
    if (!(key instanceof Uint8Array) || key.length !== length) throw new RangeError('issuer keys of the wrong length');
    w.bytes(key);
  }
  if (recipient !== undefined) {
    if (!(recipient.signPublicKey instanceof Uint8Array) || recipient.signPublicKey.length !== ED25519_PUBLIC_KEY_BYTES ||
        !(recipient.boxPublicKey instanceof Uint8Array) || recipient.boxPublicKey.length !== X25519_BYTES) {
      throw new RangeError('recipient keys of the wrong length');
    }
    w.bytes(recipient.signPublicKey).bytes(recipient.boxPublicKey);
  }
  writeCartellaId(w, cartella.cartellaId);
  writePartKeys(w, cartella.admin);
  if (prof !== undefined) writePartKeys(w, prof);
  const nome = new TextEncoder().encode(input.issuerNome);
  w.u16(nome.length).bytes(nome);
  const motivoBytes = new TextEncoder().encode(motivo ?? '');
  w.u16(motivoBytes.length).bytes(motivoBytes);
  const body = w.finish();
  const bytes = concatBytes(body, ed25519Sign(issuer.signPrivateKey, signedDigest(body)));
  body.fill(0);
  const check = decodeShareBundle(bytes);
  if (!check.ok) {
    bytes.fill(0);
    return check;
  }
  return ok({ bytes, bundle: check.value });
}

/** The keyring entry for an accepted bundle (fresh copies), received at `now`. */
export function shareBundleToCartellaKeys(bundle: ShareBundle, now: Date): CartellaKeys {
  const copy = (p: PartKeyRecord): PartKeyRecord => ({
    roomId: p.roomId.slice() as PartKeyRecord['roomId'],
    currentEpoch: p.currentEpoch,
    keys: p.keys.map((k) => ({ epoch: k.epoch, key: k.key.slice() })),
  });
  return {
    cartellaId: bundle.cartellaId,
    admin: copy(bundle.admin),
    ...(bundle.role === 'equipe' && bundle.prof !== undefined ? { prof: copy(bundle.prof) } : {}),
    addedAt: now.toISOString(),
  };
}
