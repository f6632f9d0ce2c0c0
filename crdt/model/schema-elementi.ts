/**
 * @module schema-elementi
 * The items of the admin document's collections: household members (stato di famiglia),
 * checklist documents, prestazioni (with the attributes the SIUSS flow
 * PS_PSA_SINA201812.xsd requires) and roster members. Each item is one register whose
 * value is the whole item, keyed by the item's id (roster: by the member's public key).
 */
import { comeCodiceFiscale } from './codice-fiscale';
import { comeChiaveBox, livelloChiavi, LIVELLI_CHIAVI, type ChiaveBox } from './members-chiavi';
import { oggetto, p, type Parser } from './schema';
import {
  FASI, RELAZIONI_NUCLEO, RUOLI, STATI_DOCUMENTO, TIPI_DOCUMENTO,
} from './vocabolario';

const importo = p.numero(0, 100_000_000);

/** Required and optional fields of a household member. */
export const FORMA_MEMBRO_NUCLEO = {
  obbligatori: { cognome: p.testo(1, 36), nome: p.testo(1, 36), relazione: p.uno(RELAZIONI_NUCLEO), convivente: p.vero },
  facoltativi: {
    dataNascita: p.data, codiceFiscale: ((v) => comeCodiceFiscale(v)) as Parser<string>,
    finoAl: p.data,
  },
};

/** Required and optional fields of a checklist document. */
export const FORMA_DOCUMENTO = {
  obbligatori: { tipo: p.uno(TIPI_DOCUMENTO), stato: p.uno(STATI_DOCUMENTO) },
  facoltativi: { fase: p.uno(FASI), data: p.data, descrizione: p.testo(1, 200), protocollo: p.testo(1, 32) },
};

/**
 * Required and optional fields of a prestazione. Names follow the SIUSS attributes
 * (CodicePrestazione → codicePrestazione ...). PresaCarico and AreaUtenza are derived from
 * the cartella; the DSU attributes from its ISEE attestation.
 */
export const FORMA_PRESTAZIONE = {
  obbligatori: {
    codicePrestazione: p.testo(5, 10),
    denominazione: p.testo(10, 200),
    protocolloDomanda: p.testo(1, 32),
    presenzaProvaMezzi: p.uno(['1', '2', '3', '4'] as const),
  },
  facoltativi: {
    carattere: p.uno(['1', '2'] as const),
    dataEvento: p.data,
    dataInizio: p.data,
    dataFine: p.data,
    dataErogazione: p.data,
    importo,
    periodoErogazione: p.numero(1, 12, true),
    importoMensile: importo,
    quotaEnte: importo,
    quotaUtente: importo,
    quotaSsn: importo,
    quotaRichiesta: importo,
    sogliaIsee: importo,
    oreServizioMensile: p.numero(0, 744),
  },
};

/**
 * A hand-over recorded on the receiver's roster entry (members-consegna.ts): who gave
 * which keys, on which day, with or without the person's consent to share (without it, a
 * written reason is required).
 */
export const leggiConsegna = oggetto(
  { da: p.chiave, chiavi: p.uno(LIVELLI_CHIAVI), data: p.data, consenso: p.vero },
  { motivo: p.testo(1, 2000) },
);

/** Required and optional fields of a roster member (keyed by public key). */
export const FORMA_MEMBRO = {
  obbligatori: { nome: p.testo(1, 100), ruolo: p.uno(RUOLI), aggiuntoIl: p.data },
  facoltativi: {
    revocatoIl: p.data,
    /** X25519 public key on which keys are sealed to the member. */
    chiaveBox: ((v) => comeChiaveBox(v)) as Parser<ChiaveBox>,
    consegna: leggiConsegna,
    /** Written by the receiver's own device. */
    accettazione: oggetto({ data: p.data }, {}),
    /** Who revoked the member and why; the day is `revocatoIl`. */
    revoca: oggetto({ da: p.chiave }, { motivo: p.testo(1, 2000) }),
  },
};

/** Parsers of whole items, for reading stored values. */
export const leggiMembroNucleo = oggetto(FORMA_MEMBRO_NUCLEO.obbligatori, FORMA_MEMBRO_NUCLEO.facoltativi);
export const leggiDocumento = oggetto(FORMA_DOCUMENTO.obbligatori, FORMA_DOCUMENTO.facoltativi);
export const leggiPrestazione = oggetto(FORMA_PRESTAZIONE.obbligatori, FORMA_PRESTAZIONE.facoltativi);
const leggiMembroGrezzo = oggetto(FORMA_MEMBRO.obbligatori, FORMA_MEMBRO.facoltativi);
/**
 * A roster member, with the rules that tie its fields together (a replica may write any
 * JSON): no consent needs a reason, the keys given match the role, an acceptance follows a
 * hand-over, a revocation record has its day.
 */
export const leggiMembro: Parser<NonNullable<ReturnType<typeof leggiMembroGrezzo>>> = (v) => {
  const m = leggiMembroGrezzo(v);
  if (!m) return undefined;
  const c = m.consegna;
  if (c && ((!c.consenso && c.motivo === undefined) || c.chiavi !== livelloChiavi(m.ruolo))) return undefined;
  if (m.accettazione && (!c || m.accettazione.data < c.data)) return undefined;
  if (m.revoca && m.revocatoIl === undefined) return undefined;
  return m;
};

export type MembroNucleoDati = NonNullable<ReturnType<typeof leggiMembroNucleo>>;
export type DocumentoDati = NonNullable<ReturnType<typeof leggiDocumento>>;
export type PrestazioneDati = NonNullable<ReturnType<typeof leggiPrestazione>>;
export type MembroDati = NonNullable<ReturnType<typeof leggiMembro>>;
export type ConsegnaDati = NonNullable<ReturnType<typeof leggiConsegna>>;
