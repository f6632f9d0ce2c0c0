/**
 * @module client/strings
 * Every Italian string of the UI lives in this module (one file per area, one `t` to import).
 */
import { agenda } from './agenda';
import { testiAllegati } from './allegati';
import { app } from './app';
import { cartella } from './cartella';
import { chiavi } from './chiavi';
import { continuita } from './continuita';
import { sinba } from './sinba';
import { siuss, statistiche } from './statistiche';

export const t = { ...app, cartella, chiavi, continuita, agenda, statistiche, siuss, sinba, allegati: testiAllegati } as const;
