/**
 * @module crdt/search/snippet
 * Owns the snippets of the results: where the query's terms lie in a text (whole words that
 * start with a term; in a codice fiscale, the matched characters) and a short extract around
 * the first of them, cut at spaces, with every match inside it marked.
 */
import { foldCodiceFiscale, scanTerms } from './tokens';
import type { Snippet, SnippetPart } from './types';

/** Characters kept before the first match when a text is cut. */
export const SNIPPET_BEFORE = 50;
/** Longest snippet, in characters of the original text. */
export const SNIPPET_MAX = 180;
/** How far a cut may move to land on a space instead of inside a word. */
const SNAP = 20;

/** A range of the original text, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Merges sorted overlapping or touching ranges. */
function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push(s);
  }
  return out;
}

/**
 * Where the terms match a word-matched text, and how many distinct terms do: the whole word
 * (or apostrophe run) is marked when its folded form starts with a term.
 */
export function wordSpans(text: string, terms: readonly string[]): { spans: Span[]; matched: number } {
  const spans: Span[] = [];
  const hit = new Set<string>();
  scanTerms(text, (term, start, end) => {
    for (const t of terms) {
      if (term.startsWith(t)) {
        spans.push({ start, end });
        hit.add(t);
      }
    }
  });
  return { spans: merge(spans), matched: hit.size };
}

/**
 * Where the terms (of at least `minChars`) occur in a codice fiscale as written: the folded
 * code is the original without separators, so positions are mapped back character by character.
 */
export function codiceFiscaleSpans(text: string, terms: readonly string[], minChars: number): { spans: Span[]; matched: number } {
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) if (/[A-Za-z0-9]/.test(text.charAt(i))) positions.push(i);
  const folded = foldCodiceFiscale(text);
  const spans: Span[] = [];
  const hit = new Set<string>();
  for (const t of terms) {
    if (t.length < minChars) continue;
    let at = folded.indexOf(t);
    while (at >= 0) {
      hit.add(t);
      spans.push({ start: positions[at] as number, end: (positions[at + t.length - 1] as number) + 1 });
      at = folded.indexOf(t, at + 1);
    }
  }
  return { spans: merge(spans), matched: hit.size };
}

function snapStart(text: string, at: number): number {
  if (at <= 0) return 0;
  for (let i = at; i < Math.min(text.length, at + SNAP); i++) if (/\s/.test(text.charAt(i))) return i + 1;
  return at;
}

function snapEnd(text: string, at: number, notBefore: number): number {
  if (at >= text.length) return text.length;
  for (let i = at; i > Math.max(notBefore, at - SNAP); i--) if (/\s/.test(text.charAt(i))) return i;
  return at;
}

/** The extract of `text` around the first of `spans` (sorted, merged), with every match in it marked. */
export function makeSnippet(text: string, spans: readonly Span[]): Snippet {
  const first = spans[0];
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_MAX) {
    // Up to SNIPPET_BEFORE characters before the first match, moved forward to a word start
    // (never past the match itself).
    start = first ? Math.min(first.start, snapStart(text, Math.max(0, first.start - SNIPPET_BEFORE))) : 0;
    end = Math.min(text.length, start + SNIPPET_MAX);
    end = snapEnd(text, end, first ? first.end : start);
  }
  const raw: SnippetPart[] = [];
  let at = start;
  for (const s of spans) {
    const a = Math.max(s.start, start);
    const b = Math.min(s.end, end);
    if (a >= b) continue;
    if (a > at) raw.push({ text: text.slice(at, a), match: false });
    raw.push({ text: text.slice(a, b), match: true });
    at = b;
  }
  if (at < end) raw.push({ text: text.slice(at, end), match: false });
  const parts: SnippetPart[] = [];
  raw.forEach((p, i) => {
    let t = p.text.replace(/\s+/g, ' ');
    if (i === 0) t = t.trimStart();
    if (i === raw.length - 1) t = t.trimEnd();
    if (t !== '') parts.push({ text: t, match: p.match });
  });
  return { parts, cutStart: start > 0, cutEnd: end < text.length };
}
