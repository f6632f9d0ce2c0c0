/**
 * @module crdt/history/admissions
 * Whether each roster member was admitted by a write signed by who it claims. The roster
 * lives in the admin document, which anyone holding the admin key can write: a former
 * member who kept an old key, or whoever stole one, could add their own key "as" a social
 * worker. The roster alone would then vouch for them. Here each member's first write (the
 * one replacing nothing) must have been created by an envelope signed by that write's
 * claimed author, who must be admitted in turn — back to the founder, whose self-admission
 * counts only in the envelope that wrote the first roster entry of the room.
 */
import type * as Y from 'yjs';
import { leggiAdmin, type AuthorKey } from '../model';
import type { CreatedItem } from './scratchDoc';
import type { Admission, Position } from './types';

/** An item creation as replay.ts records it: the item and the envelope that carried it. */
interface Created {
  readonly item: CreatedItem;
  readonly carrier: { readonly at: Position; readonly signer: AuthorKey; readonly inSnapshot: boolean };
}

const RANK: Readonly<Record<Admission, number>> = { firmata: 2, non_verificabile: 1, contestata: 0 };

/**
 * The admission of every roster member of the replayed admin document.
 * - `firmata`: a signature chain leads from the founder to the member.
 * - `non_verificabile`: the admitting write came inside a snapshot, or before the envelopes
 *   given (the signer of its creation is unknown): trusted as the roster says.
 * - `contestata`: the admitting write was signed by someone else than its claimed author,
 *   by a contested or unknown key, or is a self-admission after the founding envelope.
 */
export function admissions(doc: Y.Doc, created: ReadonlyMap<string, Created>): ReadonlyMap<AuthorKey, Admission> {
  const members = leggiAdmin(doc).registri.members;
  let founding = Number.POSITIVE_INFINITY;
  for (const c of created.values()) if (c.item.section === 'members') founding = Math.min(founding, c.carrier.at.index);

  const out = new Map<AuthorKey, Admission>();
  /** The member's admission, or undefined while it waits on an admitter not judged yet (unless `final`). */
  const judge = (member: AuthorKey, final: boolean): Admission | undefined => {
    const storia = members.get(member)?.storia ?? [];
    const ids = new Set(storia.map((w) => w.id));
    // A root replaces no write of this member (whatever other ids it names).
    const roots = storia.filter((w) => !w.sostituisce.some((id) => ids.has(id)));
    if (roots.length === 0) return 'contestata';
    let best: Admission | undefined;
    let waiting = false;
    for (const w of roots) {
      const c = created.get(w.id)?.carrier;
      let verdict: Admission | undefined;
      if (!c || c.inSnapshot) verdict = 'non_verificabile';
      else if (c.signer !== w.autore) verdict = 'contestata';
      else if (w.autore === member) verdict = c.at.index === founding ? 'firmata' : 'contestata';
      else {
        const by = out.get(w.autore) ?? (members.has(w.autore) && !final ? undefined : 'contestata');
        if (by === undefined) waiting = true;
        else verdict = by === 'contestata' ? 'contestata' : 'firmata';
      }
      if (verdict && (best === undefined || RANK[verdict] > RANK[best])) best = verdict;
    }
    return best === 'firmata' || !waiting ? best : undefined;
  };
  // Admissions depend on the admitter's: settle them until nothing changes; what is left
  // waits on a cycle (members admitting each other, none from the founder): judged with
  // the waiting admitters contested.
  for (let changed = true; changed;) {
    changed = false;
    for (const member of members.keys()) {
      const key = member as AuthorKey;
      if (out.has(key)) continue;
      const verdict = judge(key, false);
      if (verdict) { out.set(key, verdict); changed = true; }
    }
  }
  const left = [...members.keys()].filter((k) => !out.has(k as AuthorKey)).map((k) => [k as AuthorKey, judge(k as AuthorKey, true)] as const);
  for (const [key, verdict] of left) out.set(key, verdict ?? 'contestata');
  return out;
}
