/**
 * @module crdt/workspace/codaCura
 * When the workspace looks at a cartella's roster (`Workspace.curaCartella`: retry an untrusted
 * rotation, accept a hand-over, register this device's box key). Every admin change and every
 * room turning live asks for a look; the queue keeps each cartella once until its look runs, so a
 * device opening 500 cartelle looks at each roster once, not once per update. Looks start once
 * `inizio` resolves (the PWA: after the list of cartelle is shown — a cold start's burst of 500
 * rosters would otherwise compete with it), on a microtask as before, and a long queue runs in
 * slices of about `fettaMs` that leave the event loop free in between.
 */

export interface CodaCuraOptions {
  /** Looks wait for this (rejection counts as resolution); default: none, looks run at once. */
  readonly inizio?: Promise<unknown>;
  /** How long one slice of looks may run before yielding to the event loop (ms); default 8. */
  readonly fettaMs?: number;
}

export class CodaCura {
  readonly #cura: (id: string) => void;
  readonly #fettaMs: number;
  readonly #ids = new Set<string>();
  #aperta: boolean;
  #programmata = false;
  #chiusa = false;

  constructor(cura: (id: string) => void, options: CodaCuraOptions = {}) {
    this.#cura = cura;
    this.#fettaMs = options.fettaMs ?? 8;
    this.#aperta = options.inizio === undefined;
    const apri = (): void => {
      this.#aperta = true;
      this.#programma(false);
    };
    options.inizio?.then(apri, apri);
  }

  /** Whether looks run now (false while `inizio` is pending). */
  get aperta(): boolean {
    return this.#aperta;
  }

  /** How many cartelle wait for their look. */
  get inAttesa(): number {
    return this.#ids.size;
  }

  /** Asks for a look at `id`'s roster (once, however often it is asked before the look runs). */
  aggiungi(id: string): void {
    if (this.#chiusa) return;
    this.#ids.add(id);
    this.#programma(false);
  }

  /** Forgets what waits; nothing runs after this. */
  chiudi(): void {
    this.#chiusa = true;
    this.#ids.clear();
  }

  #programma(cedi: boolean): void {
    if (!this.#aperta || this.#programmata || this.#chiusa || this.#ids.size === 0) return;
    this.#programmata = true;
    // Never inside the Yjs update event that asked: a microtask at least, a task after a full slice.
    if (cedi) setTimeout(() => this.#esegui(), 0);
    else queueMicrotask(() => this.#esegui());
  }

  #esegui(): void {
    this.#programmata = false;
    if (this.#chiusa) return;
    // This slice's ids are taken now: an id asked again by its own look waits for the next one.
    const lotto = [...this.#ids];
    this.#ids.clear();
    const inizio = Date.now();
    let i = 0;
    while (i < lotto.length) {
      const id = lotto[i] as string;
      i++;
      // One roster's failure must not cost the others their look (it surfaces as before: uncaught).
      try { this.#cura(id); } catch (e) { queueMicrotask(() => { throw e; }); }
      if (this.#chiusa) return;
      if (Date.now() - inizio >= this.#fettaMs) break;
    }
    const resto = lotto.slice(i);
    if (resto.length) {
      const nuovi = [...this.#ids];
      this.#ids.clear();
      for (const id of [...resto, ...nuovi]) this.#ids.add(id);
    }
    this.#programma(resto.length > 0);
  }
}
