/**
 * The servers under test as child processes, each started as `node …` so that the pid we read
 * /proc from is the server's own. Relay CPU = utime + stime of the whole process (every thread)
 * from /proc/<pid>/stat; memory = VmRSS from /proc/<pid>/status. Every child is registered and
 * killed when the bench exits, fails or is interrupted.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type ServerKind = 'cartella' | 'y-websocket' | 'hocuspocus';
export const SERVER_KINDS: readonly ServerKind[] = ['cartella', 'y-websocket', 'hocuspocus'];

let clockTicks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`). */
export function clkTck(): number {
  if (clockTicks === undefined) {
    const raw = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`getconf CLK_TCK gave "${raw}"`);
    clockTicks = value;
  }
  return clockTicks;
}

/** utime + stime of a process in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces: split after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clkTck();
}

/** Resident set size of a process in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A temporary folder removed when the bench exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Kills every child still running (synchronously: usable from an 'exit' handler) and removes temp folders. */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let handlersInstalled = false;
/** Makes sure no child outlives the bench: on exit, SIGINT, SIGTERM and uncaught errors. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping the servers\n`);
      killAllChildren();
      process.exit(130);
    });
  }
}

export interface ServerProcess {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly port: number;
  /** ws:// base of the server (without a path). */
  readonly wsBase: string;
  readonly logFile: string;
  /** Cartella: the relay's data folder. */
  readonly dataDir?: string;
  cpuMs(): number;
  rssBytes(): number;
  /** Last lines the server wrote (for error messages). */
  tail(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Cartella only: the relay's data folder (a fresh temp folder when absent). */
  readonly dataDir?: string;
  /** Extra environment (e.g. limits for the history-writing phase). */
  readonly env?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
}

function commandFor(kind: ServerKind): string[] {
  switch (kind) {
    case 'cartella':
      return ['--import', 'tsx', 'server/main.ts'];
    case 'y-websocket':
      return ['node_modules/@y/websocket-server/src/server.js'];
    case 'hocuspocus':
      return ['--import', 'tsx', 'bench/servers/hocuspocus.ts'];
  }
}

/** Starts one server and resolves once it answers HTTP on its port. */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const logDir = tempDir(`cartella-bench-${kind}-log-`);
  const logFile = join(logDir, 'server.log');
  const fd = openSync(logFile, 'a');
  const env: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...options.env };
  if (kind === 'cartella') {
    env.DATA_DIR = options.dataDir ?? tempDir('cartella-bench-data-');
    env.LOG_LEVEL ??= 'warn';
  }
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...commandFor(kind)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${kind}`);
  const tail = (): string => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '';
    }
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${kind} exited at start:\n${tail()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/${kind === 'cartella' ? 'health' : ''}`);
      await res.arrayBuffer();
      if (kind !== 'cartella' || res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`${kind} did not start within 60 s:\n${tail()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    kind,
    pid,
    port,
    wsBase: `ws://127.0.0.1:${port}`,
    logFile,
    ...(env.DATA_DIR === undefined ? {} : { dataDir: env.DATA_DIR }),
    cpuMs: () => cpuMs(pid),
    rssBytes: () => rssBytes(pid),
    tail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

/** Waits until the server used less than `maxCpuMs` of CPU over `windowMs` (it finished its backlog). */
export async function waitForQuiet(server: ServerProcess, windowMs = 500, maxCpuMs = 20, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const before = server.cpuMs();
    await new Promise((r) => setTimeout(r, windowMs));
    if (server.cpuMs() - before <= maxCpuMs) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${server.kind} stayed busy for ${timeoutMs} ms`);
  }
}
