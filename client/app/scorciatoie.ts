/**
 * @module client/app/scorciatoie
 * The keyboard shortcuts of the unlocked app (listed for people in strings/app.ts,
 * `scorciatoie.elenco`). Alt + letter works everywhere, also while writing; "/" and "?" only
 * outside text fields and editors, where they are ordinary characters. Letters are matched by
 * physical key (`code`), so they work with any layout and on macOS, where Alt types symbols.
 */

export interface AzioniScorciatoie {
  elenco(): void;
  nuovoAccesso(): void;
  impostazioni(): void;
  agenda(): void;
  statistiche(): void;
  blocca(): void;
  cerca(): void;
  aiuto(): void;
}

const CON_ALT: Readonly<Record<string, keyof AzioniScorciatoie>> = {
  KeyL: 'elenco',
  KeyN: 'nuovoAccesso',
  KeyI: 'impostazioni',
  KeyA: 'agenda',
  KeyS: 'statistiche',
  KeyB: 'blocca',
};

/** Whether typing here writes text (so "/" and "?" must be left alone). */
export function scriveTesto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable="true"]')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range', 'image'].includes(target.type);
  }
  return false;
}

/** Listens on `window`; returns the removal. */
export function ascoltaScorciatoie(azioni: AzioniScorciatoie): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing || e.repeat) return;
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      const azione = CON_ALT[e.code];
      if (azione) {
        e.preventDefault();
        azioni[azione]();
      }
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || scriveTesto(e.target)) return;
    if (e.key === '/') {
      e.preventDefault();
      azioni.cerca();
    } else if (e.key === '?') {
      e.preventDefault();
      azioni.aiuto();
    }
  };
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}

/**
 * The search field of the list of cartelle: the screens mark it with
 * `data-scorciatoia="cerca"` (any `input[type=search]` works too).
 */
export const SELETTORE_CERCA = '[data-scorciatoia="cerca"], input[type="search"]';
