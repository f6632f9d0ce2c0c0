/**
 * @module crdt/sync
 * The sync engine's public face: ports, implementations, the per-room engine and the client.
 */
export * from './ports';
export * from './memoryEnvelopeStore';
export * from './indexedDbEnvelopeStore';
export * from './memoryTransport';
export * from './webSocketTransport';
export * from './backoff';
export * from './outgoingBatcher';
export * from './roomSync';
export * from './syncClient';
export * from './awareness';
