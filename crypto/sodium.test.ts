import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initSodium, sodium } from './sodium';

beforeAll(initSodium);

describe('initSodium / sodium()', () => {
  it('throws a clear error when used before initSodium, then works once it resolved', async () => {
    vi.resetModules();
    const fresh = await import('./sodium');
    expect(() => fresh.sodium()).toThrow(/initSodium/);
    await fresh.initSodium();
    expect(fresh.sodium().crypto_kdf_KEYBYTES).toBe(32);
  });

  it('is idempotent: concurrent and repeated calls share one load', async () => {
    const a = initSodium();
    expect(initSodium()).toBe(a);
    await Promise.all([a, initSodium()]);
    expect(sodium().SODIUM_VERSION_STRING).toMatch(/^1\./);
  });
});
