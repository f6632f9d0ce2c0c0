/**
 * @module client/cartella/sezioni/ComunicazioneAvvio
 * The comunicazione di avvio (L. 241/1990 art. 8): the form asks for what the law requires
 * (amministrazione, oggetto, ufficio, responsabile, remedies, where to see the file) with
 * sensible first values from the settings and the cartella; the model fills in the due date
 * and the istanza's date. Once recorded, the letter prints from the stored data.
 */
import { Show, type JSX } from 'solid-js';
import { inviaComunicazioneAvvio } from '../../../crdt/model';
import { useSession } from '../../app/session';
import { stampa } from '../../print';
import { t } from '../../strings';
import { dataBreve, ModuloSemplice, oggiTesto, Pulsante } from '../../ui';
import { useCartella } from '../contesto';
import { StampaComunicazioneAvvio } from '../stampe/StampaComunicazioneAvvio';

const s = t.cartella.procedimento.comunicazione;
const TXT = (x: string | number | undefined): string => (x === undefined ? '' : String(x));

export function ComunicazioneAvvio(): JSX.Element {
  const c = useCartella();
  const session = useSession();
  const pr = (): ReturnType<typeof c.vista>['admin']['procedimento'] => c.vista().admin.procedimento;
  const resp = (): string => { const r = c.vista().admin.meta.responsabile; return r ? c.nomeDi(r) : ''; };
  const richiesta = (): string => c.vista().admin.segretariato.accesso?.richiesta ?? '';
  const stampaLettera = (): void => stampa({ titolo: s.titolo, contenuto: () => <StampaComunicazioneAvvio /> });
  return (
    <Show when={pr().comunicazioneAvvio} fallback={
      <Show when={!c.chiusa() && c.io() && !pr().determinazione}>
        <ModuloSemplice id="comunicazione-avvio" invio={s.registra} now={c.now} intro={s.anteprima} testid="modulo-comunicazione-avvio"
          campiDegliErrori={{ date_incoerenti: 'data', data_futura: 'data' }}
          campi={[
            { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
            { chiave: 'mezzo', etichetta: s.mezzo, tipo: 'testo', obbligatorio: true, iniziale: s.mezzoPredefinito },
            { chiave: 'amministrazione', etichetta: s.amministrazione, tipo: 'testo', obbligatorio: true, iniziale: session.settings.enteName ?? '' },
            { chiave: 'ufficio', etichetta: s.ufficio, tipo: 'testo', obbligatorio: true, iniziale: 'Servizio sociale professionale' },
            { chiave: 'responsabileProcedimento', etichetta: s.responsabile, tipo: 'testo', obbligatorio: true, iniziale: resp() },
            { chiave: 'ufficioVisione', etichetta: s.ufficioVisione, tipo: 'testo', obbligatorio: true, iniziale: 'Ufficio del Servizio sociale, su appuntamento' },
            { chiave: 'oggetto', etichetta: s.oggetto, tipo: 'area', obbligatorio: true, iniziale: richiesta() },
            { chiave: 'rimedi', etichetta: s.rimedi, tipo: 'area', obbligatorio: true, iniziale: s.rimediPredefiniti },
          ]}
          onInvia={(v) => c.esegui((x, ctx) => inviaComunicazioneAvvio(x, {
            data: TXT(v['data']), mezzo: TXT(v['mezzo']), amministrazione: TXT(v['amministrazione']), oggetto: TXT(v['oggetto']),
            ufficio: TXT(v['ufficio']), responsabileProcedimento: TXT(v['responsabileProcedimento']), rimedi: TXT(v['rimedi']),
            ufficioVisione: TXT(v['ufficioVisione']),
          }, ctx))} />
      </Show>
    }>
      {(ca) => (
        <div class="comunicazione-inviata">
          <p>{s.inviata(dataBreve(ca().data), ca().mezzo)}</p>
          <Pulsante onClick={stampaLettera} testid="stampa-comunicazione">{s.stampa}</Pulsante>
        </div>
      )}
    </Show>
  );
}
