/**
 * @module etichette
 * Italian labels of the vocabularies, for messages and the UI.
 */
import type {
  AreaUtenza, Fase, MotivoChiusura, TipoVoce, Ruolo, TipoDocumento, EsitoSegretariato, Iniziativa,
} from './vocabolario';

/** Labels of the help-process phases. */
export const ETICHETTE_FASE: Readonly<Record<Fase, string>> = {
  accesso: 'Accesso e orientamento',
  apertura: 'Apertura cartella',
  valutazione: 'Valutazione del bisogno',
  progetto: 'Elaborazione progetto di intervento',
  erogazione: 'Erogazione del servizio',
  conclusione: 'Valutazione finale e conclusione',
};

/** Labels of the closure reasons, as the deck words them. */
export const ETICHETTE_MOTIVO_CHIUSURA: Readonly<Record<MotivoChiusura, string>> = {
  conclusione: "conclusione del processo di aiuto e dimissione dell'utente",
  inattivita: "nessun accesso dell'utente e assenza di interventi per un anno",
  trasferimento: 'trasferimento e cambio di residenza',
  decesso: "decesso dell'utente",
};

/** Labels of the ISTAT user areas. */
export const ETICHETTE_AREA: Readonly<Record<AreaUtenza, string>> = {
  famiglia_minori: 'Famiglia e minori',
  disabili: 'Disabili',
  dipendenze: 'Dipendenze',
  anziani: 'Anziani',
  immigrati_nomadi: 'Immigrati e nomadi',
  poverta_disagio_adulti: 'Povertà, disagio adulti e senza dimora',
  multiutenza: 'Multiutenza',
};

/** Labels of the diary entry kinds. */
export const ETICHETTE_TIPO_VOCE: Readonly<Record<TipoVoce, string>> = {
  colloquio: 'Colloquio',
  visita_domiciliare: 'Visita domiciliare',
  telefonata: 'Telefonata',
  equipe: 'Équipe',
  contatto_servizi: 'Contatto con altri servizi',
  altro: 'Altro',
};

/** Labels of the roster roles. */
export const ETICHETTE_RUOLO: Readonly<Record<Ruolo, string>> = {
  assistente_sociale: 'Assistente sociale',
  responsabile: 'Responsabile del servizio',
  educatore: 'Educatore',
  psicologo: 'Psicologo',
  amministrativo: 'Personale amministrativo',
};

/** Labels of the checklist documents. */
export const ETICHETTE_DOCUMENTO: Readonly<Record<TipoDocumento, string>> = {
  informativa_privacy: 'Informativa privacy consegnata',
  consenso_rete: 'Consenso firmato a lavorare in rete con altri servizi',
  stato_famiglia: 'Stato di famiglia',
  istanza: 'Istanza firmata dal cittadino e protocollata',
  richiesta_ente: 'Richiesta scritta da altro ente pubblico',
  attestazione_isee: 'Attestazione ISEE (mai la DSU)',
  comunicazione_avvio: 'Comunicazione di avvio del procedimento',
  determinazione: 'Determinazione',
  comunicazione_esito: 'Comunicazione scritta al cittadino',
  relazione_sociale: 'Relazione sociale',
  progetto_firmato: 'Progetto di intervento firmato',
  verbale_equipe: 'Verbale di équipe',
  altro: 'Altro documento',
};

/** Labels of the segretariato outcomes. */
export const ETICHETTE_ESITO_SEGRETARIATO: Readonly<Record<EsitoSegretariato, string>> = {
  presa_in_carico: 'Presa in carico',
  segnalazione: 'Segnalazione ad altri servizi',
  chiusura: 'Chiusura',
};

/** Labels of the procedure's initiatives. */
export const ETICHETTE_INIZIATIVA: Readonly<Record<Iniziativa, string>> = {
  ufficio: "Avvio d'ufficio",
  istanza: 'Istanza del cittadino',
  richiesta: 'Richiesta da altro ente pubblico',
};
