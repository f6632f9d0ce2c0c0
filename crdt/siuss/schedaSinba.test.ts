import { describe, expect, it } from 'vitest';
import { parseSchedaSinba } from './schedaSinba';

describe('scheda SINBA', () => {
  it('normalises codes given as integers or padded strings, and reads NumeroComponentiISEE as a number', () => {
    const s = parseSchedaSinba({ LuogoVita: 3, ScuolaFrequentata: ' 5 ', NumeroComponentiISEE: '4', ComposizioneFamiglia: [1, '2', 1] });
    expect(s.values).toEqual({ LuogoVita: '3', ScuolaFrequentata: '5', NumeroComponentiISEE: 4 });
    expect(s.composizione).toEqual(['1', '2']);
    expect(s.problems).toEqual([]);
  });

  it('treats empty values as absent and reports a missing household composition', () => {
    const s = parseSchedaSinba({ LuogoVita: '', TipoDisabilita: null });
    expect(s.values).toEqual({});
    expect(s.problems).toEqual([{ field: 'ComposizioneFamiglia', label: expect.stringMatching(/^Composizione della famiglia/), reason: 'missing' }]);
  });

  it('an absent scheda is empty; a scheda that is not an object is one invalid problem', () => {
    expect(parseSchedaSinba(undefined).problems.map((p) => p.field)).toEqual(['ComposizioneFamiglia']);
    expect(parseSchedaSinba(['LuogoVita']).problems).toEqual([{ field: 'SchedaSinba', label: 'Scheda SINBA', reason: 'invalid' }]);
  });

  it('reports unknown keys and a malformed composition; ignores inherited and prototype keys', () => {
    const raw = JSON.parse('{"__proto__": {"LuogoVita": "1"}, "Peso": 40, "ComposizioneFamiglia": "madre"}') as unknown;
    const s = parseSchedaSinba(raw);
    expect(s.values).toEqual({});
    expect(s.problems.map((p) => [p.field, p.reason])).toEqual([['Peso', 'invalid'], ['ComposizioneFamiglia', 'invalid']]);
  });
});
