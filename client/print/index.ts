/**
 * @module client/print
 * Printing a single document of a cartella with the ente's letterhead and page numbers.
 */
export { stampa, RadiceStampa, type DocumentoStampa } from './Stampa';
