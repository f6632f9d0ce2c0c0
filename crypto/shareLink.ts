/**
 * @module crypto/shareLink
 * Owns the link form of a share bundle (docs/SHARING.md, "Link"): `<origin>/#ricevi=<base64url
 * bundle>`. The bundle lives only in the URL fragment, which browsers never send to a server
 * (nor put in a Referer); the app strips it from the address bar once read. Anyone who sees the
 * link holds the keys, so a link may carry only a bundle valid for at most 24 hours.
 */
import { fromBase64Url, toBase64Url } from './bytes';
import { decodeShareBundle, SHARE_BUNDLE_MAX_BYTES } from './shareBundle';
import { ok } from './result';
import type { Result } from './result';
import { shareErr } from './shareErrors';

/** The fragment parameter that carries the bundle. */
export const SHARE_LINK_PARAM = 'ricevi';
/** Validity of a bundle made for a link, and the longest `shareLink` accepts: 24 hours. */
export const LINK_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** The longest origin `shareLink` accepts. */
export const LINK_ORIGIN_MAX_CHARS = 2048;
/** The longest pasted text `parseShareLink` looks at (before white space is removed). */
export const LINK_MAX_CHARS = 2 * (LINK_ORIGIN_MAX_CHARS + SHARE_LINK_PARAM.length + 2 + Math.ceil((SHARE_BUNDLE_MAX_BYTES * 4) / 3));

/** https with any host, or http only for this machine (development). No query, no fragment. */
const ORIGIN = /^(?:https:\/\/[^\s/?#@]+|http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?)(?:\/[^\s?#]*)?$/;
const FRAGMENT_PREFIX = `${SHARE_LINK_PARAM}=`;

/**
 * The link for `bundleBytes`: `${origin}/#ricevi=<base64url>` (a trailing '/' on `origin` is
 * not doubled; `origin` may include the path the app is served under).
 * @throws RangeError if `origin` is not an https origin (http only for localhost), or
 * `bundleBytes` is not a valid signed bundle valid for at most `LINK_VALIDITY_MS` (a link is
 * seen by whoever sees the message: it must not stay usable for days).
 */
export function shareLink(bundleBytes: Uint8Array, origin: string): string {
  if (typeof origin !== 'string' || origin.length > LINK_ORIGIN_MAX_CHARS || !ORIGIN.test(origin)) {
    throw new RangeError('origin must be https://host[/path] (http only for localhost)');
  }
  const bundle = decodeShareBundle(bundleBytes);
  if (!bundle.ok) throw new RangeError(`not a valid bundle: ${bundle.code}`);
  if (bundle.value.expiresAt - bundle.value.issuedAt > LINK_VALIDITY_MS) {
    throw new RangeError('a bundle sent as a link must be valid for at most LINK_VALIDITY_MS');
  }
  return `${origin.replace(/\/+$/, '')}/#${FRAGMENT_PREFIX}${toBase64Url(bundleBytes)}`;
}

/**
 * The bundle bytes from a pasted link: the whole URL, or just its fragment (`#ricevi=…` or
 * `ricevi=…`). White space anywhere (a link wrapped by an e-mail client) and enclosing angle
 * brackets are ignored. Refused as `link_malformed`: not a string, longer than
 * `LINK_MAX_CHARS`, no `ricevi=` fragment, anything after the base64url, non-canonical
 * base64url, empty or longer than a bundle can be. The bytes still go to `parseShareBundle`.
 */
export function parseShareLink(text: string): Result<Uint8Array, 'link_malformed'> {
  if (typeof text !== 'string' || text.length > LINK_MAX_CHARS) return shareErr('link_malformed', 'testo troppo lungo');
  let compact = text.replace(/\s+/gu, '');
  if (compact.startsWith('<') && compact.endsWith('>')) compact = compact.slice(1, -1);
  const hash = compact.indexOf('#');
  const fragment = hash >= 0 ? compact.slice(hash + 1) : compact;
  if (!fragment.startsWith(FRAGMENT_PREFIX)) return shareErr('link_malformed', `manca "#${FRAGMENT_PREFIX}"`);
  const decoded = fromBase64Url(fragment.slice(FRAGMENT_PREFIX.length));
  if (!decoded.ok) return shareErr('link_malformed', 'caratteri non validi');
  if (decoded.value.length === 0 || decoded.value.length > SHARE_BUNDLE_MAX_BYTES) return shareErr('link_malformed', 'lunghezza non valida');
  return ok(decoded.value);
}
