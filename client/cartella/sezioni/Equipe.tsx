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
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';

const s = t.chiavi.equipe;

export function Equipe(): JSX.Element {
  const c = useCartella();
  const session = useSession();
  const admin = (): ReturnType<typeof c.vista>['admin'] => c.vista().admin;
  const custodia = createMemo(() => custodiaChiavi(admin(), { io: session.autore, recupero: !!session.chiavi.recupero() }, c.now()));
  const eventi = createMemo(() => { void c.vista(); return storiaConsegne(c.aperta.cartella.admin); });
  const oggi = (): string => c.now().toISOString().slice(0, 10);
  const [affida, setAffida] = createSignal(false);
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
        <table>
          <thead>
            <tr>
              <th scope="col">{s.colonne.nome}</th><th scope="col">{s.colonne.ruolo}</th><th scope="col">{s.colonne.chiavi}</th>
              <th scope="col">{s.colonne.dal}</th><th scope="col">{s.colonne.stato}</th>
            </tr>
          </thead>
          <tbody>
            <For each={admin().membri}>
              {(m) => (
                <tr data-testid="membro-equipe" classList={{ revocato: !!m.revocatoIl && m.revocatoIl <= oggi() }}>
                  <th scope="row">{m.nome}</th>
                  <td>{ETICHETTE_RUOLO[m.ruolo]}</td>
                  <td>{s.chiavi[livelloChiavi(m.ruolo)]}</td>
                  <td>{dataBreve(m.aggiuntoIl)}</td>
                  <td>{m.revocatoIl ? s.stati.revocato(dataBreve(m.revocatoIl)) : m.consegna && !m.accettazione ? s.stati.daAccettare : s.stati.attivo}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
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
