/**
 * The relay as a real process (`node --import tsx server/main.ts`): acknowledged envelopes
 * survive SIGKILL, SIGTERM stops gracefully with 1012, bad configuration exits 1, and the log
 * is JSON lines that never carry room ids or envelope bytes.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, errorCodeName } from '../crdt/wire';
import type { Frame } from '../crdt/wire';
import { envelopeId, initSodium } from '../crypto';
import { TestClient, TestRoom } from './test/harness';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

interface RelayProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly wsUrl: string;
  readonly stdout: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runMain(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines);
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}

async function startRelayProcess(dataDir: string): Promise<RelayProcess> {
  const run = runMain({ DATA_DIR: dataDir });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const line = run.stdout.find((l) => l.includes('"relay_listening"'));
    if (line !== undefined) {
      const url = (JSON.parse(line) as { url: string }).url;
      return { child: run.child, stdout: run.stdout, exited: run.exited, wsUrl: `${url.replace('http', 'ws')}/sync` };
    }
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`relay did not start: ${run.stderr.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function seqs(frames: readonly Frame[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of frames) if (f.type === 'envelopes') for (const i of f.items) out.set(hex(envelopeId(i.envelope)), i.seq);
  return out;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cartella-relay-proc-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  await initSodium();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('relay process', () => {
  it('keeps every acknowledged envelope when the process is killed with SIGKILL mid-session', async () => {
    const dataDir = tempDir();
    const first = await startRelayProcess(dataDir);
    const room = new TestRoom();
    const client = await TestClient.connect(first.wsUrl);
    await client.create(room);
    const author = room.author();
    const acked = new Map<string, number>();
    // 40 pushes of 10 envelopes sent back to back; the process dies right after the 15th ack.
    for (let i = 0; i < 40; i++) {
      client.send({ type: 'push', room: room.roomId, envelopes: Array.from({ length: 10 }, () => author.update(300)) });
    }
    for (let acks = 0; acks < 15; acks++) {
      for (const item of (await client.expect('ack')).items) acked.set(hex(item.id), item.seq);
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // Whatever else arrived before the kill was acknowledged too, so it must survive as well.
    for (const frame of client.pending) if (frame.type === 'ack') for (const i of frame.items) acked.set(hex(i.id), i.seq);
    expect(acked.size).toBeGreaterThanOrEqual(150);

    const second = await startRelayProcess(dataDir);
    try {
      const reader = await TestClient.connect(second.wsUrl);
      const stored = seqs(await reader.join(room));
      for (const [id, seq] of acked) expect(stored.get(id)).toBe(seq);
      expect([...stored.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: stored.size }, (_, i) => i + 1));
      reader.close();
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
  }, 60_000);

  it('stops on SIGTERM: in-flight pushes are acked or refused, sockets close with 1012, exit 0', async () => {
    const dataDir = tempDir();
    const relay = await startRelayProcess(dataDir);
    const room = new TestRoom();
    const client = await TestClient.connect(relay.wsUrl);
    await client.create(room);
    const author = room.author();
    for (let i = 0; i < 20; i++) client.send({ type: 'push', room: room.roomId, envelopes: [author.update(200)] });
    await client.expect('ack');
    relay.child.kill('SIGTERM');
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.restart);
    expect((await relay.exited).code).toBe(0);
    const acked = new Map<string, number>();
    for (const frame of client.pending) {
      if (frame.type === 'ack') for (const i of frame.items) acked.set(hex(i.id), i.seq);
      else expect(frame.type === 'error' && errorCodeName(frame.code)).toBe('shutting_down');
    }
    expect(relay.stdout.some((l) => l.includes('"shutdown_done"'))).toBe(true);

    const again = await startRelayProcess(dataDir);
    try {
      const reader = await TestClient.connect(again.wsUrl);
      const stored = seqs(await reader.join(room));
      for (const [id, seq] of acked) expect(stored.get(id)).toBe(seq);
      reader.close();
    } finally {
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    }
  }, 60_000);

  it('writes JSON log lines that carry neither room ids nor envelope bytes', async () => {
    const relay = await startRelayProcess(tempDir());
    const room = new TestRoom();
    const client = await TestClient.connect(relay.wsUrl);
    await client.create(room);
    const envelope = room.author().update();
    await client.push(room, [envelope]);
    client.send({ type: 'push', room: room.roomId, envelopes: [new Uint8Array(300).fill(1)] });
    await client.expectError('envelope_malformed');
    relay.child.kill('SIGTERM');
    await relay.exited;
    const roomHex = hex(room.roomId);
    const roomB64 = Buffer.from(room.roomId).toString('base64url');
    const envelopeHex = hex(envelope.subarray(100, 132));
    expect(relay.stdout.length).toBeGreaterThan(3);
    for (const line of relay.stdout) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(line).not.toContain(roomHex);
      expect(line).not.toContain(roomB64);
      expect(line).not.toContain(envelopeHex);
    }
    expect(relay.stdout.some((l) => l.includes('"push_committed"'))).toBe(true);
    expect(relay.stdout.some((l) => l.includes('"room_created"'))).toBe(true);
  }, 60_000);

  it('refuses an invalid environment with a clear message and exit code 1', async () => {
    const run = runMain({ DATA_DIR: tempDir(), MAX_FRAME_BYTES: 'lots', PORT: '99999' });
    expect((await run.exited).code).toBe(1);
    const stderr = run.stderr.join('');
    expect(stderr).toContain('MAX_FRAME_BYTES');
    expect(stderr).toContain('PORT');
  }, 30_000);
});
