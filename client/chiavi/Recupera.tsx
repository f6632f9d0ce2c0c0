/**
 * @module client/chiavi/Recupera
 * «Recupera cartelle con la chiave dell'ente» (route #/recupero; docs/RECOVERY.md, Parte 1): the
 * responsabile types the private recovery key from the printed sheet, or reads its QR code; the
 * text goes through `parseRecoveryPrivateKeyText` and nothing else. The pair lives in memory for
 * this procedure only (wiped when it ends, never in the keyring nor sent to the server);
 * `Workspace.recupera` lists the escrow, opens the copies, adds the keys to this device and
 * joins the cartelle. The outcome is shown per cartella with the sealing device's member.
 */
import { createSignal, For, Show, type JSX } from 'solid-js';
import { parseRecoveryPrivateKeyText } from '../../crypto';
import { leggiAdmin } from '../../crdt/model';
import type { CartellaRecuperata, RapportoRecupero } from '../../crdt/workspace';
import { Campo } from '../app/Campo';
import { formatDataOra } from '../app/date';
import { nextPaint } from '../app/nextPaint';
import { nomePersona } from '../lib/nomePersona';
import { useSession } from '../app/session';
import { t } from '../strings';
import { LeggiQr } from '../ui/LeggiQr';

const s = t.continuita.recupera;

export function Recupera(): JSX.Element {
  const session = useSession();
  const [testo, setTesto] = createSignal('');
  const [errore, setErrore] = createSignal<string>();
  const [inCorso, setInCorso] = createSignal(false);
  const [rapporto, setRapporto] = createSignal<RapportoRecupero>();
  const [daQr, setDaQr] = createSignal<{ errore?: string; esito?: string }>({});

  const etichetta = (id: string): string => {
    const a = session.workspace.cartella(id);
    if (!a) return id;
    const anag = leggiAdmin(a.cartella.admin).vista.anagrafica;
    return nomePersona(anag) ?? t.cartella.comune.sconosciuto;
  };

  const recupera = async (chiave: string): Promise<void> => {
    if (inCorso()) { setErrore(s.errori.inCorso); return; }
    if (!chiave.trim()) { setErrore(s.errori.vuota); return; }
    const parsed = parseRecoveryPrivateKeyText(chiave);
    if (!parsed.ok) { setErrore(parsed.message); return; }
    setErrore(undefined);
    setRapporto(undefined);
    setInCorso(true);
    await nextPaint();
    const pair = parsed.value;
    try {
      const r = await session.workspace.recupera(pair, session.now());
      if (r.ok) {
        setRapporto(r.value);
        setTesto('');
      } else setErrore(r.message);
    } finally {
      pair.privateKey.fill(0);
      setInCorso(false);
    }
  };

  const qrLetto = (letto: string): void => {
    if (!parseRecoveryPrivateKeyText(letto).ok) { setDaQr({ errore: s.errori.qrNonValido }); return; }
    setDaQr({});
    void recupera(letto);
  };

  const copia = (c: CartellaRecuperata['copie'][number]): string =>
    `${formatDataOra(c.sealedAt)} — ${c.nome ?? s.esito.dispositivoIgnoto}`;

  return (
    <div class="pagina-stretta" data-testid="recupera">
      <h1>{s.titolo}</h1>
      <p class="aiuto">{s.intro}</p>
      <ul class="avvertenze">
        <For each={s.avvertenze}>{(a) => <li>{a}</li>}</For>
      </ul>
      <form class="modulo scheda" noValidate onSubmit={(e) => { e.preventDefault(); void recupera(testo()); }}>
        <Campo id="recupero-privata-testo" etichetta={s.chiave} aiuto={s.chiaveAiuto} errore={errore()} annuncia>
          {(a) => (
            <textarea {...a} rows={3} autocapitalize="characters" autocomplete="off" spellcheck={false} value={testo()}
              onInput={(ev) => { setTesto(ev.currentTarget.value); setErrore(undefined); }} />
          )}
        </Campo>
        <fieldset class="gruppo-qr">
          <legend>{s.qr}</legend>
          <LeggiQr id="recupero" onLetto={qrLetto} errore={daQr().errore} esito={daQr().esito} />
        </fieldset>
        <div class="azioni">
          <button type="submit" class="btn btn-primario" disabled={inCorso()}>{s.avvia}</button>
        </div>
        <Show when={inCorso()}>
          <p class="stato-attesa" role="status"><span class="rotella" aria-hidden="true" />{s.inCorso}</p>
        </Show>
      </form>
      <Show when={rapporto()}>
        {(r) => (
          <section class="scheda" aria-labelledby="recupero-esito" data-testid="recupero-esito">
            <h2 id="recupero-esito">{s.esito.titolo}</h2>
            <Show when={r().cartelle.length > 0} fallback={<p class="avviso avviso-attenzione">{s.esito.nessuna}</p>}>
              <p role="status">{s.esito.riassunto(r().cartelle.filter((c) => c.stato === 'recuperata').length, r().cartelle.length)}</p>
              <table class="tabella">
                <thead>
                  <tr><th scope="col">{s.esito.cartella}</th><th scope="col">{s.esito.stato}</th><th scope="col">{s.esito.copie}</th><th scope="col"><span class="solo-lettori">{s.esito.apri}</span></th></tr>
                </thead>
                <tbody>
                  <For each={r().cartelle}>
                    {(c) => (
                      <tr data-testid="recupero-riga" data-stato={c.stato}>
                        <td>
                          <strong>{etichetta(c.cartellaId)}</strong>
                          <div class="aiuto">{c.parti.map((p) => s.esito.parti[p]).join(', ')}</div>
                        </td>
                        <td>
                          <span class={`etichetta-stato stato-${c.stato}`}>{s.esito.stati[c.stato]}</span>
                          <Show when={c.messaggio}><div class="aiuto">{c.messaggio}</div></Show>
                        </td>
                        <td><For each={c.copie}>{(x) => <div>{copia(x)}</div>}</For></td>
                        <td>
                          <Show when={c.stato !== 'conflitto'}>
                            <a href={`#/cartella/${encodeURIComponent(c.cartellaId)}/equipe`}>{s.esito.apri}</a>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={r().nonApribili.length > 0}><p class="avviso avviso-attenzione">{s.esito.nonApribili(r().nonApribili.length)}</p></Show>
            <Show when={r().ignorate > 0}><p class="avviso avviso-attenzione">{s.esito.ignorate(r().ignorate)}</p></Show>
            <p class="aiuto">{s.esito.dopo}</p>
          </section>
        )}
      </Show>
    </div>
  );
}
