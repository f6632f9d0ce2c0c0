/**
 * @module client/cartella/sezioni/StoriaFirmata
 * "Storia": who changed which part of the cartella, derived from the signed envelopes of both
 * rooms (crdt/history through the workspace): each group says who signed, which sections,
 * how many changes; a signer outside the roster is shown as not verified, never as someone
 * else; refused envelopes are listed as such. Loaded on demand (it fetches the whole log).
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { ETICHETTE_SEZIONE, storia, type VoceStoria } from '../../../crdt/history';
import { useSession } from '../../app/session';
import { t } from '../../strings';
import { useCartella } from '../contesto';

const s = t.chiavi.storia;

export function StoriaFirmata(): JSX.Element {
  const c = useCartella();
  const session = useSession();
  const [voci, setVoci] = createSignal<{ parte: string; v: VoceStoria }[]>();
  const [completa, setCompleta] = createSignal(true);
  const [errore, setErrore] = createSignal<string>();
  const [inCorso, setInCorso] = createSignal(false);
  const carica = async (): Promise<void> => {
    setInCorso(true);
    setErrore(undefined);
    try {
      const r = await session.workspace.storia(c.aperta.id);
      if (!r.ok) { setErrore(r.message); return; }
      setCompleta(r.value.completa);
      const tutte = [
        ...storia(r.value.admin).map((v) => ({ parte: s.admin, v })),
        ...(r.value.prof ? storia(r.value.prof).map((v) => ({ parte: s.prof, v })) : []),
      ];
      setVoci(tutte.slice(-200).reverse());
    } finally {
      setInCorso(false);
    }
  };
  const chi = (v: VoceStoria): string => {
    if (v.tipo === 'rifiutate') return s.rifiutate;
    const f = v.firmatario;
    if (!f) return s.sconosciuto;
    return f.stato === 'membro' ? f.nome : s.nonVerificato;
  };
  return (
    <section class="scheda storia-firmata" aria-labelledby="titolo-storia-firmata" data-testid="storia-firmata">
      <h3 id="titolo-storia-firmata">{s.titolo}</h3>
      <p class="aiuto">{s.aiuto}</p>
      <Show when={voci()} fallback={
        <div class="azioni"><button type="button" class="btn" disabled={inCorso()} onClick={() => void carica()}>{inCorso() ? s.inCorso : s.mostra}</button></div>
      }>
        {(lista) => (
          <>
            <Show when={!completa()}><p class="nota">{s.incompleta}</p></Show>
            <ol class="voci-storia">
              <For each={lista()}>
                {({ parte, v }) => (
                  <li data-testid="voce-storia" classList={{ 'non-verificata': v.firmatario?.stato === 'non_verificato' || v.tipo === 'rifiutate' }}>
                    <strong>{chi(v)}</strong>{' — '}{parte}{v.tipo === 'snapshot' ? ` (${s.snapshot})` : ''}
                    <Show when={v.sezioni.length > 0}>: {v.sezioni.map((x) => ETICHETTE_SEZIONE[x] ?? x).join(', ')}</Show>
                    {' · '}{s.modifiche(v.buste)}
                    <Show when={v.dichiaratoAl}>{(d) => <span class="nota"> · {s.dichiarato(new Date(d()).toLocaleString('it-IT', { dateStyle: 'short', timeStyle: 'short' }))}</span>}</Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </Show>
      <Show when={errore()}><p class="avviso avviso-errore" role="alert">{errore()}</p></Show>
    </section>
  );
}
