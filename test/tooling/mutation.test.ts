import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExercises, selectExercises } from '../../core/workbook.ts';
import { listMutants, matchEquivalents, mutableRanges, type MutantSite, nameMutant, nameMutants } from '../../tools/mutation.ts';

const source = [
  '/** @provided */', //                                   1
  'export class QueueError extends Error {}', //           2
  'export function next(i: number, size: number) {', //    3
  '  if (i + 1 === size) return 0;', //                    4
  '  return i + 1;', //                                    5
  '}', //                                                  6
  '',
].join('\n');

const site = (mutator: string, replacement: string, line: number, from: number, to: number): MutantSite => ({
  mutator,
  replacement,
  start: { line, column: from },
  end: { line, column: to },
});

describe('mutation testing helpers', () => {
  it('mutates every line except those of @provided declarations', () => {
    expect(mutableRanges(source)).toEqual([{ from: 3, to: 7 }]);
  });

  it('keeps the lines around a @provided class member', () => {
    const text = 'export class A {\n  /** @provided */\n  b() {\n    return 1;\n  }\n  c() {}\n}\n';
    expect(mutableRanges(text)).toEqual([
      { from: 1, to: 1 },
      { from: 6, to: 8 },
    ]);
  });

  it('names a mutant by its code in context, the mutated part between « and »', () => {
    expect(nameMutant(source, site('ArithmeticOperator', 'i - 1', 3, 6, 11))).toEqual({
      mutator: 'ArithmeticOperator',
      code: 'if («i + 1» === size) return 0;',
      replacement: 'i - 1',
    });
  });

  it('numbers the occurrences of a name that repeats in the file', () => {
    const twice = 'a(1);\na(1);\n';
    const names = nameMutants(twice, [site('X', '0', 1, 2, 3), site('X', '0', 0, 2, 3)]);
    expect(names.map((n) => n.occurrence)).toEqual([2, 1]);
  });

  it('matches a listed entry to its mutant, and reports an entry whose code changed as stale', () => {
    const sites = [site('ArithmeticOperator', 'i - 1', 4, 9, 14)];
    const listed = { mutator: 'ArithmeticOperator', code: 'return «i + 1»;', replacement: 'i - 1', reason: 'r' };
    const changed = { ...listed, code: 'return «i + 2»;' };
    const { matched, stale } = matchEquivalents(source, sites, [listed, changed]);
    expect([...matched.keys()]).toEqual([0]);
    expect(stale).toEqual([changed]);
  });

  it("lists an exercise's mutants with StrykerJS's instrumenter, none in @provided code", async () => {
    const [envelope] = selectExercises(await loadExercises(), '00-getting-started/envelope');
    const text = readFileSync(envelope!.solutionPath, 'utf8');
    const providedLines = new Set<number>();
    const ranges = mutableRanges(text);
    text.split('\n').forEach((_, i) => {
      if (!ranges.some((r) => i + 1 >= r.from && i + 1 <= r.to)) providedLines.add(i);
    });
    const mutants = await listMutants(envelope!);
    expect(providedLines.size, 'the envelope solution has a @provided error class').toBeGreaterThan(0);
    expect(mutants.length).toBeGreaterThan(20);
    expect(mutants.filter((m) => providedLines.has(m.start.line))).toEqual([]);
  });
});
