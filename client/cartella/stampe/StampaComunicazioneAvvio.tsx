/**
 * @module client/cartella/stampe/StampaComunicazioneAvvio
 * The letter of the comunicazione di avvio, composed from what was recorded (art. 8 L.
 * 241/1990): amministrazione, oggetto, ufficio, responsabile, due date, remedies, where to
 * see the file, the istanza's date.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../strings';
import { dataLunga } from '../../ui';
import { useCartella } from '../contesto';

const s = t.cartella.lettera;

export function StampaComunicazioneAvvio(): JSX.Element {
  const c = useCartella();
  const a = (): ReturnType<typeof c.vista>['admin']['anagrafica'] => c.vista().admin.anagrafica;
  const nome = (): string => `${a().nome ?? ''} ${a().cognome ?? ''}`.trim();
  return (
    <Show when={c.vista().admin.procedimento.comunicazioneAvvio}>
      {(ca) => (
        <div class="lettera">
          <div class="destinatario-lettera">
            <p>{s.destinatario}<br /><strong>{nome()}</strong>
              <Show when={a().indirizzo}><br />{a().indirizzo}</Show>
              <Show when={a().comuneResidenza}><br />{a().comuneResidenza}</Show>
            </p>
          </div>
          <p>{s.luogoData(dataLunga(ca().data))}</p>
          <h1>{s.oggetto}</h1>
          <p>{s.gentile(nome())}</p>
          <p>{s.avvio(dataLunga(c.vista().admin.procedimento.iniziativa?.dataAvvio))}</p>
          <p class="citazione"><strong>{ca().oggetto}</strong></p>
          <Show when={ca().dataIstanza}>{(d) => <p>{s.istanza(dataLunga(d()))}</p>}</Show>
          <dl class="dati-documento">
            <dt>{s.amministrazione}</dt><dd>{ca().amministrazione}</dd>
            <dt>{s.ufficio}</dt><dd>{ca().ufficio}</dd>
            <dt>{s.responsabile}</dt><dd>{ca().responsabileProcedimento}</dd>
            <dt>{s.conclusione}</dt><dd>{s.conclusioneTesto(dataLunga(ca().dataConclusione))}</dd>
            <dt>{s.rimedi}</dt><dd>{ca().rimedi}</dd>
            <dt>{s.visione}</dt><dd>{s.visioneTesto(ca().ufficioVisione)}</dd>
          </dl>
          <div class="firme">
            <div />
            <div class="firma">{s.firma}<br />{ca().responsabileProcedimento}</div>
          </div>
        </div>
      )}
    </Show>
  );
}
