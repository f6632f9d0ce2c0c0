/**
 * Configuration from the environment and the per-socket rate limiter.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOB_LIMITS } from './blobs/blobLimits';
import { readRelayConfig } from './config';
import { DEFAULT_RELAY_LIMITS, TokenBucket } from './limits';
import { SerialQueue } from './serialQueue';

describe('readRelayConfig', () => {
  it('uses the defaults when nothing is set: port 8787, all interfaces, ./data', () => {
    const config = readRelayConfig({}, '/srv/cartella');
    expect(config).toEqual({
      ok: true,
      value: { port: 8787, host: '0.0.0.0', dataDir: '/srv/cartella/data', logLevel: 'info', limits: DEFAULT_RELAY_LIMITS, blobLimits: DEFAULT_BLOB_LIMITS },
    });
  });

  it('reads the attachment limits: file size, room quota, grace period in hours (default 20 MiB, 512 MiB, 7 days)', () => {
    expect(DEFAULT_BLOB_LIMITS).toMatchObject({ maxFileBytes: 20 * 1024 * 1024, roomQuotaBytes: 512 * 1024 * 1024, graceMs: 7 * 24 * 3_600_000 });
    const config = readRelayConfig({ BLOB_MAX_FILE_BYTES: '5242880', BLOB_ROOM_QUOTA_BYTES: '104857600', BLOB_GRACE_HOURS: '48' });
    expect(config.ok && config.value.blobLimits).toMatchObject({ maxFileBytes: 5_242_880, roomQuotaBytes: 104_857_600, graceMs: 48 * 3_600_000 });
  });

  it('refuses a room quota that cannot hold one attachment of the largest size, and a grace period of zero', () => {
    const config = readRelayConfig({ BLOB_MAX_FILE_BYTES: '10485760', BLOB_ROOM_QUOTA_BYTES: '5242880', BLOB_GRACE_HOURS: '0' });
    expect(config.ok).toBe(false);
    const errors = config.ok ? '' : config.errors.join('\n');
    expect(errors).toContain('BLOB_ROOM_QUOTA_BYTES');
    expect(errors).toContain('BLOB_GRACE_HOURS');
  });

  it('reads every variable', () => {
    const config = readRelayConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        DATA_DIR: '/var/lib/cartella',
        LOG_LEVEL: 'debug',
        MAX_FRAME_BYTES: '2097152',
        MAX_ENVELOPES_PER_SECOND: '50',
        MAX_ENVELOPES_BURST: '500',
        MAX_PENDING_BYTES: '16777216',
        MAX_ROOMS_PER_SOCKET: '10',
        MAX_ESCROW_ROOMS_PER_MAILBOX: '500000',
      },
      '/',
    );
    expect(config.ok && config.value).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/var/lib/cartella',
      logLevel: 'debug',
      limits: {
        maxFrameBytes: 2097152,
        envelopesPerSecond: 50,
        envelopeBurst: 500,
        maxPendingBytes: 16777216,
        maxRoomsPerSocket: 10,
        maxEscrowRoomsPerMailbox: 500000,
      },
    });
  });

  it('names every invalid variable instead of falling back silently', () => {
    const config = readRelayConfig({ PORT: '80a', MAX_ROOMS_PER_SOCKET: '0', LOG_LEVEL: 'loud', MAX_PENDING_BYTES: '-5' });
    expect(config.ok).toBe(false);
    const errors = config.ok ? [] : config.errors.join('\n');
    expect(errors).toContain('PORT');
    expect(errors).toContain('MAX_ROOMS_PER_SOCKET');
    expect(errors).toContain('LOG_LEVEL');
    expect(errors).toContain('MAX_PENDING_BYTES');
  });

  it('refuses a pending-bytes limit too small to queue one frame', () => {
    const config = readRelayConfig({ MAX_FRAME_BYTES: '1048576', MAX_PENDING_BYTES: '1048576' });
    expect(config.ok ? '' : config.errors.join()).toContain('at least twice');
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then refuses until tokens flow back at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 100;
    expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });

  it('lets one request larger than the burst through and makes the socket wait for it', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 10, () => now);
    expect(bucket.take(50)).toBe(true);
    now += 300;
    expect(bucket.take(1)).toBe(false);
    now += 200;
    expect(bucket.take(1)).toBe(true);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order, and a failure does not stop the queue', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const slow = queue.run(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 20));
      log.push('a end');
    });
    const failing = queue.run(() => {
      log.push('b');
      throw new Error('boom');
    });
    const last = queue.run(() => log.push('c'));
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await last;
    await queue.idle();
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
    expect(queue.pending).toBe(0);
  });
});
