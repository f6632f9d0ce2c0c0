/**
 * @module server/app
 * The relay as an HTTP server: Hono on @hono/node-server with the WebSocket endpoint `/sync`
 * (@hono/node-ws), `GET /health`, and the built PWA with its security headers. Wires the
 * transport-free engine (relay.ts) to real sockets and owns the graceful stop of the process.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { WebSocket, WebSocketServer } from 'ws';
import { ENVELOPES_FRAME_HEADER_BYTES } from '../crdt/wire';
import { initSodium } from '../crypto/sodium';
import { DEFAULT_BLOB_LIMITS } from './blobs/blobLimits';
import type { BlobLimits } from './blobs/blobLimits';
import { blobRoutes } from './blobs/blobRoutes';
import { createBlobService } from './blobs/blobService';
import type { BlobService } from './blobs/blobService';
import type { BlobStore } from './blobs/BlobStore';
import { MemoryBlobStore } from './blobs/memoryBlobStore';
import { openSqliteBlobStore } from './blobs/sqliteBlobStore';
import { DEFAULT_RELAY_LIMITS } from './limits';
import type { RelayLimits } from './limits';
import { silentLog } from './log';
import type { RelayLog } from './log';
import { Relay } from './relay';
import type { RelayConnection } from './relay';
import { securityHeaders, staticSite } from './staticSite';
import type { RelayStatus } from './staticSite';
import type { RelayStore } from './store/RelayStore';
import { openSqliteRelayStore } from './store/sqliteRelayStore';

/** Name of the SQLite file inside `dataDir`. */
export const RELAY_DB_FILE = 'relay.sqlite';
/** Attachment metadata (SQLite) and chunk files inside `dataDir` (docs/ATTACHMENTS.md). */
export const BLOB_DB_FILE = 'blobs.sqlite';
export const BLOB_DIR = 'blobs';

const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Options of `createRelayServer`. Give either `dataDir` or `store`. */
export interface RelayServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Default 0.0.0.0. */
  readonly host?: string;
  /** Folder of the SQLite file (created if missing). */
  readonly dataDir?: string;
  /** A store to use instead of the SQLite file (not closed by `close()`: its owner closes it). */
  readonly store?: RelayStore;
  readonly limits?: Partial<RelayLimits>;
  /** The built PWA. Default: $CARTELLA_DIST (an absolute path; tests and parallel builds), else dist/ at the repository root. */
  readonly staticDir?: string;
  readonly log?: RelayLog;
  /** Reported by /health. Default: package.json's version. */
  readonly version?: string;
  /** How long `close()` waits for clients to answer the 1012 close before cutting them (ms). */
  readonly closeGraceMs?: number;
  /** Ping interval (ms); a socket that has not answered the previous ping is cut. Default 30 s. */
  readonly heartbeatMs?: number;
  /** Attachment limits (size, quota, grace period, collection interval, ticket lifetime). */
  readonly blobLimits?: Partial<BlobLimits>;
  /**
   * A blob store to use instead of the one under `dataDir` (not closed by `close()`). Without
   * either, attachments are kept in memory.
   */
  readonly blobStore?: BlobStore;
  /** The clock of the attachment side (tickets, garbage collection). Default Date.now. */
  readonly clock?: () => number;
}

/** A running relay. */
export interface RelayServer {
  /** http://host:port (loopback when listening on every interface). */
  readonly url: string;
  readonly port: number;
  readonly relay: Relay;
  /** Runs one garbage collection of attachment blobs now (it also runs every `collectEveryMs`). */
  collectBlobs(): Promise<{ blobs: number; bytes: number }>;
  /** Graceful stop: no new connections, commits finished, sockets closed with 1012, DB closed. */
  close(): Promise<void>;
}

/** The Hono app around a relay engine, without a listening server (tests call `app.request`). */
export function createRelayApp(options: {
  relay: Relay;
  store: RelayStore;
  version: string;
  staticDir: string;
  startedAt: number;
}): { app: Hono; injectWebSocket: (server: Server) => void; wss: WebSocketServer } {
  const { relay, store, version } = options;
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws buffers a whole message before we see it: cap it a little above the frame limit so an
  // oversized frame still gets a proper frame_too_large answer, and a huge one is cut by ws (1009).
  wss.options.maxPayload = relay.limits.maxFrameBytes + Math.max(64 * 1024, ENVELOPES_FRAME_HEADER_BYTES);

  const status = (): RelayStatus => ({
    version,
    ...relay.stats(),
    uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
  });

  app.use('*', securityHeaders());

  app.get('/health', async (c) => {
    let storedRooms: number | null = null;
    try {
      storedRooms = await store.countRooms();
    } catch {
      storedRooms = null;
    }
    const s = status();
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: relay.accepting ? (storedRooms === null ? 'degraded' : 'ok') : 'shutting_down',
        version: s.version,
        rooms: s.rooms,
        storedRooms,
        sockets: s.sockets,
        uptime: s.uptimeSeconds,
      },
      relay.accepting && storedRooms !== null ? 200 : 503,
    );
  });

  app.get(
    '/sync',
    async (c, next) => {
      if (!relay.accepting) return c.text('Il relay si sta riavviando', 503);
      await next();
    },
    upgradeWebSocket(() => {
      let connection: RelayConnection | undefined;
      return {
        onOpen(_event, ws) {
          const raw = ws.raw as WebSocket;
          connection = relay.connect({
            send: (frame) => {
              if (raw.readyState === raw.OPEN) raw.send(frame, { binary: true });
            },
            close: (code, reason) => raw.close(code, reason),
            get bufferedAmount() {
              return raw.bufferedAmount;
            },
          });
        },
        onMessage(event) {
          const data: unknown = event.data;
          if (typeof data === 'string') connection?.receive(data);
          else if (data instanceof ArrayBuffer) connection?.receive(new Uint8Array(data));
          else if (ArrayBuffer.isView(data)) connection?.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        },
        onClose(event) {
          connection?.closed(event.code);
        },
        onError() {
          // 'close' follows; nothing to add.
        },
      };
    }),
  );

  app.route(
    '/blobs',
    blobRoutes({
      blobs: relay.blobs,
      rooms: store,
      accepting: () => relay.accepting,
      log: (level, event, fields) => relay.log(level, event, fields),
    }),
  );

  app.use('*', staticSite(options.staticDir, status));
  app.notFound((c) => c.text('Non trovato', 404));
  app.onError((error, c) => {
    relay.log('error', 'http_error', { path: c.req.path, error: error.message });
    return c.text('Errore interno del relay', 500);
  });
  return { app, injectWebSocket: (server) => injectWebSocket(server), wss };
}

/** Starts a relay listening on `port`. */
export async function createRelayServer(options: RelayServerOptions = {}): Promise<RelayServer> {
  await initSodium();
  const log = options.log ?? silentLog;
  const startedAt = Date.now();
  let store = options.store;
  const ownsStore = store === undefined;
  if (store === undefined) {
    const dataDir = resolve(options.dataDir ?? 'data');
    mkdirSync(dataDir, { recursive: true });
    const sqlite = openSqliteRelayStore(join(dataDir, RELAY_DB_FILE));
    const durability = sqlite.durability();
    log('info', 'store_opened', { kind: 'sqlite', journalMode: durability.journalMode, synchronous: durability.synchronous });
    store = sqlite;
  }
  let blobStore = options.blobStore;
  const ownsBlobStore = blobStore === undefined;
  if (blobStore === undefined) {
    if (options.dataDir !== undefined || options.store === undefined) {
      const dataDir = resolve(options.dataDir ?? 'data');
      blobStore = openSqliteBlobStore(join(dataDir, BLOB_DB_FILE), join(dataDir, BLOB_DIR));
    } else {
      blobStore = new MemoryBlobStore();
    }
  }
  const blobs: BlobService = createBlobService({ store: blobStore, limits: { ...DEFAULT_BLOB_LIMITS, ...options.blobLimits }, now: options.clock ?? Date.now });
  const relay = new Relay({ store, limits: { ...DEFAULT_RELAY_LIMITS, ...options.limits }, log, blobs });
  const version = options.version ?? packageVersion();
  const { app, injectWebSocket, wss } = createRelayApp({
    relay,
    store,
    version,
    staticDir: options.staticDir ?? process.env.CARTELLA_DIST ?? join(REPO_ROOT, 'dist'),
    startedAt,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  injectWebSocket(server);

  const host = options.host ?? '0.0.0.0';
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 8787, host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (error) {
    if (ownsStore) await store.close();
    if (ownsBlobStore) await blobStore.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  log('info', 'relay_listening', { url, version, maxFrameBytes: relay.limits.maxFrameBytes });

  const heartbeat = startHeartbeat(wss, options.heartbeatMs ?? 30_000);
  const collectBlobs = async (): Promise<{ blobs: number; bytes: number }> => {
    const removed = await blobs.store.collect(blobs.now(), blobs.limits.graceMs);
    if (removed.blobs > 0) log('info', 'blobs_collected', { blobs: removed.blobs, bytes: removed.bytes });
    return removed;
  };
  const collector = setInterval(() => {
    collectBlobs().catch((error: unknown) => log('error', 'blob_collect_failed', { error: error instanceof Error ? error.message : String(error) }));
  }, blobs.limits.collectEveryMs);
  collector.unref();

  let closing: Promise<void> | undefined;
  const closeGraceMs = options.closeGraceMs ?? 3000;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      log('info', 'shutdown_begin', { sockets: relay.stats().sockets });
      clearInterval(heartbeat);
      clearInterval(collector);
      const serverClosed = new Promise<void>((done) => server.close(() => done()));
      server.closeIdleConnections();
      await relay.shutdown();
      await waitForClients(wss, closeGraceMs);
      server.closeAllConnections();
      await serverClosed;
      if (ownsStore) await store.close();
      if (ownsBlobStore) await blobStore.close();
      log('info', 'shutdown_done', {});
    })();
    return closing;
  };
  return { url, port, relay, collectBlobs, close };
}

/**
 * Pings every socket each `intervalMs`; one that did not answer the previous ping is cut, so a
 * client that vanished without closing (laptop lid, dead Wi-Fi) does not hold a session forever.
 */
function startHeartbeat(wss: WebSocketServer, intervalMs: number): ReturnType<typeof setInterval> {
  const answered = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    answered.add(ws);
    ws.on('pong', () => answered.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.has(ws)) {
        ws.terminate();
        continue;
      }
      answered.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return timer;
}

/** Waits until every WebSocket finished its close handshake, then cuts the rest. */
async function waitForClients(wss: WebSocketServer, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while ([...wss.clients].some((ws) => ws.readyState !== ws.CLOSED) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
  for (const ws of wss.clients) if (ws.readyState !== ws.CLOSED) ws.terminate();
}
