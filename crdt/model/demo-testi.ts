/**
 * @module demo-testi
 * Short, neutral Italian texts for the demo's diary entries, verbali and relazioni,
 * composed at random from templates (written as a diary should be: facts, then the
 * worker's evaluation kept apart).
 */
import type { Casuale } from './prng';
import type { TipoVoce } from './vocabolario';

const APERTURE: Readonly<Record<TipoVoce, readonly string[]>> = {
  colloquio: ['Colloquio in sede con {p}.', 'Colloquio su appuntamento con {p} e un familiare.', 'Colloquio con {p}, compilato in diretta.'],
  visita_domiciliare: ['Visita domiciliare presso l\'abitazione di {p}.', 'Visita domiciliare concordata con {p}.'],
  telefonata: ['Telefonata di {p}.', 'Telefonata con un familiare di {p}.', 'Richiamata {p} come concordato.'],
  equipe: ['Confronto in équipe sulla situazione di {p}.', 'Aggiornamento in équipe con l\'educatore.'],
  contatto_servizi: ['Contatto con il medico di medicina generale.', 'Contatto con il consultorio familiare.', 'Contatto con la scuola frequentata dal figlio.', 'Contatto con il servizio di assistenza domiciliare.'],
  altro: ['Ricevuta documentazione da {p}.', 'Nota di aggiornamento.'],
};

const FATTI = [
  'Riferisce una situazione stabile rispetto al mese scorso.',
  'Riferisce difficoltà nel pagamento delle utenze.',
  'L\'abitazione risulta in ordine; la cucina è poco utilizzata.',
  'Si concorda un nuovo appuntamento tra due settimane.',
  'Consegnata la modulistica per la domanda di contributo.',
  'Il figlio frequenta regolarmente la scuola.',
  'Riferita maggiore autonomia negli spostamenti.',
  'Si programma una verifica con l\'operatore del servizio domiciliare.',
  'Viene richiesto l\'aggiornamento dell\'attestazione ISEE.',
];

const VALUTAZIONI = [
  'Valutazione: la rete familiare è presente ma affaticata.',
  'Valutazione: l\'intervento sta producendo i risultati attesi.',
  'Valutazione: permane il rischio di isolamento.',
  'Valutazione: opportuno un confronto in équipe.',
];

/** The text of a diary entry of type `tipo` about person `p`. */
export function testoVoce(r: Casuale, tipo: TipoVoce, p: string): string {
  const righe = [r.scegli(APERTURE[tipo]).replace('{p}', p), r.scegli(FATTI)];
  if (r.forse(0.4)) righe.push(r.scegli(FATTI));
  if (r.forse(0.3)) righe.push(r.scegli(VALUTAZIONI));
  return righe.join('\n');
}

/** The text of a verbale d'équipe. */
export function testoVerbale(r: Casuale, p: string): string {
  return [`Verbale dell'incontro di équipe sulla situazione di ${p}.`, r.scegli(FATTI), r.scegli(VALUTAZIONI), 'Si concorda di proseguire con il progetto.'].join('\n');
}

/** The sections of a relazione sociale about `p`. */
export function sezioniRelazioneDemo(r: Casuale, p: string): Readonly<Record<'contesto' | 'finalita' | 'metodologia' | 'situazione' | 'valutazione' | 'proposta', string>> {
  return {
    contesto: `${p} vive nel comune di residenza; ${r.scegli(['vive sola/o', 'vive con il nucleo familiare', 'vive con un figlio'])}.`,
    finalita: 'La relazione è redatta per definire il progetto di intervento.',
    metodologia: `Colloqui in sede (${r.intero(2, 5)}), una visita domiciliare, contatti con i servizi coinvolti.`,
    situazione: r.scegli(FATTI),
    valutazione: r.scegli(VALUTAZIONI).replace('Valutazione: ', ''),
    proposta: r.scegli(['Attivazione del servizio di assistenza domiciliare.', 'Contributo economico temporaneo.', 'Inserimento in centro diurno.', 'Interventi educativi domiciliari.']),
  };
}
