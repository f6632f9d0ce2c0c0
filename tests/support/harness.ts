/**
 * Test harness: serves tests/support/harness (the cartella screens on demo cartelle, no
 * keyring or relay) with Vite's dev server, and the demo files it loads under /demo/.
 * Demo cartelle are built once per seed and count (crdt/model creaDemo, slow for 500: about
 * a minute here) and kept in the system's temporary folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import solid from 'vite-plugin-solid';
import * as Y from 'yjs';
import { creaDemo, OGGI_DEMO } from '../../crdt/model/demo';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Writes the demo cartelle (once) and gives their folder. */
export function cartelleDemo(seed: number, count: number): string {
  const dir = join(tmpdir(), `cartella-demo-${seed}-${count}`);
  if (existsSync(join(dir, 'indice.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const cartelle = creaDemo({ seed, count }).map((d) => {
    writeFileSync(join(dir, `${d.id}.admin.yjs`), Y.encodeStateAsUpdate(d.cartella.admin));
    if (d.cartella.prof) writeFileSync(join(dir, `${d.id}.prof.yjs`), Y.encodeStateAsUpdate(d.cartella.prof));
    return { id: d.id, admin: `${d.id}.admin.yjs`, prof: d.cartella.prof ? `${d.id}.prof.yjs` : null };
  });
  writeFileSync(join(dir, 'indice.json'), JSON.stringify({ oggi: OGGI_DEMO, cartelle }));
  return dir;
}

function servi(dir: () => string): Plugin {
  return {
    name: 'cartella-demo',
    configureServer(server) {
      server.middlewares.use('/demo', (req, res) => {
        const nome = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? '';
        const file = join(dir(), nome);
        if (!/^[\w.-]+$/.test(nome) || !existsSync(file)) { res.statusCode = 404; res.end(); return; }
        res.setHeader('Content-Type', nome.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
  };
}

export interface Banco { readonly url: string; usa(dir: string): void; close(): Promise<void> }

/** Starts the harness; `usa(dir)` chooses which demo folder /demo/ serves. */
export async function avviaBanco(): Promise<Banco> {
  let dir = '';
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    plugins: [solid(), servi(() => dir)],
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { entries: ['tests/support/harness/index.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/tests/support/harness/index.html`,
    usa: (d) => { dir = d; },
    close: () => server.close(),
  };
}
