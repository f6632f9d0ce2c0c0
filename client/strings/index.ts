/**
 * @module client/strings
 * Every Italian string of the UI lives in this module (one file per area, one `t` to import).
 */
import { app } from './app';
import { cartella } from './cartella';
import { chiavi } from './chiavi';

export const t = { ...app, cartella, chiavi } as const;
