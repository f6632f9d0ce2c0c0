/**
 * QR codes of the hand-over texts (client/ui/qrSimbolo.ts) and reading a received text
 * (client/chiavi/testoConsegna.ts): the real `CARTELLA-CHIAVI:` texts of each padding bucket get
 * the documented error correction and version, and decode back to the same text; a text no QR
 * holds gives no symbol; the SVG path covers exactly the dark modules; pasted and scanned texts
 * are told apart and refused by name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import decodeQR from 'qr/decode.js';
import {
  createShareBundle, encodeMyKeyCode, generateDeviceIdentity, generateRecoveryKey, LINK_VALIDITY_MS, recoveryPrivateKeyToText, shareLink,
  wrapBundleWithPassphrase, wrappedBundleToText, generateOneTimePassphrase, type DeviceIdentity,
} from '../../crypto';
import { initSodium } from '../../crypto/sodium';
import { FAST_PARAMS, makeCartella } from '../../crypto/testkit/keyringFixtures';
import { leggiTestoConsegna } from '../../client/chiavi/testoConsegna';
import { MARGINE_QR, percorsoQr, simboloQr, type SimboloQr } from '../../client/ui/qrSimbolo';

let issuer: DeviceIdentity;
let colleague: DeviceIdentity;
const now = Date.UTC(2025, 4, 6, 9, 0, 0);

beforeAll(async () => {
  await initSodium();
  issuer = generateDeviceIdentity();
  colleague = generateDeviceIdentity();
});

/** A hand-over as Affida makes it: équipe, bound to the colleague, `epochs` keys per part. */
function bundle(epochs: number, validityMs?: number): Uint8Array {
  const made = createShareBundle({
    cartella: makeCartella('cartella-0042', { epochs }), role: 'equipe', issuer, issuerNome: 'Giulia Bianchi',
    recipient: { signPublicKey: colleague.signPublicKey, boxPublicKey: colleague.boxPublicKey },
    handover: { consenso: true }, now, ...(validityMs === undefined ? {} : { validityMs }),
  });
  if (!made.ok) throw new Error(made.message);
  return made.value.bytes;
}

function fileConsegna(epochs: number): Uint8Array {
  return wrapBundleWithPassphrase(bundle(epochs), generateOneTimePassphrase(), FAST_PARAMS);
}

/** The symbol as an RGBA picture at `px` pixels a module, as a screenshot of the SVG would be. */
function raster(simbolo: SimboloQr, px: number): { width: number; height: number; data: Uint8Array } {
  const lato = simbolo.lato * px;
  const data = new Uint8Array(lato * lato * 4).fill(255);
  for (let y = 0; y < lato; y += 1) {
    for (let x = 0; x < lato; x += 1) {
      if (simbolo.moduli[Math.floor(y / px)]?.[Math.floor(x / px)]) data.fill(0, (y * lato + x) * 4, (y * lato + x) * 4 + 3);
    }
  }
  return { width: lato, height: lato, data };
}

describe('simboloQr', () => {
  // File sizes: 58 header + padding bucket + 16 tag (docs/SHARING.md); text = prefix + base32.
  it.each([
    [1, 512, 954, 'medium', 20],
    [5, 1024, 1773, 'medium', 29],
    [12, 2048, 3412, 'low', 36],
  ] as const)('encodes the QR text of a hand-over with %i epoch(s) per part (bucket %i, %i characters) at %s, version %i, and decodes it back',
    (epochs, bucket, caratteri, correzione, versione) => {
      const file = fileConsegna(epochs);
      expect(file.length).toBe(58 + bucket + 16);
      const testo = wrappedBundleToText(file);
      expect(testo.length).toBe(caratteri);
      const simbolo = simboloQr(testo);
      expect(simbolo).toMatchObject({ correzione, versione, lato: 17 + 4 * versione + 2 * MARGINE_QR });
      expect(decodeQR(raster(simbolo as SimboloQr, 3))).toBe(testo);
    });

  it('gives no symbol for a hand-over too large for any QR code (bucket 4096): the screen offers the file only', () => {
    const file = fileConsegna(27);
    expect(file.length).toBe(58 + 4096 + 16);
    expect(simboloQr(wrappedBundleToText(file))).toBeUndefined();
  });

  it('encodes "il mio codice" at medium and the recovery private key at high correction, both small', () => {
    const codice = encodeMyKeyCode({ signPublicKey: colleague.signPublicKey, boxPublicKey: colleague.boxPublicKey });
    const mio = simboloQr(codice);
    expect(mio).toMatchObject({ correzione: 'medium', versione: 6 });
    expect(decodeQR(raster(mio as SimboloQr, 4))).toBe(codice);
    const privata = recoveryPrivateKeyToText(generateRecoveryKey());
    const foglio = simboloQr(privata, ['high', 'quartile', 'medium', 'low']);
    expect(foglio).toMatchObject({ correzione: 'high', versione: 7 });
    expect(decodeQR(raster(foglio as SimboloQr, 4))).toBe(privata);
  });

  it('draws every dark module once and nothing else in the SVG path, quiet zone left white', () => {
    const simbolo = simboloQr('CODICE:ABCD-EFGH') as SimboloQr;
    const scuri = simbolo.moduli.flat().filter(Boolean).length;
    const runs = [...percorsoQr(simbolo).matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/gu)];
    expect(runs.reduce((n, r) => n + Number(r[3]), 0)).toBe(scuri);
    for (const r of runs) {
      const [x, y, n] = [Number(r[1]), Number(r[2]), Number(r[3])];
      expect(r[3]).toBe(r[4]);
      expect(simbolo.moduli[y]?.slice(x, x + n).every(Boolean)).toBe(true);
      expect(x >= MARGINE_QR && y >= MARGINE_QR && x + n <= simbolo.lato - MARGINE_QR && y < simbolo.lato - MARGINE_QR).toBe(true);
    }
  });
});

describe('leggiTestoConsegna', () => {
  it('reads the QR text of a passphrase file, in any case and with white space, as the file bytes', () => {
    const file = fileConsegna(1);
    const testo = wrappedBundleToText(file);
    for (const variante of [testo, testo.toLowerCase(), `  ${testo.slice(0, 40)}\n${testo.slice(40)}  `]) {
      const r = leggiTestoConsegna(variante, 'qr');
      expect(r).toEqual({ ok: true, value: { tipo: 'file', file } });
    }
  });

  it('reads a hand-over link, whole or as its fragment', () => {
    const link = shareLink(bundle(1, LINK_VALIDITY_MS), 'https://cartella.comune.example');
    expect(leggiTestoConsegna(link, 'testo')).toEqual({ ok: true, value: { tipo: 'link', link } });
    expect(leggiTestoConsegna(` ${link.slice(link.indexOf('#'))}\n`, 'qr')).toMatchObject({ ok: true, value: { tipo: 'link' } });
  });

  it('refuses a damaged QR text as qr_malformed and a damaged link as link_malformed', () => {
    const testo = wrappedBundleToText(fileConsegna(1));
    expect(leggiTestoConsegna(testo.slice(0, 50), 'qr')).toMatchObject({ ok: false, code: 'qr_malformed' });
    expect(leggiTestoConsegna(`${testo.slice(0, 30)}!${testo.slice(31)}`, 'qr')).toMatchObject({ ok: false, code: 'qr_malformed' });
    expect(leggiTestoConsegna('https://cartella.comune.example/#ricevi=AAAA&x=1', 'testo')).toMatchObject({ ok: false, code: 'link_malformed' });
  });

  it('says a QR code of something else is not a Cartella code, and a pasted one is neither form', () => {
    expect(leggiTestoConsegna('https://www.comune.example/servizi-sociali', 'qr'))
      .toEqual({ ok: false, code: 'non_cartella', message: 'Il codice QR non è un codice di Cartella.' });
    expect(leggiTestoConsegna('buongiorno', 'testo')).toMatchObject({ ok: false, code: 'non_cartella', message: expect.stringContaining('CARTELLA-CHIAVI') });
    expect(leggiTestoConsegna('x'.repeat(200_000), 'qr')).toMatchObject({ ok: false, code: 'non_cartella' });
  });

  it('tells a colleague’s device code apart: it is for the one who prepares the hand-over', () => {
    const codice = encodeMyKeyCode({ signPublicKey: colleague.signPublicKey, boxPublicKey: colleague.boxPublicKey });
    expect(leggiTestoConsegna(codice, 'qr')).toMatchObject({ ok: false, code: 'mio_codice', message: expect.stringContaining('il mio codice') });
  });
});
