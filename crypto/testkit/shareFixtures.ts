/**
 * @module crypto/testkit/shareFixtures
 * Owns test-only helpers for the hand-over tests: an independent encoder of the share bundle,
 * written from the byte table of docs/SHARING.md (not from shareBundle.ts), that can also write
 * what the real encoder refuses to (inconsistent roles, no motivo, unsorted epochs) and sign it,
 * so the parser's refusals of well-signed but invalid bundles can be tested. Not exported.
 */
import { blake2b } from '../primitives';
import type { DeviceIdentity } from '../identity';
import { generateDeviceIdentity } from '../identity';
import { sodium } from '../sodium';
import { makeCartella } from './keyringFixtures';
import type { CartellaKeys } from '../keyringData';

/** A part as raw fields, written in the given order. */
export interface RawPart {
  roomId: Uint8Array;
  currentEpoch: number;
  keys: Array<{ epoch: number; key: Uint8Array }>;
}

/** Every field of a bundle, as docs/SHARING.md lists them. */
export interface RawBundle {
  magic?: string;
  version?: number;
  bundleId: Uint8Array;
  roleByte: number;
  flags: number;
  issuedAt: number;
  expiresAt: number;
  issuerSign: Uint8Array;
  issuerBox: Uint8Array;
  recipient?: { sign: Uint8Array; box: Uint8Array };
  cartellaId: string;
  admin: RawPart;
  prof?: RawPart;
  nome: string;
  motivo?: string;
}

function u16(v: number): number[] {
  return [(v >>> 8) & 0xff, v & 0xff];
}

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function u64(v: number): number[] {
  return [...u32(Math.floor(v / 2 ** 32)), ...u32(v >>> 0)];
}

function part(p: RawPart): number[] {
  const out = [...p.roomId, ...u32(p.currentEpoch), ...u16(p.keys.length)];
  for (const k of p.keys) out.push(...u32(k.epoch), ...k.key);
  return out;
}

/** The unsigned body (everything the signature covers). */
export function encodeRawBundleBody(b: RawBundle): Uint8Array {
  const text = new TextEncoder();
  const nome = text.encode(b.nome);
  const motivo = text.encode(b.motivo ?? '');
  const out: number[] = [
    ...text.encode(b.magic ?? 'CRTBNDL1'), b.version ?? 1, ...b.bundleId, b.roleByte, b.flags, ...u64(b.issuedAt), ...u64(b.expiresAt),
    ...b.issuerSign, ...b.issuerBox,
  ];
  if (b.recipient !== undefined) out.push(...b.recipient.sign, ...b.recipient.box);
  out.push(b.cartellaId.length, ...text.encode(b.cartellaId), ...part(b.admin));
  if (b.prof !== undefined) out.push(...part(b.prof));
  out.push(...u16(nome.length), ...nome, ...u16(motivo.length), ...motivo);
  return Uint8Array.from(out);
}

/** The body signed as the spec says: Ed25519 over BLAKE2b-512("cartella-share-bundle-v1" | body). */
export function signRawBundle(body: Uint8Array, signPrivateKey: Uint8Array): Uint8Array {
  const domain = new TextEncoder().encode('cartella-share-bundle-v1');
  const digest = blake2b(64, Uint8Array.from([...domain, ...body]));
  return Uint8Array.from([...body, ...sodium().crypto_sign_detached(digest, signPrivateKey)]);
}

/** Encodes and signs (with `signer`, default the issuer named in the fields). */
export function forgeBundle(b: RawBundle, signer: Uint8Array): Uint8Array {
  return signRawBundle(encodeRawBundleBody(b), signer);
}

/** A sender, a recipient, a cartella with two epochs per part, and a fixed time. */
export interface ShareSetup {
  issuer: DeviceIdentity;
  colleague: DeviceIdentity;
  stranger: DeviceIdentity;
  cartella: CartellaKeys;
  now: number;
}

export function makeShareSetup(): ShareSetup {
  return {
    issuer: generateDeviceIdentity(),
    colleague: generateDeviceIdentity(),
    stranger: generateDeviceIdentity(),
    cartella: makeCartella('cartella-0042', { epochs: 2 }),
    now: Date.UTC(2025, 4, 6, 9, 0, 0),
  };
}

/** Raw fields of a valid équipe bundle of `setup` (consenso given), to mutate in tests. */
export function rawEquipeBundle(setup: ShareSetup): RawBundle {
  const { issuer, cartella, now } = setup;
  const raw = (p: CartellaKeys['admin']): RawPart => ({ roomId: p.roomId, currentEpoch: p.currentEpoch, keys: [...p.keys] });
  return {
    bundleId: new Uint8Array(16).fill(7),
    roleByte: 1,
    flags: 0x01 | 0x04,
    issuedAt: now,
    expiresAt: now + 60_000,
    issuerSign: issuer.signPublicKey,
    issuerBox: issuer.boxPublicKey,
    cartellaId: cartella.cartellaId,
    admin: raw(cartella.admin),
    prof: raw(cartella.prof!),
    nome: 'Giulia Bianchi',
  };
}
