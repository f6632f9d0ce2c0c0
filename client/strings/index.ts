/**
 * @module client/strings
 * Every Italian string of the UI lives in this module (one file per area, one `t` to import).
 */
import { agenda } from './agenda';
import { app } from './app';
import { cartella } from './cartella';
import { chiavi } from './chiavi';
import { continuita } from './continuita';
import { siuss, statistiche } from './statistiche';

export const t = { ...app, cartella, chiavi, continuita, agenda, statistiche, siuss } as const;
