/**
 * @module client/statistiche
 * Statistics on the device and the SIUSS flow (loaded on demand).
 */
export { Statistiche } from './Statistiche';
export { FlussoSiuss } from './FlussoSiuss';
