/**
 * @module crdt/model
 * The cartella sociale as pure TypeScript over two Y.Docs (`admin`, `prof`): typed
 * reading, named operations that validate before writing (one transaction each), and the
 * rules of the profession and of the law as pure functions of the documents and `now`.
 * See docs/MODEL.md.
 */
export type { Cartella, Contesto, SezioneAdmin } from './cartella';
export { SEZIONI_ADMIN, PARTI_PROF } from './cartella';
export type { Risultato, Errore } from './risultato';
export { CODICI_ERRORE, type CodiceErrore } from './errori';
export * from './ids';
export { comeData, giorno, aggiungiGiorni, aggiungiMesi, giorniTra, type DataIso } from './date';
export * from './vocabolario';
export * from './etichette';
export { isOrigineOperazione, type OrigineOperazione } from './operazione';
export { creaCartella, type CreaCartellaInput } from './crea';
export { aggiungiMembro, revocaMembro, membri, type AggiungiMembroInput, type RevocaMembroInput } from './members';
export {
  registraConsegna, accettaConsegna, registraChiaveBox, type ConsegnaInput, type AccettazioneInput,
} from './members-consegna';
export {
  LIVELLI_CHIAVI, livelloChiavi, comeChiaveBox, comeChiaveFirma, chiaveCanonica, type LivelloChiavi, type ChiaveBox,
} from './members-chiavi';
export {
  membriAttivi, consegneInAttesa, storiaConsegne, type ConsegnaInAttesa, type EventoRoster, type TipoEventoRoster,
} from './members-storia';
export {
  custodiaChiavi, avvisiCustodia, destinatariChiavi, type Custodia, type ContestoCustodia, type AvvisoCustodia, type DestinatarioChiavi,
} from './members-custodia';
export { aggiornaAnagrafica, leggiAnagrafica, type CampoAnagrafica, type ModificaAnagrafica } from './anagrafica';
export { comeCodiceFiscale, carattereControllo } from './codice-fiscale';
export { aggiungiMembroNucleo, aggiornaMembroNucleo, leggiNucleo, type MembroNucleoInput } from './nucleo';
export { registraAccesso, concludiSegretariato, type RegistraAccessoInput, type ConcludiSegretariatoInput } from './segretariato';
export { apriCartella, TERMINE_PREDEFINITO_GIORNI, type ApriCartellaInput } from './apertura';
export { cambiaFase, transizione, type CambiaFaseInput } from './fasi';
export { checklist, type Checklist, type VoceChecklist, type StatoRequisito } from './checklist';
export { registraDocumento, aggiornaDocumento, type RegistraDocumentoInput, type AggiornaDocumentoInput } from './documenti';
export {
  sospendiTermine, inviaComunicazioneAvvio, inviaPreavvisoRigetto, registraOsservazioni,
  registraDeterminazione, comunicaEsito, type ComunicazioneAvvioInput, type DeterminazioneInput,
} from './procedimento';
export { termini, GIORNI_OSSERVAZIONI, type Termini } from './termini';
export { registraIsee, scadenzaDsu, iseeValido, type RegistraIseeInput } from './isee';
export { registraPrestazione, aggiornaPrestazione, prestazioneAttiva, type PrestazioneInput } from './prestazioni';
export { recordSiuss, type RecordSiuss } from './siuss';
export {
  aggiungiVoceDiario, correggiVoceDiario, vociDiario, testoVoce, voceModificabile,
  type VoceDiarioInput, type CorrezioneInput,
} from './diario';
export { creaRelazione, rendiDefinitiva, sezioniRelazione, SEZIONI_RELAZIONE, type RelazioneInput } from './relazioni';
export { aggiungiVerbale, testoVerbale, type VerbaleInput } from './verbali';
export { registraValutazione, testoValutazione, type ValutazioneInput } from './valutazione';
export {
  definisciProgetto, aggiungiObiettivo, firmaProgetto, registraVerifica, prossimaVerifica,
  type ProgettoInput, type ObiettivoInput, type VerificaInput,
} from './progetto';
export { proponiChiusura, confermaChiusura, ritiraProposta, riapriCartella, storiaChiusura, type PropostaChiusuraInput } from './chiusura';
export { inattivita, ultimaAttivita, MESI_INATTIVITA, type Inattivita } from './inattivita';
export { conflitti, risolviConflitto, type RisoluzioneInput } from './conflitti';
export { avvisi, PREAVVISO_GIORNI, type Avviso } from './avvisi';
export { statoCartella, faseCorrente, ETICHETTE_STATO, type StatoCartella } from './stato';
export { leggiCartella, leggiProf, type VistaCartella, type VistaProf } from './vista';
export { leggiAdmin, type VistaAdmin, type Conflitto, type ConflittoRisolto, type Membro, type Documento, type Prestazione } from './vista-admin';
export { frammento, type VoceDiario, type Relazione, type Verbale, type Valutazione } from './vista-prof';
export type { Progetto, Obiettivo, Verifica } from './vista-progetto';
export { testoPiano } from './testo';
export { verificaCartella } from './verifica';
export type { Problema } from './problemi';
export { isRecord, prop } from './valida';
// agenda (docs/AGENDA.md)
export * from './agenda-vocabolario';
export { comeOra, istanteRoma, oraRipetuta, minutiTra, type Ora } from './agenda-orari';
export {
  fissaAppuntamento, spostaAppuntamento, annullaAppuntamento, segnaSvolto, segnaNonPresentato,
  risolviConflittoAppuntamento, appuntamenti, controllaIniziato,
  type AppuntamentoInput, type SpostaAppuntamentoInput, type RisoluzioneAppuntamentoInput,
} from './agenda';
export { svoltoInDiario, appuntamentiDelDiario, type SvoltoInDiarioInput, type SvoltoInDiario } from './agenda-diario';
export { leggiAgenda, MAPPA_AGENDA, type Appuntamento, type ConflittoAppuntamento, type VistaAgenda } from './agenda-vista';
export { comeImpegnoPersonale, TIPI_IMPEGNO, ETICHETTE_TIPO_IMPEGNO, type ImpegnoPersonale, type TipoImpegno } from './agenda-personale';
export { verificaAgenda } from './agenda-verifica';
export type { AppuntamentoDati } from './schema-agenda';
export { ok, errore } from './risultato';
// allegati (docs/MODEL.md §1.6, docs/ATTACHMENTS.md)
export {
  allegaADocumento, allegaAVoceDiario, rimuoviAllegato,
  type AllegaInput, type AllegaADocumentoInput, type AllegaAVoceInput, type RimuoviAllegatoInput,
} from './allegati';
export {
  leggiAllegati, allegatiDelDocumento, allegatiDellaVoce, blobReferenziati, MAPPA_ALLEGATI,
  type Allegato, type VistaAllegati,
} from './allegati-vista';
export { FORMATI_ALLEGATO_MODELLO, MAX_BYTE_ALLEGATO, type AllegatoId, type FormatoAllegatoModello } from './allegati-schema';
// scheda SINBA (docs/SIUSS.md, "The scheda SINBA in the cartella")
export { ELENCHI_SINBA, codiciSinba, etichettaSinba, type ElencoSinba, type VoceElencoSinba } from './sinba-vocabolario';
export {
  DEF_SINBA, CAMPI_SINBA_ELENCO, GRUPPI_SINBA, ETICHETTE_GRUPPO_SINBA, comeMese, meseSinba, elencoDi,
  type CampoSinba, type DefCampoSinba, type GruppoSinba, type MeseIso, type SchedaSinbaDati,
} from './schema-sinba';
export {
  aggiornaSchedaSinba, risolviConflittoSinba, schedaSinbaPrevista, MESI_SINBA_DOPO_18,
  type ModificaSchedaSinba, type RisoluzioneSinbaInput,
} from './sinba';
export {
  leggiSchedaSinba, ingressoSinba, MAPPA_SINBA, type VistaSchedaSinba, type ConflittoSinba, type IngressoSinba,
} from './sinba-vista';
