/**
 * @module client/cartella/sezioni/Verbali
 * Verbali d'équipe: date, participants (at least two) and the minutes, written together
 * in the shared editor right after the verbale is created.
 */
import type { JSX } from 'solid-js';
import { aggiungiVerbale } from '../../../crdt/model';
import { t } from '../../strings';
import { dataBreve, dataLunga, ModuloSemplice, oggiTesto } from '../../ui';
import { useCartella } from '../contesto';
import { SezioneScritti } from './SezioneScritti';

const s = t.cartella.verbali;

export function Verbali(props: { elemento?: string | undefined }): JSX.Element {
  const c = useCartella();
  return (
    <SezioneScritti lista="verbali" classe="verbali" testi={s} elementi={() => c.vista().prof?.verbali ?? []} elemento={props.elemento}
      titoloDi={(v) => dataLunga(v.data)} sottotitoloDi={(v) => `${v.partecipanti.join(', ')} · ${c.nomeDi(v.autore)}`}
      etichettaEditor={(v) => s.editor(dataBreve(v.data))}
      modulo={(creato, annulla) => (
        <ModuloSemplice id="verbale" titolo={s.nuovo} invio={s.crea} now={c.now} annulla={annulla}
          campiDegliErrori={{ campo_obbligatorio: 'partecipanti', data_futura: 'data' }}
          campi={[
            { chiave: 'data', etichetta: s.data, tipo: 'data', obbligatorio: true, iniziale: oggiTesto(c.now()) },
            { chiave: 'partecipanti', etichetta: s.partecipanti, tipo: 'area', obbligatorio: true, aiuto: s.partecipantiAiuto,
              iniziale: `${c.utente.name}\n` },
          ]}
          onInvia={(v) => {
            const partecipanti = String(v['partecipanti'] ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
            if (partecipanti.length < 2) return { ok: false, code: 'campo_obbligatorio', message: s.almenoDue };
            const r = c.esegui((x, ctx) => aggiungiVerbale(x, { data: String(v['data']), partecipanti }, ctx));
            if (r.ok) creato(r.value);
            return r;
          }} />
      )} />
  );
}
