/**
 * The sync status words every problem code the engine can report in Italian (issue 4, item 5):
 * each relay error code of docs/ERRORS.md, the client verifier's own codes and the engine's
 * local ones; an unknown code still reads as a sentence that names it.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../crdt/wire';
import { problemaOrdinario, testoProblema } from '../../client/app/problemiSync';
import { t } from '../../client/strings';

const CLIENT_CODES = ['envelope_commitment', 'envelope_decrypt', 'envelope_too_large', 'snapshot_too_large', 'store_failed', 'resync'];

describe('sync problems in Italian', () => {
  it.each([...Object.keys(ErrorCode), ...CLIENT_CODES])('has its own sentence for %s', (code) => {
    const text = testoProblema(code);
    expect(text).not.toContain(code);
    expect(text).toMatch(/^[A-ZÈ].*\.$/u);
  });

  it('words an unknown code generically, naming it', () => {
    expect(testoProblema('error_77')).toBe('Segnalazione tecnica della sincronizzazione (codice «error_77»).');
  });

  it('keeps what the engine fixes by itself apart from what needs a look', () => {
    expect(problemaOrdinario('resync')).toBe(true);
    expect(problemaOrdinario('shutting_down')).toBe(true);
    expect(problemaOrdinario('auth_failed')).toBe(false);
    expect(problemaOrdinario('envelope_signature')).toBe(false);
    expect(problemaOrdinario('error_77')).toBe(false);
  });
});

describe('sync status wording', () => {
  it('counts the changes waiting to be sent in correct Italian', () => {
    expect(t.sync.inAttesa(1)).toBe('1 modifica in attesa di invio');
    expect(t.sync.inAttesa(12)).toBe('12 modifiche in attesa di invio');
    expect(t.sync.segnalazioni(1)).toBe('1 segnalazione');
    expect(t.sync.ultima('14:05')).toBe('Ultima sincronizzazione: 14:05');
  });
});
