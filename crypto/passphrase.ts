/**
 * @module crypto/passphrase
 * Owns the floor a new keyring passphrase must clear. The keyring file can be copied off a
 * stolen laptop and attacked offline, so Argon2id only slows guessing; a passphrase from a
 * list of favourites falls anyway. The rules are deliberately few and predictable (the UI can
 * explain each one in a sentence); this is a floor, not a strength meter.
 */

/** Why a new passphrase is refused (stable codes; the UI words them). */
export type PassphraseProblem = 'troppo_corta' | 'troppo_semplice';

/** Minimum length in Unicode code points, after NFC normalisation. */
export const PASSPHRASE_MIN_CHARS = 10;

/** Fewer distinct characters than this (ignoring case) is too simple ("aaaaaaaaaa", "ababababab"). */
const MIN_DISTINCT_CHARS = 4;

/**
 * Common passwords and words people reach for first, Italian and English, in lowercase
 * letters only (they are compared with the passphrase's letters, so "Juventus1897!" and
 * "P4ssw0rd2024" match "juventus" and "password"). A repetition of one also matches
 * ("ciaociaociao").
 */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwort', 'passw', 'qwerty', 'qwertz', 'azerty', 'letmein', 'iloveyou', 'admin',
  'administrator', 'welcome', 'monkey', 'dragon', 'football', 'baseball', 'superman', 'batman',
  'sunshine', 'princess', 'master', 'shadow', 'secret', 'login', 'user', 'guest', 'changeme',
  'default', 'test', 'abc', 'abcd', 'qwe', 'asd', 'asdf', 'ciao', 'amore', 'tiamo', 'benvenuto',
  'principessa', 'segreto', 'chiave', 'accesso', 'entra', 'prova', 'cambiami', 'passaparola',
  'parolachiave', 'parolasegreta', 'juventus', 'juve', 'milan', 'inter', 'napoli', 'roma',
  'lazio', 'forzajuve', 'forzainter', 'forzamilan', 'forzanapoli', 'forzaroma', 'forzalazio',
  'italia', 'forzaitalia', 'cartella', 'cartellasociale', 'assistente', 'assistentesociale',
  'sociale', 'servizisociali', 'serviziosociale', 'comune', 'ufficio', 'lavoro', 'utente',
]);

/**
 * Obvious sequences: alphabet, digits, keyboard rows and columns. A passphrase (ignoring
 * case and spaces) that is a piece of one of these, forwards or backwards, is too simple.
 */
const SEQUENCES: ReadonlyArray<string> = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1234567890qwertyuiop',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
];

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };

/** Whether `word` is a common word, or a common word or a unit of 1..3 letters repeated. */
function isCommonOrRepeated(word: string): boolean {
  for (let len = 1; len <= word.length; len++) {
    if (word.length % len !== 0) continue;
    const unit = word.slice(0, len);
    const times = word.length / len;
    if (unit.repeat(times) !== word) continue;
    if (COMMON_WORDS.has(unit) || (times >= 2 && len < MIN_DISTINCT_CHARS)) return true;
  }
  return false;
}

function isSequence(lower: string): boolean {
  const compact = lower.replace(/\s+/gu, '');
  if (compact.length < 3) return false;
  return SEQUENCES.some((seq) => seq.includes(compact) || [...seq].reverse().join('').includes(compact));
}

function tooSimple(passphrase: string): boolean {
  const lower = passphrase.toLowerCase();
  const chars = [...lower];
  if (new Set(chars).size < MIN_DISTINCT_CHARS) return true;
  if (/^[\d\s]*$/u.test(lower)) return true; // digits only: a long PIN, a date, a phone number
  if (isSequence(lower)) return true;
  const letters = lower.replace(/\P{L}/gu, '');
  // Leetspeak inside the word only: trailing digits ("2024") are a year, not letters.
  const inner = lower.replace(/^\P{L}+|\P{L}+$/gu, '');
  const leet = [...inner].map((c) => LEET[c] ?? c).join('').replace(/\P{L}/gu, '');
  return isCommonOrRepeated(letters) || isCommonOrRepeated(leet);
}

/**
 * The problems of a NEW passphrase (an empty list means it is acceptable). Not applied when
 * opening a keyring: an existing passphrase is whatever it is.
 * - `troppo_corta`: fewer than 10 code points (after NFC).
 * - `troppo_semplice`: fewer than 4 distinct characters; digits only; a piece of an obvious
 *   sequence (abcdef…, 0123…, 9876…, keyboard rows such as qwertyuiop); or, once digits,
 *   spaces and symbols are dropped (also after undoing 0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a,
 *   $→s between letters), a common word from a short built-in list, one repeated, or a unit of 1..3
 *   letters repeated ("abcabc2024").
 */
export function passphraseProblems(passphrase: string): PassphraseProblem[] {
  const normalised = typeof passphrase === 'string' ? passphrase.normalize('NFC') : '';
  const problems: PassphraseProblem[] = [];
  if ([...normalised].length < PASSPHRASE_MIN_CHARS) problems.push('troppo_corta');
  if (tooSimple(normalised)) problems.push('troppo_semplice');
  return problems;
}
