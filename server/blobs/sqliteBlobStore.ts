/**
 * @module server/blobs/sqliteBlobStore
 * The embedded `BlobStore`: metadata in its own SQLite file (`blobs.sqlite`, WAL, synchronous
 * FULL) and each chunk's bytes in a file `<dir>/<room hex>/<blob hex>/<index>`.
 *
 * Why files: blobs are up to ~20 MiB and write-once. In SQLite every byte would be written twice
 * (WAL, then checkpoint) inside the relay's event loop, and deleting them would leave the log's
 * database file large. A chunk file is written to a temporary name, fsynced, renamed, and its
 * folder fsynced; only then does the row say it is stored, so after a crash a row never names a
 * chunk that is not on disk. A file without a row (a crash between the two, or a blob collected
 * while a chunk was being written) is an orphan, which the collector deletes.
 *
 * Chunk uploads of one blob are serialised; different blobs proceed in parallel.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeBlobManifest } from '../../crdt/wire';
import type { BlobManifest, BlobStatusBody, LiveSet } from '../../crdt/wire';
import { toHex } from '../../crypto/bytes';
import { SerialQueue } from '../serialQueue';
import { afterChunk, collectable, judgeChunk, liveSetAccepted, statusOf, unreferencedAfter } from './blobRules';
import type { BlobRow } from './blobRules';
import type { BeginBounds, BeginResult, BlobStore, CollectResult, DeclareLiveResult, PutChunkResult, ReadChunkResult } from './BlobStore';

/** Migration i brings the file from user_version i to i + 1. Append only. */
export const BLOB_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE blobs (
    room                BLOB NOT NULL,
    id                  BLOB NOT NULL,
    manifest            BLOB NOT NULL,
    bytes               INTEGER NOT NULL,
    stored              INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    touched_at          INTEGER NOT NULL,
    completed_at        INTEGER,
    unreferenced_since  INTEGER,
    PRIMARY KEY (room, id)
  );
  CREATE TABLE live_sets (
    room         BLOB PRIMARY KEY,
    covers       INTEGER NOT NULL,
    declared_at  INTEGER NOT NULL,
    ids          BLOB NOT NULL
  );
  `,
];

interface Row {
  room: Buffer;
  id: Buffer;
  manifest: Buffer;
  bytes: number;
  stored: number;
  created_at: number;
  touched_at: number;
  completed_at: number | null;
  unreferenced_since: number | null;
}

const buf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const HEX_DIR = /^[0-9a-f]+$/;

function rowOf(r: Row): BlobRow {
  const manifest = decodeBlobManifest(r.manifest);
  if (!manifest.ok) throw new Error(`stored manifest unreadable: ${manifest.message}`);
  return {
    entries: manifest.value.entries,
    bytes: r.bytes,
    stored: r.stored,
    createdAt: r.created_at,
    touchedAt: r.touched_at,
    completedAt: r.completed_at,
    unreferencedSince: r.unreferenced_since,
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > BLOB_MIGRATIONS.length) {
    throw new Error(`blob database schema version ${current} is newer than this relay understands (${BLOB_MIGRATIONS.length}); upgrade the relay`);
  }
  for (let version = current; version < BLOB_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(BLOB_MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

/** fsyncs a folder, so a file renamed into it survives a power cut. */
async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` to `path` durably: temporary file, fsync, rename, fsync of the folder. */
async function writeDurably(path: string, dir: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDir(dir);
}

/** Opens (creating if needed) the blob database `file` with chunk files under `dir`. */
export function openSqliteBlobStore(file: string, dir: string): SqliteBlobStore {
  return new SqliteBlobStore(file, dir);
}

/** SQLite metadata + chunk files. */
export class SqliteBlobStore implements BlobStore {
  readonly #db: Database.Database;
  readonly #dir: string;
  readonly #stmt;
  readonly #queues = new Map<string, SerialQueue>();
  readonly #declareTxn: (room: Uint8Array, set: LiveSet, now: number) => DeclareLiveResult;
  readonly #beginTxn: (room: Uint8Array, manifest: BlobManifest, bounds: BeginBounds, now: number) => BeginResult;

  constructor(file: string, dir: string) {
    mkdirSync(dir, { recursive: true });
    const db = new Database(file);
    this.#db = db;
    this.#dir = dir;
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && file !== ':memory:') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#stmt = {
      get: db.prepare('SELECT * FROM blobs WHERE room = ? AND id = ?'),
      insert: db.prepare(
        'INSERT INTO blobs (room, id, manifest, bytes, stored, created_at, touched_at, completed_at, unreferenced_since) VALUES (?, ?, ?, ?, 0, ?, ?, NULL, NULL)',
      ),
      used: db.prepare('SELECT COALESCE(SUM(bytes), 0) FROM blobs WHERE room = ?').pluck(),
      advance: db.prepare(
        'UPDATE blobs SET stored = ?, touched_at = ?, completed_at = ?, unreferenced_since = ? WHERE room = ? AND id = ? AND stored = ?',
      ),
      roomRows: db.prepare('SELECT id, completed_at, unreferenced_since FROM blobs WHERE room = ?'),
      setUnreferenced: db.prepare('UPDATE blobs SET unreferenced_since = ? WHERE room = ? AND id = ?'),
      liveCovers: db.prepare('SELECT covers FROM live_sets WHERE room = ?').pluck(),
      saveLive: db.prepare(
        'INSERT INTO live_sets (room, covers, declared_at, ids) VALUES (?, ?, ?, ?) ON CONFLICT (room) DO UPDATE SET covers = excluded.covers, declared_at = excluded.declared_at, ids = excluded.ids',
      ),
      all: db.prepare('SELECT * FROM blobs'),
      remove: db.prepare('DELETE FROM blobs WHERE room = ? AND id = ?'),
      exists: db.prepare('SELECT 1 FROM blobs WHERE room = ? AND id = ?').pluck(),
    };
    const begin = db.transaction((room: Uint8Array, manifest: BlobManifest, bounds: BeginBounds, now: number): BeginResult => {
      const s = this.#stmt;
      const existing = s.get.get(buf(room), buf(manifest.id)) as Row | undefined;
      if (existing !== undefined) return { status: 'exists', blob: statusOf(rowOf(existing)) };
      if (manifest.bytes > bounds.maxBlobBytes) return { status: 'too_large' };
      const used = s.used.get(buf(room)) as number;
      if (used + manifest.bytes > bounds.quotaBytes) return { status: 'quota', usedBytes: used };
      s.insert.run(buf(room), buf(manifest.id), buf(manifest.encoded), manifest.bytes, now, now);
      return { status: 'created', blob: { state: 'partial', chunks: manifest.entries.length, stored: 0, bytes: manifest.bytes } };
    });
    this.#beginTxn = (room, manifest, bounds, now) => begin.immediate(room, manifest, bounds, now);
    const declare = db.transaction((room: Uint8Array, set: LiveSet, now: number): DeclareLiveResult => {
      const s = this.#stmt;
      const current = s.liveCovers.get(buf(room)) as number | undefined;
      if (!liveSetAccepted(current, set.covers)) return { status: 'stale', covers: current ?? 0 };
      const listed = new Set(set.ids.map(toHex));
      s.saveLive.run(buf(room), set.covers, now, Buffer.concat(set.ids.map(buf)));
      const complete = new Set<string>();
      for (const r of s.roomRows.all(buf(room)) as Array<Pick<Row, 'id' | 'completed_at' | 'unreferenced_since'>>) {
        const key = toHex(r.id);
        if (r.completed_at !== null) complete.add(key);
        const next = unreferencedAfter(r.unreferenced_since, listed.has(key), now);
        if (next !== r.unreferenced_since) s.setUnreferenced.run(next, buf(room), r.id);
      }
      const missing = set.ids.filter((id) => !complete.has(toHex(id))).map((id) => id.slice());
      return { status: 'accepted', covers: set.covers, missing };
    });
    this.#declareTxn = (room, set, now) => declare.immediate(room, set, now);
  }

  #row(room: Uint8Array, id: Uint8Array): BlobRow | undefined {
    const r = this.#stmt.get.get(buf(room), buf(id)) as Row | undefined;
    return r === undefined ? undefined : rowOf(r);
  }

  #blobDir(room: Uint8Array, id: Uint8Array): string {
    return join(this.#dir, toHex(room), toHex(id));
  }

  async status(room: Uint8Array, id: Uint8Array): Promise<BlobStatusBody> {
    return statusOf(this.#row(room, id));
  }

  async begin(room: Uint8Array, manifest: BlobManifest, bounds: BeginBounds, now: number): Promise<BeginResult> {
    return this.#beginTxn(room, manifest, bounds, now);
  }

  async putChunk(room: Uint8Array, id: Uint8Array, index: number, bytes: Uint8Array, now: number): Promise<PutChunkResult> {
    const key = `${toHex(room)}/${toHex(id)}`;
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new SerialQueue();
      this.#queues.set(key, queue);
    }
    const q = queue;
    try {
      return await q.run(() => this.#put(room, id, index, bytes, now));
    } finally {
      if (q.pending === 0 && this.#queues.get(key) === q) this.#queues.delete(key);
    }
  }

  async #put(room: Uint8Array, id: Uint8Array, index: number, bytes: Uint8Array, now: number): Promise<PutChunkResult> {
    const row = this.#row(room, id);
    if (row === undefined) return { status: 'unknown' };
    const verdict = judgeChunk(row, index, bytes);
    if (verdict === 'order') return { status: 'order', stored: row.stored };
    if (verdict === 'mismatch') return { status: 'mismatch' };
    if (verdict === 'again') return { status: 'stored', blob: statusOf(row) };
    const dir = this.#blobDir(room, id);
    if (index === 0) {
      await mkdir(dir, { recursive: true });
      await syncDir(join(this.#dir, toHex(room)));
      await syncDir(this.#dir);
    }
    await writeDurably(join(dir, String(index)), dir, bytes);
    const next = afterChunk(row, now);
    const changed = this.#stmt.advance.run(next.stored, next.touchedAt, next.completedAt, next.unreferencedSince, buf(room), buf(id), row.stored).changes;
    // Collected meanwhile: the file just written is an orphan the next collection removes.
    if (changed !== 1) return { status: 'unknown' };
    return { status: 'stored', blob: statusOf(next) };
  }

  async readChunk(room: Uint8Array, id: Uint8Array, index: number): Promise<ReadChunkResult> {
    const row = this.#row(room, id);
    if (row === undefined) return { status: 'absent' };
    if (row.completedAt === null) return { status: 'incomplete' };
    const entry = row.entries[index];
    if (entry === undefined) return { status: 'absent' };
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.#blobDir(room, id), String(index)));
    } catch {
      return { status: 'absent' };
    }
    if (bytes.length !== entry.length) throw new Error('a stored chunk has the wrong length (damaged storage)');
    return { status: 'ok', bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }

  async usage(room: Uint8Array): Promise<number> {
    return this.#stmt.used.get(buf(room)) as number;
  }

  async declareLive(room: Uint8Array, set: LiveSet, now: number): Promise<DeclareLiveResult> {
    return this.#declareTxn(room, set, now);
  }

  async collect(now: number, graceMs: number): Promise<CollectResult> {
    let blobs = 0;
    let bytes = 0;
    const doomed: Row[] = [];
    for (const r of this.#stmt.all.iterate() as Iterable<Row>) if (collectable(rowOf(r), now, graceMs)) doomed.push(r);
    for (const r of doomed) {
      if (this.#stmt.remove.run(r.room, r.id).changes !== 1) continue;
      await rm(this.#blobDir(r.room, r.id), { recursive: true, force: true });
      blobs++;
      bytes += r.bytes;
    }
    await this.#sweepOrphans();
    return { blobs, bytes };
  }

  /** Deletes chunk folders that no row names (a crash between file and row, or a collected upload). */
  async #sweepOrphans(): Promise<void> {
    for (const roomHex of await readdir(this.#dir)) {
      if (!HEX_DIR.test(roomHex)) continue;
      const roomDir = join(this.#dir, roomHex);
      let ids: string[];
      try {
        ids = await readdir(roomDir);
      } catch {
        continue;
      }
      for (const idHex of ids) {
        if (!HEX_DIR.test(idHex)) continue;
        if (this.#stmt.exists.get(Buffer.from(roomHex, 'hex'), Buffer.from(idHex, 'hex')) !== undefined) continue;
        // A chunk being written for a blob begun after the row scan has a row by now: only rowless folders go.
        await rm(join(roomDir, idHex), { recursive: true, force: true });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.idle()));
    if (this.#db.open) this.#db.close();
  }
}
