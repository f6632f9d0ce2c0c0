/**
 * The layer arrows of DESIGN.md, checked by `npm run lint` (part of `npm test`).
 *   client/ -> crdt/, crypto/
 *   crdt/   -> crypto/
 *   server/ -> crdt/wire.ts and crypto/ key-free envelope verification only
 *   crypto/ -> nothing of ours
 */
module.exports = {
  forbidden: [
    { name: 'crypto-is-a-leaf', severity: 'error',
      from: { path: '^crypto/' }, to: { path: '^(client|crdt|server|tests|bench)/' } },
    { name: 'crdt-not-to-ui-or-server', severity: 'error',
      from: { path: '^crdt/' }, to: { path: '^(client|server|tests|bench)/' } },
    { name: 'server-only-wire-and-envelope-verify', severity: 'error',
      from: { path: '^server/', pathNot: '^server/test/' },
      to: { path: '^(client|crdt|crypto|tests|bench)/',
            pathNot: '^(crdt/wire\\.ts|crypto/(envelopeFormat|verifyEnvelopeSignature|relayAuth|sodium|bytes|result)\\.ts)$' } },
    { name: 'client-not-to-server', severity: 'error',
      from: { path: '^client/' }, to: { path: '^(server|tests|bench)/' } },
    { name: 'crdt-no-dom-libs', severity: 'error',
      from: { path: '^(crdt|crypto)/' }, to: { path: 'node_modules/(solid-js|@tiptap)' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests and test support may import anything (DESIGN.md: tests/ -> anything).
    exclude: { path: '(\\.test\\.ts|\\.contract\\.ts)$|/test/|/testkit/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
