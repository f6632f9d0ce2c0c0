/**
 * The hand-over error codes: each has an Italian sentence, and docs/SHARING.md lists every
 * code with exactly that sentence (the UI and the docs cannot drift apart).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARE_ERROR_MESSAGES, shareErr } from './shareErrors';
import type { ShareErrorCode } from './shareErrors';

const doc = readFileSync(new URL('../docs/SHARING.md', import.meta.url), 'utf8');

describe('share error codes', () => {
  const entries = Object.entries(SHARE_ERROR_MESSAGES) as Array<[ShareErrorCode, string]>;

  it.each(entries)('%s is in docs/SHARING.md with its Italian message', (code, message) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, code).toBeDefined();
    expect(row).toContain(`| ${message} |`);
  });

  it('every message is a full Italian sentence ending with a full stop', () => {
    for (const [, message] of entries) expect(message).toMatch(/^[A-ZÈ].+\.$/u);
  });

  it('shareErr appends a detail in brackets, or nothing', () => {
    expect(shareErr('bundle_used')).toEqual({ ok: false, code: 'bundle_used', message: SHARE_ERROR_MESSAGES.bundle_used });
    expect(shareErr('bundle_malformed', 'motivo non valido').message).toBe(`${SHARE_ERROR_MESSAGES.bundle_malformed} (motivo non valido)`);
  });
});
