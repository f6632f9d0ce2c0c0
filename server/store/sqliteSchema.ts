/**
 * @module server/store/sqliteSchema
 * The relay's SQLite schema as numbered migrations. `PRAGMA user_version` records how many have
 * run; each runs in its own transaction together with the version bump, so a crash mid-way
 * leaves the file at the previous version. A file written by a newer relay is refused rather
 * than guessed at.
 */
import type Database from 'better-sqlite3';

/** Migration i (0-based) brings the file from user_version i to i + 1. Append only. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    room                  BLOB PRIMARY KEY,
    epoch                 INTEGER NOT NULL,
    relay_auth_key        BLOB NOT NULL,
    head                  INTEGER NOT NULL DEFAULT 0,
    snapshot_id           BLOB,
    snapshot_covers       INTEGER,
    snapshot_envelope_id  BLOB,
    created_at            INTEGER NOT NULL
  );
  -- The log. Rows can be large (up to a frame), so this is a rowid table with the
  -- (room, seq) order in an index rather than a WITHOUT ROWID b-tree.
  CREATE TABLE envelopes (
    room         BLOB NOT NULL,
    seq          INTEGER NOT NULL,
    id           BLOB NOT NULL,
    author       BLOB NOT NULL,
    epoch        INTEGER NOT NULL,
    clock        INTEGER NOT NULL,
    kind         INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    received_at  INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX envelopes_by_seq ON envelopes (room, seq);
  CREATE UNIQUE INDEX envelopes_by_id ON envelopes (id);
  CREATE TABLE author_clocks (
    room    BLOB NOT NULL,
    epoch   INTEGER NOT NULL,
    author  BLOB NOT NULL,
    clock   INTEGER NOT NULL,
    PRIMARY KEY (room, epoch, author)
  ) WITHOUT ROWID;
  -- Every accepted snapshot is kept (the chain is part of the audit trail).
  CREATE TABLE snapshots (
    room         BLOB NOT NULL,
    snapshot_id  BLOB NOT NULL,
    parent_id    BLOB NOT NULL,
    covers       INTEGER NOT NULL,
    id           BLOB NOT NULL,
    author       BLOB NOT NULL,
    epoch        INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    received_at  INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX snapshots_by_snapshot_id ON snapshots (room, snapshot_id);
  CREATE UNIQUE INDEX snapshots_by_id ON snapshots (id);
  `,
  // 2: key rotation. rooms.epoch / relay_auth_key stay the CURRENT ones; every key a room has
  // had is in room_keys (so a socket proving an old key is recognised, and no key comes back),
  // and every rotation's record (key boxes, proof) in rotations, for members who were offline.
  `
  CREATE TABLE room_keys (
    room            BLOB NOT NULL,
    epoch           INTEGER NOT NULL,
    relay_auth_key  BLOB NOT NULL,
    PRIMARY KEY (room, epoch)
  ) WITHOUT ROWID;
  INSERT INTO room_keys (room, epoch, relay_auth_key) SELECT room, epoch, relay_auth_key FROM rooms;
  -- key_boxes can be up to 256 KiB: a rowid table, as for envelopes.
  CREATE TABLE rotations (
    room            BLOB NOT NULL,
    from_epoch      INTEGER NOT NULL,
    to_epoch        INTEGER NOT NULL,
    relay_auth_key  BLOB NOT NULL,
    key_boxes       BLOB NOT NULL,
    nonce           BLOB NOT NULL,
    signature       BLOB NOT NULL,
    head            INTEGER NOT NULL,
    rotated_at      INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX rotations_by_epoch ON rotations (room, from_epoch);
  `,
  // 3: recovery escrow. One blob per (mailbox, room): a later deposit replaces it. Listing walks
  // a mailbox in room order (the unique index); the second index counts a room's mailboxes.
  // Blobs can be up to 64 KiB: a rowid table, as for envelopes.
  `
  CREATE TABLE escrows (
    mailbox    BLOB NOT NULL,
    room       BLOB NOT NULL,
    epoch      INTEGER NOT NULL,
    blob       BLOB NOT NULL,
    stored_at  INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX escrows_by_mailbox ON escrows (mailbox, room);
  CREATE INDEX escrows_by_room ON escrows (room);
  `,
];

/** Runs the migrations the file has not seen yet. @throws if the file is newer than this code. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `relay database schema version ${current} is newer than this relay understands (${MIGRATIONS.length}); upgrade the relay`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
