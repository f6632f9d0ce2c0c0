/**
 * @module allegati-schema
 * The shape of an attachment record (docs/MODEL.md §1.6): a scanned or photographed document
 * linked to a checklist document (admin part) or to a diary entry (prof part). The record holds
 * what a person sees without downloading anything — name, format, size — and the id of the
 * sealed blob on the relay; the bytes themselves are never in the documents.
 */
import type { Brand } from './ids';
import { comeIdElemento } from './ids';
import { oggetto, p, type Parser } from './schema';

/** The id of an attachment record. */
export type AllegatoId = Brand<string, 'AllegatoId'>;

/** Formats an attachment may have (checked on the file's bytes by crdt/allegati). */
export const FORMATI_ALLEGATO_MODELLO = ['pdf', 'jpeg', 'png'] as const;
export type FormatoAllegatoModello = (typeof FORMATI_ALLEGATO_MODELLO)[number];

/** Largest size a record may state (2 GiB; the device and the relay enforce far less). */
export const MAX_BYTE_ALLEGATO = 2 ** 31;

/** The blob id: 32 bytes in base64url (43 characters). */
const blob: Parser<string> = p.regex(/^[A-Za-z0-9_-]{43}$/);
const elemento: Parser<string> = (v) => comeIdElemento<string>(v);

/** Fields every attachment record has. */
export const FORMA_ALLEGATO = {
  obbligatori: {
    blob,
    nome: p.testo(1, 200),
    formato: p.uno(FORMATI_ALLEGATO_MODELLO),
    byte: p.numero(1, MAX_BYTE_ALLEGATO, true),
  },
  facoltativi: {},
};

/** How a removal is recorded (who and when come from the write that recorded it). */
const rimozioneAdmin = oggetto({ data: p.data, motivo: p.testo(1, 2000) }, {});

/** An admin attachment: linked to a checklist document. One register per attachment id. */
export const leggiAllegatoAdmin = oggetto(
  { ...FORMA_ALLEGATO.obbligatori, documento: elemento },
  { rimosso: rimozioneAdmin },
);

/** A prof attachment: linked to a diary entry. A plain map value, so author and time are in it. */
export const leggiAllegatoProf = oggetto(
  { ...FORMA_ALLEGATO.obbligatori, voce: elemento, autore: p.chiave, il: p.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/) },
  { rimosso: oggetto({ da: p.chiave, il: p.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/), motivo: p.testo(1, 2000) }, {}) },
);

export type AllegatoAdminDati = NonNullable<ReturnType<typeof leggiAllegatoAdmin>>;
export type AllegatoProfDati = NonNullable<ReturnType<typeof leggiAllegatoProf>>;
