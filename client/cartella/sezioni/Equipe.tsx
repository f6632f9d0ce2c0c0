/**
 * @module client/cartella/sezioni/Equipe
 * Who holds this cartella's keys: where the keys live besides this device (a cartella whose keys
 * are on this device alone is said plainly), the roster with each member's keys and state, and
 * the log of hand-overs (who gave which keys to whom, when, with or without the person's consent),
 * all read from the roster in the admin part (crdt/model members-*).
 */
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { custodiaChiavi, ETICHETTE_RUOLO, livelloChiavi, storiaConsegne } from '../../../crdt/model';
import { useSession } from '../../app/session';
import { Affida } from '../../chiavi';
import { StoriaFirmata } from './StoriaFirmata';
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';
import { createPerId } from '../createPerId';

const s = t.chiavi.equipe;

export function Equipe(): JSX.Element {
  const c = useCartella();
  const session = useSession();
  const admin = (): ReturnType<typeof c.vista>['admin'] => c.vista().admin;
  const custodia = createMemo(() => custodiaChiavi(admin(), { io: session.autore, recupero: !!session.chiavi.recupero() }, c.now()));
  const eventi = createMemo(() => { void c.vista(); return storiaConsegne(c.aperta.cartella.admin); });
  const oggi = (): string => c.now().toISOString().slice(0, 10);
  const [affida, setAffida] = createSignal(false);
  const [esitoRevoca, setEsitoRevoca] = createSignal<{ ok: boolean; testo: string }>();
  // Rows live as long as their member (an open revocation form survives colleagues' roster writes).
  const righe = createPerId(() => admin().membri.map((m) => ({ ...m, id: m.chiave as string })));
  const puoAffidare = (): boolean => !c.chiusa() && !!c.io() && c.io()?.ruolo !== 'amministrativo';
  return (
    <section class="sezione equipe" aria-labelledby="titolo-equipe-sezione">
      <h2 id="titolo-equipe-sezione">{s.titolo}</h2>
      <p class="aiuto">{s.intro}</p>
      <section class="scheda" aria-labelledby="titolo-custodia" data-testid="custodia">
        <h3 id="titolo-custodia">{s.custodia}</h3>
        <Show when={custodia()}>
          {(k) => (
            <>
              <Show when={k().admin.length === 0 && !session.chiavi.recupero()}
                fallback={<p>{s.altrove(k().admin.length, k().prof.length, !!session.chiavi.recupero())}</p>}>
                <p class="avviso avviso-errore" data-testid="chiavi-solo-qui">{s.soloQui}</p>
              </Show>
              <Show when={k().ioProf && k().prof.length === 0 && k().admin.length > 0}><p class="avviso avviso-attenzione">{s.profSoloQui}</p></Show>
              <Show when={k().inAttesa.length > 0}><p class="nota">{s.inAttesa(k().inAttesa.length)}</p></Show>
            </>
          )}
        </Show>
      </section>
      <Show when={puoAffidare()}>
        <Show when={affida()} fallback={<div class="azioni"><button type="button" class="btn btn-primario" onClick={() => setAffida(true)}>{t.chiavi.affida.titolo}</button></div>}>
          <Affida cartellaId={c.aperta.id} onFine={() => setAffida(false)} />
        </Show>
      </Show>
      <section class="scheda" aria-labelledby="titolo-membri">
        <h3 id="titolo-membri">{s.membri}</h3>
        <Show when={esitoRevoca()}>
          {(x) => <p class={x().ok ? 'avviso avviso-ok' : 'avviso avviso-errore'} role={x().ok ? 'status' : 'alert'} data-testid="revoca-esito">{x().testo}</p>}
        </Show>
        <table>
          <thead>
            <tr>
              <th scope="col">{s.colonne.nome}</th><th scope="col">{s.colonne.ruolo}</th><th scope="col">{s.colonne.chiavi}</th>
              <th scope="col">{s.colonne.dal}</th><th scope="col">{s.colonne.stato}</th><th scope="col"><span class="solo-lettori">{t.chiavi.revoca.pulsante}</span></th>
            </tr>
          </thead>
          <tbody>
            <For each={righe()}>
              {(m) => (
                <tr data-testid="membro-equipe" classList={{ revocato: !!m().revocatoIl && (m().revocatoIl ?? '') <= oggi() }}>
                  <th scope="row">{m().nome}</th>
                  <td>{ETICHETTE_RUOLO[m().ruolo]}</td>
                  <td>{s.chiavi[livelloChiavi(m().ruolo)]}</td>
                  <td>{dataBreve(m().aggiuntoIl)}</td>
                  <td>{m().revocatoIl ? s.stati.revocato(dataBreve(m().revocatoIl)) : m().consegna && !m().accettazione ? s.stati.daAccettare : s.stati.attivo}</td>
                  <td>
                    <Show when={c.decisionale() && !c.chiusa() && !m().revocatoIl && m().chiave !== session.autore}>
                      <Revoca chiave={m().chiave} nome={m().nome} onEsito={setEsitoRevoca} />
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <StoriaFirmata />
      <section class="scheda" aria-labelledby="titolo-storia-consegne">
        <h3 id="titolo-storia-consegne">{s.storia}</h3>
        <ol class="storia-consegne" data-testid="storia-consegne">
          <For each={eventi()}>
            {(e) => (
              <li>
                <span class="data-evento">{dataBreve(e.data)}</span>{' '}
                {(s.eventi[e.tipo] ?? (() => e.tipo))(e.nome, c.nomeDi(e.da), e.chiavi ? s.chiavi[e.chiavi] ?? '' : '')}
                <Show when={e.tipo === 'consegna'}>{' — '}{e.consenso ? s.conConsenso : s.senzaConsenso(e.motivo ?? '')}</Show>
                <Show when={e.tipo === 'revoca' && e.motivo}>{' — '}{s.motivo(e.motivo ?? '')}</Show>
              </li>
            )}
          </For>
        </ol>
      </section>
    </section>
  );
}

/** Removing a member: a written reason, the plain statement of what a removed person keeps, then the rotation. */
function Revoca(props: { chiave: string; nome: string; onEsito: (e: { ok: boolean; testo: string }) => void }): JSX.Element {
  const c = useCartella();
  const session = useSession();
  const r = t.chiavi.revoca;
  const [aperta, setAperta] = createSignal(false);
  const [motivo, setMotivo] = createSignal('');
  const [errore, setErrore] = createSignal<string>();
  const [inCorso, setInCorso] = createSignal(false);
  const conferma = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (!motivo().trim()) { setErrore(r.errori.motivo); return; }
    setErrore(undefined);
    setInCorso(true);
    try {
      const x = await session.workspace.revoca(c.aperta.id, props.chiave, motivo().trim(), session.now());
      if (!x.ok) { props.onEsito({ ok: false, testo: x.message }); return; }
      const senza = x.value.ruotate.reduce((n, p) => n + p.senzaChiave.length, 0);
      props.onEsito({ ok: true, testo: `${r.fatta(props.nome)}${senza > 0 ? ` ${r.senzaChiave(senza)}` : ''}` });
      setAperta(false);
    } finally {
      setInCorso(false);
    }
  };
  return (
    <>
      <Show when={aperta()} fallback={<button type="button" class="btn btn-piccolo" onClick={() => { setAperta(true); setErrore(undefined); }}>{r.pulsante}</button>}>
        <form class="modulo revoca" noValidate onSubmit={(e) => void conferma(e)} aria-label={r.titolo(props.nome)}>
          <p><strong>{r.titolo(props.nome)}</strong></p>
          <p class="avviso avviso-attenzione">{r.avviso}</p>
          <label for={`revoca-motivo-${props.chiave}`}>{r.motivo}</label>
          <textarea id={`revoca-motivo-${props.chiave}`} rows={2} maxLength={500} value={motivo()} onInput={(e) => setMotivo(e.currentTarget.value)} />
          <div class="azioni">
            <button type="submit" class="btn btn-pericolo" disabled={inCorso()}>{inCorso() ? r.inCorso : r.conferma}</button>
            <button type="button" class="btn" onClick={() => setAperta(false)}>{t.cartella.comune.annulla}</button>
          </div>
        </form>
      </Show>
      <Show when={errore()}><p class="avviso avviso-errore" role="alert" data-testid="revoca-errore">{errore()}</p></Show>
    </>
  );
}
