/**
 * The hash router: one parser turns any pasted or typed address into a route, never a throw;
 * a route survives formatting and parsing again.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRoute, parseRoute, SEZIONI, type Route } from '../../client/app/router';

describe('router', () => {
  it('reads the routes of the app', () => {
    expect(parseRoute('#/nuovo')).toEqual({ name: 'nuovo' });
    expect(parseRoute('#/impostazioni')).toEqual({ name: 'impostazioni' });
    expect(parseRoute('#/cartella/AbCdEfGh12345678/diario')).toEqual({ name: 'cartella', id: 'AbCdEfGh12345678', sezione: 'diario' });
    expect(parseRoute('#/cartella/AbCdEfGh12345678/relazioni/r7')).toEqual({ name: 'cartella', id: 'AbCdEfGh12345678', sezione: 'relazioni', elemento: 'r7' });
  });

  it('turns unknown or malformed addresses into the list, or the summary of a cartella', () => {
    expect(parseRoute('')).toEqual({ name: 'elenco' });
    expect(parseRoute('#/cartella/short')).toEqual({ name: 'elenco' });
    expect(parseRoute('#/cartella/AbCdEfGh12345678/segreti')).toEqual({ name: 'cartella', id: 'AbCdEfGh12345678', sezione: 'riepilogo' });
    expect(parseRoute('#/cartella/AbCdEfGh12345678/diario/<script>')).toEqual({ name: 'cartella', id: 'AbCdEfGh12345678', sezione: 'diario' });
  });

  it('never throws on any hash, and formats every route it reads back to the same route', () => {
    fc.assert(fc.property(fc.string(), (hash) => {
      const route: Route = parseRoute(hash.startsWith('#') ? hash : `#${hash}`);
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }), { numRuns: 2000 });
    for (const sezione of SEZIONI) {
      const route: Route = { name: 'cartella', id: 'AbCdEfGh12345678', sezione };
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
  });
});
