/**
 * @module client/cartella/stampe/DatiPersona
 * The person a printed document is about: name, codice fiscale, birth, residence.
 */
import { Show, type JSX } from 'solid-js';
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';

/** "Cognome Nome" of the cartella's person. */
export function nomePersona(): string {
  const a = useCartella().vista().admin.anagrafica;
  return `${a.cognome ?? ''} ${a.nome ?? ''}`.trim();
}

export function DatiPersona(): JSX.Element {
  const c = useCartella();
  const a = (): ReturnType<typeof c.vista>['admin']['anagrafica'] => c.vista().admin.anagrafica;
  return (
    <>
      <dt>{t.cartella.stampa.persona}</dt>
      <dd>
        {`${a().cognome ?? ''} ${a().nome ?? ''}`.trim()}
        <Show when={a().codiceFiscale}>{(cf) => <>, C.F. {cf()}</>}</Show>
        <Show when={a().dataNascita}>{(d) => <>, {t.cartella.stampa.natoIl(dataBreve(d()), a().luogoNascita, a().genere)}</>}</Show>
        <Show when={a().indirizzo || a().comuneResidenza}>
          <br />{[a().indirizzo, a().comuneResidenza].filter(Boolean).join(', ')}
        </Show>
      </dd>
    </>
  );
}
