/**
 * @module server/staticSite
 * Serves the built PWA (`dist/`) from the relay's own origin, so one process is the whole
 * product: files with sensible caching, every other navigation answered with index.html (the
 * SPA decides), and — while the PWA has not been built — a small Italian status page instead.
 * Also the security headers every HTTP answer carries.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

/**
 * CSP for a Vite PWA that runs libsodium's WebAssembly: scripts only from this origin plus
 * wasm compilation; sockets to this relay; no framing. Styles allow inline attributes because
 * the editor's collaboration carets set `style` on elements; scripts never run inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the security headers to every response (share links carry secrets in the fragment). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    // The camera only for this origin: reading a QR code (a hand-over, a colleague's code, the recovery sheet).
    c.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(), interest-cohort=()');
  };
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the status page shows. */
export interface RelayStatus {
  readonly version: string;
  readonly rooms: number;
  readonly sockets: number;
  readonly uptimeSeconds: number;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page `/` shows while dist/ has not been built. */
export function statusPage(status: RelayStatus): string {
  const minutes = Math.floor(status.uptimeSeconds / 60);
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cartella — relay</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2733}
dt{font-weight:600}dd{margin:0 0 .6rem 0}code{background:#eef1f4;padding:.1rem .3rem;border-radius:.2rem}</style>
</head>
<body>
<h1>Cartella</h1>
<p>Relay Cartella in funzione — la PWA non è stata ancora compilata: eseguire <code>npm run build</code>
(oppure <code>npm start</code>, che compila e poi avvia il relay).</p>
<dl>
<dt>Versione</dt><dd>${escapeHtml(status.version)}</dd>
<dt>Stanze attive</dt><dd>${status.rooms}</dd>
<dt>Connessioni aperte</dt><dd>${status.sockets}</dd>
<dt>In funzione da</dt><dd>${minutes} min</dd>
</dl>
<p>Il relay conserva e inoltra soltanto buste cifrate: non possiede alcuna chiave.</p>
</body>
</html>
`;
}

async function fileAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function cacheControl(relativePath: string): string {
  // Vite puts content-hashed files under assets/: they never change under the same name.
  if (relativePath.startsWith(`assets${sep}`)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * GET/HEAD handler for the PWA in `dir`. Paths that escape `dir` are refused; an unknown path
 * without a file extension gets index.html (client-side routing); `/` without a build gets the
 * status page.
 */
export function staticSite(dir: string, status: () => RelayStatus): MiddlewareHandler {
  const root = resolve(dir);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.text('Richiesta non valida', 400);
    }
    if (path.includes('\0')) return c.text('Richiesta non valida', 400);
    const target = resolve(root, `.${path}`);
    if (target !== root && !target.startsWith(root + sep)) return c.text('Non trovato', 404);
    const index = resolve(root, 'index.html');
    const built = await fileAt(index);
    let file: string | undefined;
    if (target !== root && (await fileAt(target))) file = target;
    else if (built && (target === root || extname(path) === '')) file = index;
    if (file === undefined) {
      if (!built && (path === '/' || path === '/index.html')) {
        c.header('Cache-Control', 'no-store');
        return c.html(statusPage(status()));
      }
      return next();
    }
    const body = await readFile(file);
    const relative = file.slice(root.length + 1);
    c.header('Content-Type', MIME[extname(file).toLowerCase()] ?? 'application/octet-stream');
    c.header('Cache-Control', cacheControl(relative));
    if (c.req.method === 'HEAD') {
      c.header('Content-Length', String(body.length));
      return c.body(null, 200);
    }
    return c.body(new Uint8Array(body), 200);
  };
}
