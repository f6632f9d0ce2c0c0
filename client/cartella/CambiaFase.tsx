/**
 * @module client/cartella/CambiaFase
 * Moving the help process to another phase (`cambiaFase`): only the moves the model's
 * `transizione` allows are offered; going forward needs the current phase's checklist
 * complete, and the model says what is missing when it refuses.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { cambiaFase, ETICHETTE_FASE, FASI, giorno, transizione, type Fase } from '../../crdt/model';
import { t } from '../strings';
import { CampoData, createModulo, ErroreModulo, isoDi, oggiTesto, problemaData, Pulsante, Selezione } from '../ui';
import { useCartella } from './contesto';

const s = t.cartella.riepilogo;

export function CambiaFase(): JSX.Element {
  const c = useCartella();
  const attuale = (): Fase | undefined => c.vista().fase?.fase;
  const possibili = (): Fase[] => { const a = attuale(); return a ? FASI.filter((f) => transizione(a, f) !== undefined) : []; };
  const [nuova, setNuova] = createSignal<Fase | ''>('');
  const [data, setData] = createSignal(oggiTesto(c.now()));
  const [fatto, setFatto] = createSignal(false);
  let form: HTMLFormElement | undefined;
  const m = createModulo<'fase' | 'data'>({
    fase: () => (nuova() ? undefined : t.cartella.comune.obbligatorio),
    data: () => problemaData(data(), { obbligatoria: true, nonFutura: giorno(c.now()) }),
  }, { data_futura: 'data', date_incoerenti: 'data', transizione_fase_non_valida: 'fase' });
  const invia = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setFatto(false);
    const r = await m.invia(form, () => c.esegui((x, ctx) => cambiaFase(x, { fase: nuova() as Fase, data: isoDi(data()) ?? '' }, ctx)));
    if (r !== undefined) { setFatto(true); setNuova(''); m.azzera(); }
  };
  return (
    <Show when={possibili().length > 0} fallback={<p class="nota">{s.nessunaFase}</p>}>
      <form ref={form} class="modulo cambia-fase" noValidate onSubmit={(e) => void invia(e)} aria-label={s.cambiaFase}>
        <div class="griglia-campi">
          <Selezione id="nuova-fase" etichetta={s.nuovaFase} valore={nuova()} vuota={t.cartella.comune.scegli}
            opzioni={possibili().map((f) => ({ valore: f, etichetta: ETICHETTE_FASE[f] }))} onCambia={setNuova} errore={m.errore('fase')} />
          <CampoData id="data-fase" etichetta={s.dataFase} now={c.now} valore={data()} onInput={setData}
            onBlur={() => m.tocca('data')} errore={m.errore('data')} />
        </div>
        <ErroreModulo messaggio={m.erroreGenerale()} />
        <div class="azioni">
          <Pulsante tipo="submit" inCorso={m.inCorso()}>{s.cambia}</Pulsante>
          <Show when={fatto()}><span class="esito-ok" role="status">{s.faseCambiata}</span></Show>
        </div>
      </form>
    </Show>
  );
}
