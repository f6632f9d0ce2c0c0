/**
 * @module client/cartella/stampe/StampaRelazione
 * The printed relazione sociale: title, recipient, person, author, its text (the six
 * sections as written), signature line.
 */
import type { JSX } from 'solid-js';
import type * as Y from 'yjs';
import type { Relazione } from '../../../crdt/model';
import { formatData } from '../../app/date';
import { EditorTesto } from '../../editor';
import { t } from '../../strings';
import { dataBreve } from '../../ui';
import { useCartella } from '../contesto';
import { DatiPersona } from './DatiPersona';

export function StampaRelazione(props: { relazione: Relazione; testo: Y.XmlFragment }): JSX.Element {
  const c = useCartella();
  const r = props.relazione;
  return (
    <div class="documento-relazione">
      <h1>{t.cartella.stampa.relazione}{r.titolo !== t.cartella.relazioni.titoloPredefinito ? ` — ${r.titolo}` : ''}</h1>
      <dl class="dati-documento">
        <dt>{t.cartella.stampa.destinatario}</dt><dd>{r.destinatario}</dd>
        <DatiPersona />
        <dt>{t.cartella.stampa.redattore}</dt><dd>{c.nomeDi(r.autore)}</dd>
        <dt>{t.cartella.relazioni.colonne.stato}</dt>
        <dd>{t.cartella.etichette.statiRelazione[r.stato]}{r.definitivaIl ? ` — ${dataBreve(r.definitivaIl)}` : ''}</dd>
      </dl>
      <EditorTesto frammento={props.testo} modificabile={false} barra={false} etichetta={r.titolo} />
      <div class="firme">
        <div />
        <div class="firma">{t.cartella.progetto.firmaOperatore}<br />{c.nomeDi(r.autore)}</div>
      </div>
      <p class="piede-documento">{t.cartella.stampa.stampatoIl(formatData(c.now()))}</p>
    </div>
  );
}
