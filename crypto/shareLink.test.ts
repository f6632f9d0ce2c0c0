/**
 * The link form: the bundle only in the fragment, 24-hour validity at most, and a parser that
 * accepts a whole URL or its fragment as people paste them, and nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from './bytes';
import { createShareBundle, DEFAULT_BUNDLE_VALIDITY_MS, parseShareBundle, SHARE_BUNDLE_MAX_BYTES } from './shareBundle';
import { LINK_MAX_CHARS, LINK_VALIDITY_MS, parseShareLink, shareLink } from './shareLink';
import { initSodium } from './sodium';
import { makeShareSetup } from './testkit/shareFixtures';
import type { ShareSetup } from './testkit/shareFixtures';

beforeAll(initSodium);

let setup: ShareSetup;
let bundle: Uint8Array;
beforeAll(() => {
  setup = makeShareSetup();
  const made = createShareBundle({
    cartella: setup.cartella, role: 'amministrativo', issuer: setup.issuer, issuerNome: 'Giulia Bianchi',
    handover: { consenso: true }, now: setup.now, validityMs: LINK_VALIDITY_MS,
  });
  if (!made.ok) throw new Error(made.message);
  bundle = made.value.bytes;
});

function code(result: { ok: boolean; code?: string }): string {
  return result.ok ? 'ok' : (result.code ?? '?');
}

describe('shareLink', () => {
  it('puts the bundle in the fragment only: origin/#ricevi=<base64url>', () => {
    const link = shareLink(bundle, 'https://cartella.comune.esempio.it');
    expect(link).toBe(`https://cartella.comune.esempio.it/#ricevi=${toBase64Url(bundle)}`);
    expect(link.split('#')[0]).toBe('https://cartella.comune.esempio.it/');
    expect(shareLink(bundle, 'https://esempio.it/servizi/')).toBe(`https://esempio.it/servizi/#ricevi=${toBase64Url(bundle)}`);
  });

  it('round-trips through parseShareLink to a bundle that parses', () => {
    const parsed = parseShareLink(shareLink(bundle, 'https://esempio.it'));
    expect(parsed.ok && toHex(parsed.value)).toBe(toHex(bundle));
    if (parsed.ok) expect(parseShareBundle(parsed.value, { now: setup.now }).ok).toBe(true);
  });

  it('refuses a bundle valid longer than 24 hours, an invalid bundle and a non-https origin (RangeError)', () => {
    const week = createShareBundle({
      cartella: setup.cartella, role: 'equipe', issuer: setup.issuer, issuerNome: 'Giulia Bianchi',
      handover: { consenso: true }, now: setup.now,
    });
    if (!week.ok) throw new Error(week.message);
    expect(DEFAULT_BUNDLE_VALIDITY_MS).toBeGreaterThan(LINK_VALIDITY_MS);
    expect(() => shareLink(week.value.bytes, 'https://esempio.it')).toThrow(RangeError);
    expect(() => shareLink(bundle.subarray(1), 'https://esempio.it')).toThrow(RangeError);
    for (const origin of ['http://esempio.it', 'ftp://esempio.it', 'https://esempio.it/?a=1', 'https://esempio.it/#x', 'https://user@esempio.it', 'esempio.it', '']) {
      expect(() => shareLink(bundle, origin), origin).toThrow(RangeError);
    }
    expect(shareLink(bundle, 'http://localhost:5173')).toMatch(/^http:\/\/localhost:5173\/#ricevi=/);
  });
});

describe('parseShareLink', () => {
  it('accepts the whole URL, the fragment with or without "#", with spaces, line breaks and angle brackets', () => {
    const b64 = toBase64Url(bundle);
    const forms = [
      `https://esempio.it/#ricevi=${b64}`,
      `  https://esempio.it/#ricevi=${b64}\n`,
      `#ricevi=${b64}`,
      `ricevi=${b64}`,
      `<https://esempio.it/#ricevi=${b64.slice(0, 40)}\n${b64.slice(40)}>`,
      `https://esempio.it/#ricevi=${b64.slice(0, 50)} ${b64.slice(50)}`,
    ];
    for (const form of forms) {
      const parsed = parseShareLink(form);
      expect(parsed.ok && toHex(parsed.value), form.slice(0, 40)).toBe(toHex(bundle));
    }
  });

  it('refuses anything else as link_malformed', () => {
    const b64 = toBase64Url(bundle);
    const bad = [
      '',
      'https://esempio.it/',
      `https://esempio.it/?ricevi=${b64}`,
      `https://esempio.it/#altro=${b64}`,
      `https://esempio.it/#ricevi=${b64}&x=1`,
      `https://esempio.it/#ricevi=${b64}=`,
      `https://esempio.it/#ricevi=${b64.replace(/[A-Za-z]/, '+')}`,
      'https://esempio.it/#ricevi=',
      `#ricevi=${toBase64Url(new Uint8Array(SHARE_BUNDLE_MAX_BYTES + 1))}`,
      'x'.repeat(LINK_MAX_CHARS + 1),
      42 as unknown as string,
    ];
    for (const text of bad) expect(code(parseShareLink(text)), String(text).slice(0, 60)).toBe('link_malformed');
  });
});
