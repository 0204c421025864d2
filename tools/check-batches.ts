/**
 * Known-bad implementations graded in batches: one vitest project per exercise, whose files are
 * copies of the exercise's suite, one per known-bad implementation, each importing its own
 * implementation (`@workbook/<id>?known-bad=<file>`, see core/workbook-target.ts), plus one copy
 * that imports the reference. The project shares one module cache between its files
 * (`isolate: false`), so vitest, fast-check and the suite's helpers load once per worker instead
 * of once per implementation, which was a quarter of the self-check's time.
 *
 * Two guards keep a batch honest. The reference copy must pass as many tests as the suite itself
 * does on the reference, so a copy that lost tests or broke an import cannot count a known-bad
 * implementation as caught. And a suite is batched only when it alone imports `@workbook/`:
 * where a helper imports the exercise too, or a child process grades it, only a project of its
 * own (`overrides`) reaches every import, so those suites keep one project per implementation.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORKBOOK_PREFIX, workbookImport } from '../core/workbook-target.ts';
import { type Exercise, rel } from '../core/workbook.ts';

/** Matches a module specifier in an import or export statement, static or dynamic. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\2/g;

/**
 * Whether a suite can be graded from copies: nothing it reaches through relative imports (its
 * helpers) names `@workbook/`.
 */
export function batchable(suitePath: string): boolean {
  const seen = new Set<string>();
  const visit = (file: string): boolean => {
    if (seen.has(file)) return true;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    if (file !== suitePath && text.includes(WORKBOOK_PREFIX)) return false;
    for (const [, , , specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier!.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), specifier!);
      if (existsSync(target) && !visit(target)) return false;
    }
    return true;
  };
  return visit(suitePath);
}

export interface Batch {
  /** The copy that grades the reference solution. */
  reference: string;
  /** Each known-bad implementation's copy, keyed by the implementation's file. */
  copies: Map<string, string>;
}

/**
 * Writes the exercise's copies into `dir`: `reference/<id>.test.ts` and `known-bad/<name>.test.ts`.
 * Returns their paths relative to the repository root (as vitest reports them).
 */
export function writeBatch(exercise: Exercise, bads: string[], dir: string): Batch {
  const source = readFileSync(exercise.suitePath, 'utf8');
  const write = (file: string, badFile?: string): string => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, suiteCopy(source, exercise, badFile));
    return rel(file);
  };
  const reference = write(path.join(dir, 'reference', `${exercise.meta.id}.test.ts`));
  const copies = new Map(bads.map((bad) => [bad, write(path.join(dir, 'known-bad', `${path.basename(bad, '.ts')}.test.ts`), bad)]));
  return { reference, copies };
}

/**
 * The suite's text with relative imports made absolute (the copy lives elsewhere) and, for a
 * known-bad implementation, the exercise's import pointed at it.
 */
export function suiteCopy(source: string, exercise: Exercise, badFile?: string): string {
  const exerciseImport = `${WORKBOOK_PREFIX}${exercise.key}`;
  let pointed = 0;
  const text = source.replace(SPECIFIER, (whole, keyword: string, quote: string, specifier: string) => {
    if (specifier.startsWith('.')) return `${keyword}${quote}${path.resolve(path.dirname(exercise.suitePath), specifier)}${quote}`;
    if (badFile && workbookImport(specifier)?.id === exercise.key) {
      pointed++;
      return `${keyword}${quote}${exerciseImport}?known-bad=${encodeURIComponent(rel(badFile))}${quote}`;
    }
    return whole;
  });
  if (badFile && pointed === 0) throw new Error(`${rel(exercise.suitePath)} does not import ${exerciseImport}, so its copies cannot grade ${rel(badFile)}`);
  return text;
}
