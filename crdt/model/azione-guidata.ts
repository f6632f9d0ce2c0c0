/**
 * @module azione-guidata
 * A "sensible next step" for the property tests and the demo: the one operation that a
 * diligent social worker would do next on this cartella (satisfy the first missing
 * requirement of the phase, or move to the next phase, or close and reopen). Random
 * actions alone rarely get past the apertura; mixing in this step reaches every phase.
 */
import type { Cartella, Contesto } from './cartella';
import { checklist } from './checklist';
import { confermaChiusura, proponiChiusura, riapriCartella } from './chiusura';
import type { DataIso } from './date';
import { aggiungiVoceDiario } from './diario';
import { aggiornaDocumento, registraDocumento } from './documenti';
import { cambiaFase } from './fasi';
import { registraIsee } from './isee';
import { comunicaEsito, inviaComunicazioneAvvio, registraDeterminazione } from './procedimento';
import { aggiungiObiettivo, definisciProgetto, firmaProgetto } from './progetto';
import { creaRelazione, rendiDefinitiva } from './relazioni';
import { errore, type Risultato } from './risultato';
import { concludiSegretariato } from './segretariato';
import { aggiungiVerbale } from './verbali';
import { leggiCartella } from './vista';
import { FASI, type TipoDocumento } from './vocabolario';

const OBIETTIVO = { descrizione: 'A', risultatiAttesi: 'B', impegniPersona: 'C', sostegniServizi: 'D', tempi: 'E' };
const SEZIONI = { contesto: 'Contesto.', finalita: 'Finalità.', metodologia: 'Colloqui.', situazione: 'Situazione.', valutazione: 'Valutazione.', proposta: 'Proposta.' };

/** Performs the next sensible operation on `c` as `ctx.autore` (who should be a social worker). */
export function passoGuidato(c: Cartella, ctx: Contesto, oggi: DataIso): Risultato<unknown> {
  const v = leggiCartella(c);
  if (v.stato === 'accesso') {
    return concludiSegretariato(c, { esito: 'presa_in_carico', apertura: { iniziativa: 'istanza', protocollo: 'PG/1', dataRicezione: v.admin.segretariato.accesso?.data ?? oggi, data: oggi, area: 'anziani', responsabile: ctx.autore } }, ctx);
  }
  if (v.stato === 'chiusa') return riapriCartella(c, { data: oggi, motivo: 'Nuovo bisogno' }, ctx);
  if (v.stato === 'chiusura_proposta') return confermaChiusura(c, { data: oggi }, ctx);
  if (v.stato !== 'aperta' || !v.fase) return errore('cartella_non_aperta', 'Nessun passo possibile.');
  const m = checklist(v).mancanti[0];
  if (!m) {
    if (v.fase.fase === 'conclusione') return proponiChiusura(c, { motivo: 'conclusione', data: oggi }, ctx);
    const prossima = FASI[FASI.indexOf(v.fase.fase) + 1] ?? 'conclusione';
    return cambiaFase(c, { fase: prossima, data: oggi }, ctx);
  }
  const r = m.requisito;
  if (r.startsWith('altro:')) return aggiornaDocumento(c, { id: r.slice(6), stato: 'acquisito', data: oggi }, ctx);
  switch (r) {
    case 'diario': return aggiungiVoceDiario(c, { data: oggi, tipo: 'colloquio', testo: 'Colloquio.' }, ctx);
    case 'comunicazione_avvio': return inviaComunicazioneAvvio(c, { data: oggi, mezzo: 'PEC', amministrazione: 'Comune', oggetto: 'Presa in carico', ufficio: 'Servizi sociali', responsabileProcedimento: 'AS', rimedi: 'Potere sostitutivo', ufficioVisione: 'Ufficio' }, ctx);
    case 'attestazione_isee': return registraIsee(c, { valore: 5000, dataAttestazione: oggi, dataDsu: oggi }, ctx);
    case 'determinazione': return registraDeterminazione(c, { numero: 'D1', data: oggi, esito: 'accolto' }, ctx);
    case 'comunicazione_esito': return comunicaEsito(c, { data: oggi, mezzo: 'PEC' }, ctx);
    case 'verbale_equipe': return aggiungiVerbale(c, { data: oggi, partecipanti: ['AS', 'Educatore'] }, ctx);
    case 'relazione_sociale': {
      const bozza = v.prof?.relazioni.find((x) => x.stato === 'bozza');
      return bozza ? rendiDefinitiva(c, { id: bozza.id, data: oggi }, ctx) : creaRelazione(c, { titolo: 'Relazione', destinatario: 'Servizio', sezioni: SEZIONI }, ctx);
    }
    case 'progetto_firmato': {
      const pr = v.prof?.progetto;
      if (!pr) return definisciProgetto(c, { dataInizio: oggi, verificaOgniMesi: 3, chiusuraPrevista: '2031-01-01', obiettivi: [OBIETTIVO] }, ctx);
      return pr.obiettivi.length === 0 ? aggiungiObiettivo(c, OBIETTIVO, ctx) : firmaProgetto(c, { data: oggi }, ctx);
    }
    default: return registraDocumento(c, { tipo: r as TipoDocumento, stato: 'firmato', data: oggi }, ctx);
  }
}
