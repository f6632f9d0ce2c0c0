/**
 * @module client/ui/CampoData
 * A date typed the Italian way (gg/mm/aaaa). The text is the form's own state; the day it
 * means is read with `leggiData` when the form is checked. On leaving the field a valid date
 * is rewritten in full ("5/3/25" is never guessed: the year needs four digits), so what the
 * person sees is what will be saved. Alt+↓ — or «t» in an empty field — writes today.
 */
import type { JSX } from 'solid-js';
import { t } from '../strings';
import { Campo, lasciato, type CampoProps } from './Campo';
import { dataBreve, leggiData, oggiTesto } from './date';

export function CampoData(props: Omit<CampoProps, 'children' | 'aiuto'> & {
  valore: string;
  onInput: (v: string) => void;
  onBlur?: () => void;
  now: () => Date;
  aiuto?: string;
  disabilitato?: boolean;
}): JSX.Element {
  const normalizza = (el: HTMLInputElement): void => {
    const d = leggiData(el.value);
    if (d.tipo === 'valida' && dataBreve(d.iso) !== el.value) props.onInput(dataBreve(d.iso));
  };
  return (
    <Campo {...props} aiuto={props.aiuto || t.cartella.date.aiuto} aiutoNascosto={!props.aiuto} classe={`campo-data ${props.classe ?? ''}`}>
      {(a) => (
        <input {...a} type="text" title={t.cartella.date.aiuto} inputmode="numeric" autocomplete="off" placeholder="gg/mm/aaaa" maxLength={10}
          value={props.valore} disabled={props.disabilitato} class="corto" aria-keyshortcuts="Alt+ArrowDown"
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            const vuoto = e.currentTarget.value === '';
            if ((e.altKey && e.key === 'ArrowDown') || (vuoto && (e.key === 't' || e.key === 'T') && !e.ctrlKey && !e.metaKey)) {
              e.preventDefault();
              props.onInput(oggiTesto(props.now()));
            }
          }}
          onBlur={(e) => { normalizza(e.currentTarget); lasciato(e.currentTarget, props.onBlur); }} />
      )}
    </Campo>
  );
}
