/**
 * @module client/agenda
 * The agenda across the cartelle on the device (loaded on demand).
 */
export { Agenda } from './Agenda';
