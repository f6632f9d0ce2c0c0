/**
 * @module schema-admin
 * The value of every field of the admin document's fixed sections (meta, anagrafica,
 * segretariato, procedimento, chiusura): one parser per field, used both to validate an
 * operation's input and to read what any replica wrote.
 */
import { comeCodiceFiscale } from './codice-fiscale';
import { comeCartellaId, type CartellaId } from './ids';
import { oggetto, p, type Di, type Parser } from './schema';
import {
  AREE, CANALI, ESITI_DETERMINAZIONE, FASI, INIZIATIVE, MOTIVI_CHIUSURA,
} from './vocabolario';

const testoBreve = p.testo(1, 200);
const testoLungo = p.testo(1, 4000);

/** Fields of `meta`. */
export const CAMPI_META = {
  id: ((v) => comeCartellaId(v)) as Parser<CartellaId>,
  creataIl: p.data,
  area: p.uno(AREE),
  responsabile: p.chiave,
  fase: oggetto({ fase: p.uno(FASI), dal: p.data }, {}),
  apertura: oggetto({ data: p.data }, {}),
};

/** Fields of `anagrafica` (with what SIUSS needs for a Beneficiario). */
export const CAMPI_ANAGRAFICA = {
  cognome: p.testo(1, 36),
  nome: p.testo(1, 36),
  codiceFiscale: ((v) => comeCodiceFiscale(v)) as Parser<string>,
  dataNascita: p.data,
  luogoNascita: testoBreve,
  codiceCatastaleNascita: p.regex(/^[A-Z]\d{3}$/),
  genere: p.uno(['M', 'F'] as const),
  cittadinanza: p.regex(/^\d{3}$/),
  secondaCittadinanza: p.regex(/^\d{3}$/),
  indirizzo: testoBreve,
  comuneResidenza: testoBreve,
  codiceComuneResidenza: p.regex(/^\d{6}$/),
  codiceRegioneResidenza: p.regex(/^\d{2}$/),
  codiceNazioneResidenza: p.regex(/^\d{3}$/),
  telefono: p.testo(3, 40),
  email: p.regex(/^[^\s@]{1,100}@[^\s@]{1,100}$/),
};

/** Fields of `segretariato`: the access and its single outcome. */
export const CAMPI_SEGRETARIATO = {
  accesso: oggetto(
    { data: p.data, canale: p.uno(CANALI), richiesta: testoLungo },
    { orientamento: testoLungo },
  ),
  esito: oggetto(
    { esito: p.uno(['presa_in_carico', 'segnalazione', 'chiusura'] as const), data: p.data },
    { destinatario: testoBreve, motivo: testoLungo },
  ),
};

/** Fields of `procedimento` (L. 241/1990). */
export const CAMPI_PROCEDIMENTO = {
  iniziativa: oggetto(
    { tipo: p.uno(INIZIATIVE), dataAvvio: p.data },
    { protocollo: p.testo(1, 32), dataRicezione: p.data, ente: testoBreve },
  ),
  termineGiorni: p.numero(1, 180, true),
  sospensione: oggetto({ dal: p.data, giorni: p.numero(1, 30, true), motivo: testoLungo }, {}),
  comunicazioneAvvio: oggetto(
    {
      data: p.data, mezzo: testoBreve, amministrazione: testoBreve, oggetto: testoLungo,
      ufficio: testoBreve, responsabileProcedimento: testoBreve, dataConclusione: p.data,
      rimedi: testoLungo, ufficioVisione: testoBreve,
    },
    { dataIstanza: p.data },
  ),
  preavvisoRigetto: oggetto({ data: p.data, motivi: testoLungo }, { osservazioniIl: p.data }),
  determinazione: oggetto(
    { numero: p.testo(1, 40), data: p.data, esito: p.uno(ESITI_DETERMINAZIONE) },
    { motivazione: testoLungo },
  ),
  comunicazioneEsito: oggetto({ data: p.data, mezzo: testoBreve }, {}),
  isee: oggetto(
    { valore: p.numero(0, 10_000_000), dataAttestazione: p.data, dataDsu: p.data },
    { protocolloDsu: p.testo(1, 30) },
  ),
};

/** Fields of `chiusura`: one register, `stato`, whose writes are the closure history. */
export const CAMPI_CHIUSURA = {
  stato: oggetto(
    { stato: p.uno(['proposta', 'chiusa', 'ritirata', 'riaperta'] as const), data: p.data },
    {
      motivo: p.uno(MOTIVI_CHIUSURA), note: testoLungo, destinazione: testoBreve,
      dataDecesso: p.data, dataProposta: p.data,
    },
  ),
};

/** The parsed value type of each field table. */
export type Valori<T extends Record<string, Parser<unknown>>> = { readonly [K in keyof T]?: Di<T[K]> };
export type Meta = Valori<typeof CAMPI_META>;
export type Anagrafica = Valori<typeof CAMPI_ANAGRAFICA>;
export type Segretariato = Valori<typeof CAMPI_SEGRETARIATO>;
export type Procedimento = Valori<typeof CAMPI_PROCEDIMENTO>;
export type EventoChiusura = Di<(typeof CAMPI_CHIUSURA)['stato']>;
