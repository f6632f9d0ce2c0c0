import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

// The PWA lives in client/; the relay (server/) serves the built files from dist/.
// The service worker (generateSW, built offline) precaches every file of the build — JS
// chunks, CSS, libsodium's WebAssembly, icons — so that after the first visit the app starts,
// unlocks and works with the network off. Navigations fall back to index.html (hash routes).
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [
    solid(),
    sodiumWasmAsFile(),
    VitePWA({
      strategies: 'generateSW',
      // A new version waits until the person chooses "Aggiorna ora" (client/app/pwa.ts):
      // never a reload under someone typing.
      registerType: 'prompt',
      // Registered from client/app/pwa.ts (the CSP allows no inline script).
      injectRegister: false,
      includeAssets: ['icon.svg', 'icon-maskable.svg', 'apple-touch-icon.png', 'favicon-32.png'],
      manifest: {
        name: 'Cartella',
        short_name: 'Cartella',
        description: 'La cartella sociale elettronica dei servizi sociali: cifrata, condivisa con l’équipe, utilizzabile anche senza rete.',
        lang: 'it',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f5f6f3',
        theme_color: '#1d5c63',
        categories: ['productivity', 'government'],
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,ico,webmanifest,woff2}'],
        // libsodium (sumo, with its WebAssembly inlined) is large; the whole app must be offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/sync/, /^\/health/],
        cleanupOutdatedCaches: true,
        // No runtime caching: everything the app needs is precached, and nothing else
        // (the relay's /health, the WebSocket) may be served stale.
        runtimeCaching: [],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    // CARTELLA_DIST (absolute) builds elsewhere, e.g. for browser tests run beside another build.
    outDir: process.env.CARTELLA_DIST ?? fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // libsodium (with its WebAssembly inlined, ~540 KB) in a chunk of its own: it changes
        // far less often than the app, so an update re-downloads only what changed.
        codeSplitting: { groups: [{ name: 'sodium', test: /node_modules[\\/]libsodium/ }] },
      },
    },
    // The sodium chunk alone is above Vite's default warning limit of 500 kB.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      '/sync': { target: 'ws://localhost:8787', ws: true },
      '/health': 'http://localhost:8787',
    },
  },
});

/**
 * libsodium ships its WebAssembly inlined as a 380 KB base64 string in JavaScript. Served that
 * way it is parsed as JS (164 KB gzip), decoded at every start, and cannot be compiled while it
 * downloads. This build step takes the bytes out into `libsodium-sumo.wasm` (125 KB gzip,
 * precached by the service worker like every other file) and makes the module fetch them. It
 * changes only how the bytes travel; the code libsodium runs is the same. The pattern matches
 * libsodium-sumo 0.8.4 (pinned): if an upgrade changes it, the build stops here instead of
 * shipping a broken loader.
 */
function sodiumWasmAsFile(): Plugin {
  return {
    name: 'cartella:sodium-wasm-as-file',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]libsodium-sumo[\\/].*libsodium-sumo\.mjs$/.test(id)) return null;
      const inline = /([A-Za-z_$][\w$]*)\?\?=\(A=>\{for\(var [\s\S]{0,400}?return E\}\)\("(AGFzbQ[A-Za-z0-9+/]+={0,2})"\)/g;
      const found = [...code.matchAll(inline)];
      const match = found[0];
      if (found.length !== 1 || !match) {
        throw new Error(`sodium-wasm-as-file: expected one inlined WebAssembly in ${id}, found ${found.length}; check the libsodium version`);
      }
      const bytes = Buffer.from(match[2] ?? '', 'base64');
      if (bytes.subarray(0, 4).toString('latin1') !== '\0asm') throw new Error('sodium-wasm-as-file: the inlined string is not WebAssembly');
      const ref = this.emitFile({ type: 'asset', name: 'libsodium-sumo.wasm', source: bytes });
      const loader =
        `const __cartellaSodiumWasm = await (async () => {\n` +
        `  const r = await fetch(import.meta.ROLLUP_FILE_URL_${ref});\n` +
        `  if (!r.ok) throw new Error('libsodium WebAssembly: HTTP ' + r.status);\n` +
        `  return new Uint8Array(await r.arrayBuffer());\n` +
        `})();\n`;
      return { code: loader + code.replace(match[0], `${match[1]}??=__cartellaSodiumWasm`), map: null };
    },
  };
}
