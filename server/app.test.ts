/**
 * The relay's HTTP side: /health, the PWA with its security headers and SPA fallback, the
 * Italian status page while dist/ is missing, and the WebSocket endpoint refusing upgrades
 * during shutdown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../crypto';
import { createRelayApp } from './app';
import { Relay } from './relay';
import { CONTENT_SECURITY_POLICY } from './staticSite';
import { MemoryRelayStore } from './store/memoryRelayStore';
import WebSocket from 'ws';
import { startTestRelay } from './test/harness';

const root = mkdtempSync(join(tmpdir(), 'cartella-app-'));
const dist = join(root, 'dist');
beforeAll(async () => {
  await initSodium();
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Cartella</title>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
  writeFileSync(join(root, 'secret.txt'), 'not for you');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function appWith(staticDir: string) {
  const store = new MemoryRelayStore();
  const relay = new Relay({ store });
  const { app } = createRelayApp({ relay, store, version: '9.9.9', staticDir, startedAt: Date.now() - 120_000 });
  return { app, relay };
}

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers.get('content-security-policy')).toContain('connect-src \'self\' ws: wss:');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
}

describe('GET /health', () => {
  it('reports status, version, rooms, sockets and uptime as JSON', async () => {
    const { app } = appWith(dist);
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', version: '9.9.9', rooms: 0, storedRooms: 0, sockets: 0 });
    expect(body.uptime).toBeGreaterThanOrEqual(120);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 shutting_down once shutdown began, and refuses new WebSocket upgrades', async () => {
    const { app, relay } = appWith(dist);
    await relay.shutdown();
    const res = await app.request('/health');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { status: string }).status).toBe('shutting_down');
    const upgrade = await app.request('/sync', { headers: { upgrade: 'websocket' } });
    expect(upgrade.status).toBe(503);
  });

  it('is served by a running relay over HTTP', async () => {
    const relay = await startTestRelay();
    try {
      const res = await fetch(`${relay.server.url}/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('ok');
    } finally {
      await relay.stop();
    }
  });
});

describe('the PWA from dist/', () => {
  it('serves index.html at / with the security headers', async () => {
    const { app } = appWith(dist);
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<title>Cartella</title>');
    expectSecurityHeaders(res.headers);
  });

  it('serves hashed assets as immutable and the service worker as no-cache', async () => {
    const { app } = appWith(dist);
    const asset = await app.request('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const sw = await app.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/manifest.webmanifest')).headers.get('content-type')).toBe('application/manifest+json');
  });

  it('falls back to index.html for client-side routes, but not for missing files', async () => {
    const { app } = appWith(dist);
    const route = await app.request('/cartelle/42/diario');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Cartella</title>');
    const missing = await app.request('/assets/missing.js');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
  });

  it('never serves a file outside dist/', async () => {
    const { app } = appWith(dist);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.request(path);
      expect(await res.text()).not.toContain('not for you');
    }
  });
});

describe('without a built PWA', () => {
  it('shows an Italian status page at / with the relay status', async () => {
    const { app } = appWith(join(root, 'missing-dist'));
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Relay Cartella in funzione — la PWA non è stata ancora compilata: eseguire <code>npm run build</code>');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('9.9.9');
    expect(html).toContain('Connessioni aperte');
    expectSecurityHeaders(res.headers);
  });
});

describe('heartbeat', () => {
  it('cuts a socket that stops answering pings and keeps one that answers', async () => {
    const relay = await startTestRelay({ heartbeatMs: 100 });
    try {
      const alive = await relay.connect();
      const silent = new WebSocket(relay.wsUrl, { autoPong: false });
      await new Promise((resolve) => silent.once('open', resolve));
      const cut = await new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
      expect(cut).toBe(1006);
      expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      await relay.stop();
    }
  });
});
