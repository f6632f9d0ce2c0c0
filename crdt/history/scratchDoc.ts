/**
 * @module crdt/history/scratchDoc
 * A throw-away Y.Doc on which a room's updates are replayed one by one, instrumented to
 * say what each update did: which top-level sections (the root types: anagrafica, nucleo,
 * diario, relazioni ...) it changed, found by walking each changed type up to its root, and
 * which items it created (diary entries, relazioni, verbali by their `id`; admin register
 * writes by their write id), with the author and instant the content claims for them and
 * the Yjs id of the struct holding them — so an item is credited to the update that
 * carried it even when it was integrated later (an update waiting for an earlier one).
 * Nothing here is trusted: the content was written by whoever held the key.
 */
import * as Y from 'yjs';
import { comeAuthorKey, PARTI_PROF, SEZIONI_ADMIN, type AuthorKey } from '../model';

/** An item an update created, with what its content claims. */
export interface CreatedItem {
  /** Diary entry / relazione / verbale id, objective id, or admin register write id. */
  readonly id: string;
  /** The root type it was created in. */
  readonly section: string;
  /** Admin register writes: the field written (for `members`, the member's key). */
  readonly field?: string;
  /** The `autore` the content names (not verified). */
  readonly claimedAuthor?: AuthorKey;
  /** The instant the content names (`il`, `scrittoIl`), not verified. */
  readonly claimedAt?: string;
}

/** A created item with the Yjs id of the struct that holds it (to find the update that carried it). */
export interface ObservedItem {
  readonly item: CreatedItem;
  readonly client: number;
  readonly clock: number;
}

/** The struct ranges an update carries: per Yjs client, clocks in [from, to). */
export interface UpdateRange {
  readonly from: ReadonlyMap<number, number>;
  readonly to: ReadonlyMap<number, number>;
}

/** What applying one update did. */
export interface Effects {
  /** Root types changed in its transaction, in the order first seen. */
  readonly sections: readonly string[];
  /** Items that appeared in its transaction (possibly carried by an earlier, waiting update). */
  readonly created: readonly ObservedItem[];
  readonly range: UpdateRange;
  /** Part of it waits for an earlier change that never arrived (refused or missing): not applied yet. */
  readonly waiting: boolean;
  /** Its transaction also integrated earlier updates that were waiting for it. */
  readonly released: boolean;
}

type Part = 'admin' | 'prof';
const ISTANTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function own(o: unknown, k: string): unknown {
  if (o instanceof Y.Map) return o.get(k) as unknown;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  return Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
}

function claims(value: unknown): { claimedAuthor?: AuthorKey; claimedAt?: string } {
  const autore = comeAuthorKey(own(value, 'autore'));
  const il = own(value, 'il') ?? own(value, 'scrittoIl');
  return {
    ...(autore ? { claimedAuthor: autore } : {}),
    ...(typeof il === 'string' && ISTANTE.test(il) ? { claimedAt: il } : {}),
  };
}

/** A Y.Doc that reports, per applied update, the sections it changed and the items it created. */
export class ScratchDoc {
  readonly doc = new Y.Doc();
  private sections = new Set<string>();
  private created: ObservedItem[] = [];

  constructor(part: Part) {
    if (part === 'admin') {
      for (const name of SEZIONI_ADMIN) this.watchMap(name, this.doc.getMap(name));
    } else {
      for (const name of ['diario', 'relazioni', 'verbali', 'valutazione', 'verifiche'] as const) {
        this.watchArray(PARTI_PROF[name], this.doc.getArray(PARTI_PROF[name]));
      }
      for (const name of ['progetto', 'obiettivi'] as const) this.watchMap(PARTI_PROF[name], this.doc.getMap(PARTI_PROF[name]));
    }
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) {
        const name = this.rootName(type);
        if (name !== undefined) this.sections.add(name);
      }
    });
  }

  /**
   * Applies one update and reports its effects.
   * @returns undefined when Yjs refused the bytes (a key holder sent something that is not an update).
   */
  apply(update: Uint8Array): Effects | undefined {
    this.sections = new Set();
    this.created = [];
    let range: UpdateRange;
    const before = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const waitingBefore = this.doc.store.pendingStructs !== null;
    try {
      range = Y.parseUpdateMeta(update);
      Y.applyUpdate(this.doc, update, this);
    } catch {
      return undefined;
    }
    const after = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    let waiting = false;
    for (const [client, to] of range.to) if ((after.get(client) ?? 0) < to) waiting = true;
    // Structs integrated beyond this update's own range, or a waiting update no longer waiting.
    let released = waitingBefore && this.doc.store.pendingStructs === null;
    for (const [client, clock] of after) {
      if (clock > (before.get(client) ?? 0) && clock > (range.to.get(client) ?? 0)) released = true;
    }
    return { sections: [...this.sections], created: this.created, range, waiting, released };
  }

  /** The name of the root type `type` hangs from (undefined for a type not reachable from a root). */
  private rootName(type: { readonly _item: Y.Item | null }): string | undefined {
    let t: { readonly _item: Y.Item | null } = type;
    for (let depth = 0; t._item !== null; depth++) {
      const parent: unknown = t._item.parent;
      if (!(parent instanceof Y.AbstractType) || depth > 10_000) return undefined;
      t = parent;
    }
    for (const [name, root] of this.doc.share) if (root === t) return name;
    return undefined;
  }

  private watchMap(section: string, map: Y.Map<unknown>): void {
    map.observe((event) => {
      for (const [key, change] of event.changes.keys) {
        if (change.action !== 'add') continue;
        const value = map.get(key);
        const struct = map._map.get(key);
        const field = own(value, 'campo');
        if (!struct) continue;
        this.created.push({
          item: { id: key, section, ...(typeof field === 'string' ? { field } : {}), ...claims(value) },
          client: struct.id.client, clock: struct.id.clock,
        });
      }
    });
  }

  private watchArray(section: string, array: Y.Array<unknown>): void {
    array.observe((event) => {
      for (const item of event.changes.added) {
        (item.content.getContent() as unknown[]).forEach((value, offset) => {
          const id = own(value, 'id');
          if (typeof id === 'string') this.created.push({ item: { id, section, ...claims(value) }, client: item.id.client, clock: item.id.clock + offset });
        });
      }
    });
  }
}
