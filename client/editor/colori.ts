/**
 * @module client/editor/colori
 * A stable colour per colleague (from their roster key), for carets and presence dots:
 * dark enough for white text on it (WCAG AA), distinct from each other.
 */

const PALETTA = ['#1d5c63', '#8a3b12', '#5b3f8c', '#0f6b3f', '#9b1c4c', '#1e4f86', '#6b5300', '#7a2e8a'] as const;

/** `#rrggbb` for the author key (the same on every device). */
export function coloreDi(chiave: string): string {
  let h = 0;
  for (let i = 0; i < chiave.length; i++) h = (h * 31 + chiave.charCodeAt(i)) >>> 0;
  return PALETTA[h % PALETTA.length] ?? PALETTA[0];
}
