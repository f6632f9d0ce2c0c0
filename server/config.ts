/**
 * @module server/config
 * Reads the relay's configuration from the environment, strictly: a value that is present but
 * not a valid number is an error with a message naming the variable, never a silent default.
 */
import { resolve } from 'node:path';
import { DEFAULT_BLOB_LIMITS, maxBlobBytes } from './blobs/blobLimits';
import type { BlobLimits } from './blobs/blobLimits';
import { DEFAULT_RELAY_LIMITS } from './limits';
import type { RelayLimits } from './limits';
import { isLogLevel } from './log';
import type { LogLevel } from './log';

/** Everything main.ts needs to start a relay. */
export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly limits: RelayLimits;
  /** Attachments: file size limit, per-room quota, grace period before garbage collection. */
  readonly blobLimits: BlobLimits;
}

type ConfigResult = { ok: true; value: RelayConfig } | { ok: false; errors: string[] };

/** Integer env variable within [min, max]; records an error and returns the default otherwise. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, errors: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text)) {
    errors.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
    return fallback;
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    errors.push(`${name} must be between ${min} and ${max}, got ${text}`);
    return fallback;
  }
  return value;
}

/** Parses the environment (see server/README.md for the variables). */
export function readRelayConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ConfigResult {
  const errors: string[] = [];
  const d = DEFAULT_RELAY_LIMITS;
  const port = integer(env, 'PORT', 8787, 0, 65535, errors);
  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = resolve(cwd, env.DATA_DIR?.trim() || 'data');
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!isLogLevel(level)) errors.push(`LOG_LEVEL must be one of debug, info, warn, error, got "${level}"`);
  const maxFrameBytes = integer(env, 'MAX_FRAME_BYTES', d.maxFrameBytes, 4096, 64 * 1024 * 1024, errors);
  const limits: RelayLimits = {
    ...d,
    maxFrameBytes,
    envelopesPerSecond: integer(env, 'MAX_ENVELOPES_PER_SECOND', d.envelopesPerSecond, 1, 1_000_000, errors),
    envelopeBurst: integer(env, 'MAX_ENVELOPES_BURST', d.envelopeBurst, 1, 10_000_000, errors),
    maxPendingBytes: integer(env, 'MAX_PENDING_BYTES', d.maxPendingBytes, 64 * 1024, 1024 * 1024 * 1024, errors),
    maxRoomsPerSocket: integer(env, 'MAX_ROOMS_PER_SOCKET', d.maxRoomsPerSocket, 1, 1_000_000, errors),
    maxEscrowRoomsPerMailbox: integer(env, 'MAX_ESCROW_ROOMS_PER_MAILBOX', d.maxEscrowRoomsPerMailbox, 1, 100_000_000, errors),
  };
  const b = DEFAULT_BLOB_LIMITS;
  const blobLimits: BlobLimits = {
    ...b,
    maxFileBytes: integer(env, 'BLOB_MAX_FILE_BYTES', b.maxFileBytes, 1024, 2 * 1024 * 1024 * 1024, errors),
    roomQuotaBytes: integer(env, 'BLOB_ROOM_QUOTA_BYTES', b.roomQuotaBytes, 1024 * 1024, Number.MAX_SAFE_INTEGER, errors),
    graceMs: integer(env, 'BLOB_GRACE_HOURS', b.graceMs / 3_600_000, 1, 24 * 366, errors) * 3_600_000,
  };
  if (blobLimits.roomQuotaBytes < maxBlobBytes(blobLimits)) {
    errors.push(`BLOB_ROOM_QUOTA_BYTES (${blobLimits.roomQuotaBytes}) must hold at least one attachment of BLOB_MAX_FILE_BYTES (${maxBlobBytes(blobLimits)} bytes encrypted)`);
  }
  if (limits.maxPendingBytes < 2 * maxFrameBytes) {
    errors.push(`MAX_PENDING_BYTES (${limits.maxPendingBytes}) must be at least twice MAX_FRAME_BYTES (${maxFrameBytes}), or no frame could be queued`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { port, host, dataDir, logLevel: level as LogLevel, limits, blobLimits } };
}
