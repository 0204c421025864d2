import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { writeFileAtomic } from './files.ts';

/** One edit of a known-bad implementation: replace the only occurrence of `find` with `replace`. */
export type Edit = readonly [find: string, replace: string];

/** A known-bad implementation written as edits of a correct file. */
export interface MutantSpec {
  edits: readonly Edit[];
  /**
   * The correct file the edits apply to, relative to the repository root, when it is not the
   * exercise's reference solution: a compact correct version that several known-bad ones share.
   */
  base?: string;
}

/** The edits no longer fit the file they edit: the reference changed under a known-bad implementation. */
export class StaleMutantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleMutantError';
  }
}

/**
 * Applies edits in order. Each `find` must occur exactly once in the text as edited so far, so a
 * known-bad implementation can never silently become correct (or become a different bug) when
 * the file it edits changes.
 */
export function applyEdits(source: string, edits: readonly Edit[], label: string): string {
  let text = source;
  for (const [find, replace] of edits) {
    const count = text.split(find).length - 1;
    if (count !== 1) throw new StaleMutantError(`${label}: expected exactly one occurrence of ${JSON.stringify(find)}, found ${count}`);
    text = text.replace(find, () => replace);
  }
  return text;
}

/**
 * Reads a known-bad implementation's file and returns its spec when the file is written as edits
 * (`export default edits([...], { base })`), or `undefined` when it is a whole implementation.
 * The file is parsed, not run: the edits must be string literals.
 */
export function readMutantSpec(file: string): MutantSpec | undefined {
  const text = readFileSync(file, 'utf8');
  if (!/export\s+default\s+edits\s*\(/.test(text)) return undefined;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const fail = (why: string): never => {
    throw new StaleMutantError(`${file}: ${why}; write \`export default edits([['find', 'replace'], …], { base: '…' })\` with string literals`);
  };
  const literal = (node: ts.Node | undefined): string =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : fail('an edit is not a string literal');
  const exported = source.statements.find(ts.isExportAssignment);
  const call = exported?.expression;
  if (!call || !ts.isCallExpression(call) || call.expression.getText(source) !== 'edits') return fail('the default export is not a call of edits()');
  const [list, options] = call.arguments;
  if (!list || !ts.isArrayLiteralExpression(list)) return fail('the first argument of edits() is not an array');
  const edits = list.elements.map((element): Edit => {
    if (!ts.isArrayLiteralExpression(element) || element.elements.length !== 2) return fail('an edit is not a [find, replace] pair');
    return [literal(element.elements[0]), literal(element.elements[1])];
  });
  if (!options) return { edits };
  if (!ts.isObjectLiteralExpression(options)) return fail('the second argument of edits() is not an object');
  const base = options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === 'base');
  return base ? { edits, base: literal(base.initializer) } : { edits };
}

/**
 * Writes a known-bad implementation written as edits out as a whole module, for a program that
 * imports it outside vitest (the `@workbook/` alias serves it inside). The edited text goes to
 * `.workbook/mutants/`, named by its content, with its relative imports pointed back beside the
 * base file; the return value is that file's path. `defaultBase` is the file edited when the
 * spec names no `base` (for a graded exercise, its reference solution).
 */
export function materializeMutant(file: string, root: string, defaultBase?: string): string {
  const spec = readMutantSpec(file);
  if (!spec) return file;
  const baseFile = spec.base ? path.resolve(root, spec.base) : defaultBase;
  if (!baseFile) throw new StaleMutantError(`${file}: the edits name no base file and none was given`);
  const label = `${path.relative(root, file)} (editing ${path.relative(root, baseFile)})`;
  const folder = path.dirname(baseFile);
  const text = applyEdits(readFileSync(baseFile, 'utf8'), spec.edits, label).replace(
    /(from\s+['"])(\.\.?\/[^'"]+)(['"])/g,
    (_all, open: string, specifier: string, close: string) => `${open}${path.join(folder, specifier)}${close}`,
  );
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const out = path.join(root, '.workbook', 'mutants', `${path.basename(file, '.ts')}-${digest}.ts`);
  if (!existsSync(out)) writeFileAtomic(out, text);
  return out;
}
