/**
 * @module crypto/acceptShareBundle
 * Owns the last step of a hand-over on the receiving device: a bundle that passed
 * `parseShareBundle` (or `unwrapBundleWithPassphrase`, `openSealedBundle`) joins the keyring.
 * Its keys are merged (`mergeCartellaKeys`: only ever adds) and its id is remembered, both in
 * one new keyring value, so a bundle can never be merged without being marked used.
 */
import type { KeyringData } from './keyringData';
import { hasUsedBundleId, mergeCartellaKeys, recordUsedBundleId } from './keyringMerge';
import type { MergeCartellaKeysErrorCode, MergeOutcome } from './keyringMerge';
import { ok } from './result';
import type { Result } from './result';
import { shareBundleToCartellaKeys } from './shareBundle';
import type { ShareBundle } from './shareBundle';
import { shareErr } from './shareErrors';

/** Why `acceptShareBundle` refused. */
export type AcceptShareBundleErrorCode = 'bundle_used' | MergeCartellaKeysErrorCode;

/**
 * A new keyring holding the bundle's keys (received at `now`) and remembering its id; `data` is
 * not changed. Refusals: `bundle_used` (checked again here, so a bundle accepted twice in one
 * session is caught too), and those of `mergeCartellaKeys` (`keyring_conflict`,
 * `keyring_malformed`). A bundle that brings nothing new is still marked used (`unchanged`).
 * The caller re-seals the keyring (`sealKeyring`) before showing success.
 */
export function acceptShareBundle(data: KeyringData, bundle: ShareBundle, now: Date): Result<MergeOutcome, AcceptShareBundleErrorCode> {
  if (hasUsedBundleId(data, bundle.bundleId)) return shareErr('bundle_used');
  const merged = mergeCartellaKeys(data, shareBundleToCartellaKeys(bundle, now));
  if (!merged.ok) return merged;
  return ok({ data: recordUsedBundleId(merged.value.data, bundle.bundleId), change: merged.value.change });
}
