/**
 * @module client/cartella/sezioni/StatoRelazione
 * The state of a relazione sociale as a badge: bozza, or definitiva with its date.
 */
import type { JSX } from 'solid-js';
import type { Relazione } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve } from '../../ui';

export function StatoRelazione(props: { r: Relazione }): JSX.Element {
  return (
    <span class="badge" classList={{ 'badge-ok': props.r.stato === 'definitiva' }}>
      {t.cartella.etichette.statiRelazione[props.r.stato]}
      {props.r.definitivaIl ? ` ${dataBreve(props.r.definitivaIl)}` : ''}
    </span>
  );
}

