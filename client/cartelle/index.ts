/**
 * @module client/cartelle
 * The screens before a single cartella: the list of every cartella on the device and the
 * new access (segretariato sociale). The shell renders them (client/app/Shell).
 */
export { ElencoCartelle } from './ElencoCartelle';
export { NuovoAccesso } from './NuovoAccesso';
