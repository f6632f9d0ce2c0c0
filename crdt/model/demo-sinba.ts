/**
 * @module demo-sinba
 * Minors in the demo: a cartella of the area "famiglia e minori" is about a child (the person's
 * date of birth is moved so they are 2–13 at the presa in carico; name, gender and birthplace
 * stay), and their social worker fills in the scheda SINBA right after it. The first such scheda
 * of a demo is left incomplete (no assessment of the minor, no household), so the SIUSS screens
 * have something to report. Choices come from a generator seeded by the person's codice fiscale,
 * not from the story's, so the rest of every demo stays as it was.
 */
import { aggiungiMesi, type DataIso } from './date';
import { codiceFiscaleSintetico, type PersonaDemo } from './demo-persone';
import type { Storia } from './demo-storia';
import { Casuale } from './prng';
import { aggiornaSchedaSinba, type ModificaSchedaSinba } from './sinba';

/** The same person, born so that they are 2–13 years old on `apertura`. */
export function personaMinore(p: PersonaDemo, apertura: DataIso): PersonaDemo {
  const eta = 2 + (Number(p.dataNascita.slice(0, 4)) % 12);
  const dataNascita = aggiungiMesi(p.dataNascita, 12 * (Number(apertura.slice(0, 4)) - eta - Number(p.dataNascita.slice(0, 4))));
  const base = { nome: p.nome, cognome: p.cognome, genere: p.genere, dataNascita, comuneNascita: p.comuneNascita };
  return { ...p, dataNascita, codiceFiscale: codiceFiscaleSintetico(base) };
}

function scuola(eta: number): string {
  if (eta < 3) return '3';
  if (eta < 6) return '4';
  if (eta < 11) return '5';
  return eta < 14 ? '6' : '7';
}

/** A plausible scheda for `p` on the day of the presa in carico (`incompleta`: two required fields left out). */
export function schedaDemo(p: PersonaDemo, oggi: DataIso, incompleta: boolean): ModificaSchedaSinba {
  const r = new Casuale([...p.codiceFiscale].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7));
  const eta = Number(oggi.slice(0, 4)) - Number(p.dataNascita.slice(0, 4));
  const mese = oggi.slice(0, 7);
  const luogoVita = r.scegli(['1', '1', '1', '2', '3', '4']);
  const giudice = r.forse(0.3);
  const disabile = r.forse(0.15);
  return {
    minoreStranieroNoAcc: '2', condizioneMinore: '1', luogoVita, scuolaFrequentata: scuola(eta), condizioneLavoro: '1',
    disabilita: disabile ? '1' : '2', ...(disabile ? { tipoDisabilita: r.scegli(['1', '2', '3']), invCivCertificazioni: '5' } : {}),
    codiceCittadinanzaMadre: '100', titoloStudioMadre: r.scegli(['3', '4', '5']), occupazioneMadre: r.scegli(['1', '2', '4']),
    dataPrimaSegnalazione: mese, fonteSegnalazione: r.scegli(['13', '3', '8', '11', '2']),
    valutazioneFamigliaMinore: r.scegli(['2', '12', '6', '13']),
    segnalazioneAutoritaGiudiziaria: giudice ? '1' : '2', provvedimentoGiudiziario: giudice ? '1' : '2',
    ...(giudice ? { dataSegnalazione: mese, dataProvvedimentoGiudiziario: mese, autoritaProvvedimento: '2', tipoProvvedimentoGiudiziario: '5' } : {}),
    ...(luogoVita === '3' ? { formaInterventoAffido: giudice ? '2' : '1', tipoInterventoAffido: '2', durataAffido: '1', carattereAffido: '1' } : {}),
    ...(luogoVita === '4' ? { carattereInserimentoResidenziale: '7', formaInserimentoResidenziale: giudice ? '2' : '1', tipoInserimentoResidenziale: '2' } : {}),
    collaborazioniInterventi: r.scegli(['2', '3', '7']), numeroComponentiIsee: r.intero(2, 5),
    ...(incompleta ? {} : { valutazioneMinore: r.scegli(['2', '1', '4', '13', '9']), composizioneFamiglia: r.scegli([['1', '2'], ['1', '3'], ['1', '2', '3'], ['1', '4']]) }),
  };
}

/** Writes the scheda SINBA of a minor's cartella on the story's day (by the case's social worker). */
export function registraSchedaDemo(s: Storia, p: PersonaDemo, incompleta: boolean): void {
  s.fai(aggiornaSchedaSinba(s.c, schedaDemo(p, s.giorno, incompleta), s.ctx()));
}
