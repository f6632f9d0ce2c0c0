/**
 * passphraseProblems: the floor a new keyring passphrase must clear (crypto/passphrase.ts).
 */
import { describe, expect, it } from 'vitest';
import { passphraseProblems, PASSPHRASE_MIN_CHARS } from './passphrase';

describe('passphraseProblems', () => {
  it('accepts long passphrases of ordinary words and mixed passwords', () => {
    for (const ok of ['cavallo batteria graffetta', 'Il gatto dorme sul divano', 'perché è così', 'Kx9#mQ2$v7', 'treni-in-ritardo-2024', 'Juventus e Torino si odiano']) {
      expect(passphraseProblems(ok), ok).toEqual([]);
    }
  });

  it('reports troppo_corta under 10 characters, counting code points after NFC', () => {
    expect(PASSPHRASE_MIN_CHARS).toBe(10);
    expect(passphraseProblems('Kx9#mQ2$v')).toEqual(['troppo_corta']);
    expect(passphraseProblems('')).toEqual(['troppo_corta', 'troppo_semplice']);
    // 9 letters written with combining accents are still 9 characters once composed.
    expect(passphraseProblems('èèàtrùxyz'.normalize('NFD'))).toEqual(['troppo_corta']);
    // An emoji is one code point.
    expect(passphraseProblems('gatto🐈nero')).toEqual([]);
  });

  it('reports troppo_semplice for common passwords, also with digits, symbols and leetspeak', () => {
    for (const weak of ['password123', 'Password2024!', 'P4ssw0rd2024', 'juventus1897', 'Forza Napoli 1926', 'iloveyou!!', 'passwordpassword', 'ciaociaociao', 'Cartella2025', 'assistente sociale']) {
      expect(passphraseProblems(weak), weak).toContain('troppo_semplice');
    }
  });

  it('reports troppo_semplice for too few distinct characters, digits only and obvious sequences', () => {
    for (const weak of ['aaaaaaaaaa', 'ababababab', 'abcabcabcabc', '1234567890', '3471234567', '31121990', 'abcdefghijk', 'ZYXWVUTSRQ', '9876543210', 'qwertyuiop', 'QWERTZUIOP', 'asdfghjklz', '1q2w3e4r5t', '1qaz2wsx3edc', 'xyz123xyz123']) {
      expect(passphraseProblems(weak), weak).toContain('troppo_semplice');
    }
  });

  it('never throws on a non-string (reports both problems)', () => {
    expect(passphraseProblems(undefined as unknown as string)).toEqual(['troppo_corta', 'troppo_semplice']);
  });
});
