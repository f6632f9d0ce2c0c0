/**
 * @module client/app/SchermoAccesso
 * The frame of every screen shown before the app is unlocked (first run, unlock, another
 * tab, starting, locking): the app's name, one centred card with its heading, nothing else.
 */
import type { JSX } from 'solid-js';
import { t } from '../strings';
import { Logo } from './Logo';

export function SchermoAccesso(props: { titolo: string; children?: JSX.Element }): JSX.Element {
  return (
    <div class="schermo-accesso">
      <header class="marchio-accesso">
        <Logo />
        <span class="marchio-nome">{t.appName}</span>
      </header>
      <main class="scheda scheda-accesso" id="contenuto">
        <h1>{props.titolo}</h1>
        {props.children}
      </main>
      <p class="piede-accesso">{t.tagline}</p>
    </div>
  );
}
