/**
 * @module sinba-vocabolario
 * The code lists of the scheda SINBA (SIUSS, `SINBA.xsd`: minors and their families), with
 * Italian labels for people. Codes are the schema's own ("1".."n"), stored as they are sent;
 * labels follow the schema's annotations, written as a sentence ("Sì" for "SI"). The codes
 * are checked against the XSD file by crdt/siuss's drift test (sinbaSchema.test.ts).
 */

/** One code of a SINBA list and its label. */
export interface VoceElencoSinba {
  readonly codice: string;
  readonly etichetta: string;
}

const elenco = (...etichette: readonly string[]): readonly VoceElencoSinba[] =>
  etichette.map((etichetta, i) => ({ codice: String(i + 1), etichetta }));

const SI_NO = elenco('Sì', 'No');
const TITOLO_STUDIO = elenco(
  'Nessun titolo', 'Licenza elementare', 'Licenza media', 'Qualifica professionale', 'Diploma di scuola superiore',
  'Laurea o diploma di laurea',
);
const OCCUPAZIONE = elenco(
  'Occupato/a', 'Disoccupato/a in cerca di nuova occupazione', 'In cerca di prima occupazione', 'Casalinga/o', 'Studente',
  'Ritirato/a dal lavoro', 'Inabile al lavoro', 'In altra condizione',
);
const CONSENSUALE_GIUDIZIARIO = elenco('Consensuale', 'Giudiziario');
const ESITO_USCITA = (secondo: string): readonly VoceElencoSinba[] => elenco(
  'Rientrato nella famiglia di origine', secondo, 'Adottato', 'Inserito in (altra) struttura socio-educativa',
  'Inserito in struttura sanitaria', 'Vita in autonomia', 'Rimpatriato', 'Destinazione ignota', 'Altro',
);

/** Every code list of the scheda, by the name of its SINBA.xsd simple type (without `Type`). */
export const ELENCHI_SINBA = {
  SiNo: SI_NO,
  ComposizioneFamiglia: elenco('Madre', 'Padre', 'Fratelli o sorelle', 'Nonno/a', 'Compagno/a della madre o del padre', 'Altri conviventi'),
  CondizioneMinore: elenco('Non orfano', 'Orfano di entrambi i genitori', 'Orfano di padre', 'Orfano di madre', 'Genitori ignoti'),
  LuogoVita: elenco(
    'Nella sua famiglia', 'Presso parenti', 'In famiglia affidataria', 'In struttura residenziale sociale',
    'In struttura residenziale sanitaria', 'In istituto penale minorile', 'Con amici e conoscenti', 'Senza dimora',
  ),
  ScuolaFrequentata: elenco(
    'Nessuna scuola', 'Scuola nella struttura', 'Asilo nido', "Scuola dell'infanzia", 'Scuola primaria',
    'Scuola secondaria di I grado', 'Scuola secondaria di II grado', 'Corso di formazione professionale',
  ),
  CondizioneLavoro: elenco(
    'Inattivo (non in età da lavoro, non ha e non cerca lavoro)', 'Occupato', 'Disoccupato in cerca di nuova occupazione',
    'In cerca di prima occupazione',
  ),
  TipoDisabilita: elenco('Fisica', 'Psichica', 'Sensoriale', 'Plurima'),
  InvCivCertificazioni: elenco(
    'Invalidità civile parziale non inferiore al 75%', 'Invalidità civile totale (100%) con indennità di accompagnamento',
    'Invalidità civile totale (100%) senza indennità di accompagnamento', 'Certificazione NPI', 'Certificazione L. 104/1992',
  ),
  TitoloStudio: TITOLO_STUDIO,
  Occupazione: OCCUPAZIONE,
  FonteSegnalazione: elenco(
    'Servizio sociale minori della giustizia minorile', 'Altro servizio sociale (consultorio, centro famiglia, altro ambito)',
    'Servizi sanitari, medico di base, pediatra', 'Privato sociale, volontariato', "Forze dell'ordine", 'Il minore stesso',
    'Genitori affidatari o tutore', 'Genitori, fratelli o altri familiari conviventi', 'Parenti non conviventi',
    'Tribunale ordinario', 'Autorità giudiziarie minorili', 'Professionista privato', 'Scuola', 'Vicinato o conoscenti',
  ),
  ValutazioneMinore: elenco(
    'Nessuna specifica problematica', 'Problemi relazionali e comportamentali', 'Dipendenze', 'Presunto stato di abbandono',
    'Problemi sanitari', 'Violenza sessuale subita, prostituzione, tratta, pedopornografia',
    'Altre forme di violenza e maltrattamento subite', 'Comportamenti di grave devianza', 'Problemi di autonomia, disabilità',
    'Coinvolto in procedure penali', 'Gestante o madre minorenne', 'Minore straniero non accompagnato', 'Abbandono scolastico',
  ),
  ValutazioneFamigliaMinore: elenco(
    'Nessuna specifica problematica', 'Fragilità o inadeguatezza genitoriale, problematiche socio-educative e relazionali',
    'Dipendenza', 'Problematiche psichiatriche', 'Altre problematiche sanitarie', 'Grave conflittualità familiare',
    'Famiglia maltrattante', 'Famiglia abusante', 'Problemi giudiziari', 'Fallimento di affido preadottivo nel primo anno',
    'Inadempienza degli obblighi sanitari', 'Difficoltà economiche', 'Difficoltà abitative',
  ),
  AutoritaProvvedimento: elenco('Giudice tutelare', 'Tribunale per i minorenni', 'Procura presso il tribunale per i minorenni', 'Tribunale ordinario'),
  PotestaTutela: elenco(
    'Sospensione della responsabilità genitoriale', 'Decadenza dalla responsabilità genitoriale', 'Prescrizioni ai genitori',
    'Tutela a parenti o altri soggetti', 'Curatela',
  ),
  TipoProvvedimentoGiudiziario: elenco(
    'Adottabilità', 'Adozione nazionale', 'Adozione internazionale', 'Affidamento familiare', 'Affido al servizio sociale',
    'Affidamento a uno dei genitori in caso di separazione', 'Vigilanza',
    "Post-adozione, allontanamento d'urgenza (art. 403 c.c.)",
  ),
  FormaInterventoAffido: CONSENSUALE_GIUDIZIARIO,
  TipoInterventoAffido: elenco('Intrafamiliare', 'Eterofamiliare'),
  DurataAffido: elenco('Tempo pieno', 'Tempo parziale'),
  CarattereAffido: elenco('Residenziale', 'Diurno'),
  EsitoAffido: ESITO_USCITA('Affidato ad altro nucleo familiare'),
  CarattereInserimentoResidenziale: elenco(
    'Familiare, prevalente accoglienza abitativa', 'Familiare, prevalente funzione tutelare', 'Familiare, funzione socio-educativa',
    'Comunitario, accoglienza di emergenza', 'Comunitario, prevalente accoglienza abitativa', 'Comunitario, prevalente funzione tutelare',
    'Comunitario, funzione socio-educativa', 'Comunitario, funzione educativa-psicologica',
    'Comunitario, integrazione socio-sanitaria bassa', 'Comunitario, integrazione socio-sanitaria medio-alta',
  ),
  FormaInserimentoResidenziale: CONSENSUALE_GIUDIZIARIO,
  TipoInserimentoResidenziale: elenco('Con un genitore', 'Senza genitori'),
  EsitoInserimentoStruttura: ESITO_USCITA('In famiglia affidataria'),
  MotivazioneChiusuraCarico: elenco(
    'Passaggio a servizio di altro ambito della stessa regione', 'Passaggio a servizio di altro ambito di altra regione',
    'Raggiunta la maggiore età', 'Conclusione degli interventi: bisogno risolto', 'Uscita chiesta dal minore o dalla famiglia',
    'Rimpatrio', 'Irreperibilità', 'Decesso', 'Altro',
  ),
  SituazioneChiusuraCarico: elenco(
    'Nella famiglia di origine', 'Vita in autonomia (anche con altri non familiari)', 'Resta nella famiglia affidataria da maggiorenne',
    'Resta nella struttura socio-assistenziale da maggiorenne', 'Collocato in struttura residenziale sanitaria',
    'Adottato in una nuova famiglia', 'In istituto penale', 'Destinazione ignota',
  ),
  CollaborazioniInterventi: elenco(
    'SerD (dipendenze)', 'Neuropsichiatria infantile (NPI)', 'Psicologia', 'Clinica, salute mentale',
    'Altri servizi sociali (consultorio, centro famiglia, adulti, altro ambito)', 'USSM, Ministero della giustizia', 'Scuola',
    'Privato sociale, associazionismo, volontariato', 'Altro',
  ),
} as const satisfies Readonly<Record<string, readonly VoceElencoSinba[]>>;

/** The name of a SINBA code list. */
export type ElencoSinba = keyof typeof ELENCHI_SINBA;

/** The codes of a list, in order. */
export function codiciSinba(elenco: ElencoSinba): readonly string[] {
  return ELENCHI_SINBA[elenco].map((v) => v.codice);
}

/** The label of a code of a list (the code itself if unknown). */
export function etichettaSinba(elenco: ElencoSinba, codice: string): string {
  return ELENCHI_SINBA[elenco].find((v) => v.codice === codice)?.etichetta ?? codice;
}
