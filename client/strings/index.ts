/**
 * @module client/strings
 * Every Italian string of the UI lives in this module (one file per area, one `t` to import).
 */
import { app } from './app';
import { cartella } from './cartella';

export const t = { ...app, cartella } as const;
