/**
 * What `npm run mutate` and the self-check share about mutation testing: which lines of a
 * reference solution StrykerJS may mutate, the mutants it generates there (listed with its own
 * instrumenter, without running anything), and the reviewed list of equivalent mutants of each
 * exercise in `test/<chapter>/equivalent-mutants/<exercise>.json`.
 *
 * An entry of that list names one mutant by its mutator, its code and its replacement:
 *
 * ```json
 * [{ "mutator": "EqualityOperator",
 *    "code": "if («this.#tail === this.#head») this.#grow();",
 *    "replacement": "this.#tail !== this.#head",
 *    "reason": "…one line: why no test can tell the difference" }]
 * ```
 *
 * `code` is the mutated source between `«` and `»` (runs of white space shown as one space), with
 * the rest of its first and last lines around it. An entry goes stale, and the self-check fails,
 * as soon as that code changes: the reason must then be reviewed again. When the same code occurs
 * more than once in the file, `"occurrence": n` (1-based, in file order) says which one is meant.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { Logger } from '@stryker-mutator/api/logging';
import type { StepResult } from './check.ts';
import { ROOT } from '../core/root.ts';
import { type Exercise, rel } from '../core/workbook.ts';

/** A line range StrykerJS may mutate, 1-based and inclusive, as its `mutate` option writes them. */
export interface LineRange {
  from: number;
  to: number;
}

/**
 * The lines of a solution that hold code the learner writes: every line except those of
 * declarations marked `@provided` (error classes, helpers the stub keeps verbatim), which no
 * suite grades and a learner never changes.
 */
export function mutableRanges(source: string, fileName = 'solution.ts'): LineRange[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const provided: LineRange[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'provided')) {
      const line = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line + 1;
      provided.push({ from: line(node.getStart(file, true)), to: line(node.end) });
      return;
    }
    if (ts.isSourceFile(node) || ts.isClassDeclaration(node) || ts.isVariableStatement(node) || ts.isVariableDeclarationList(node)) {
      ts.forEachChild(node, visit);
    }
  };
  visit(file);
  const last = file.getLineAndCharacterOfPosition(source.length).line + 1;
  const ranges: LineRange[] = [];
  let from = 1;
  for (const range of provided.sort((a, b) => a.from - b.from)) {
    if (range.from > from) ranges.push({ from, to: range.from - 1 });
    from = Math.max(from, range.to + 1);
  }
  if (from <= last) ranges.push({ from, to: last });
  return ranges;
}

/** StrykerJS `mutate` patterns for one solution: its file, limited to the mutable ranges. */
export function mutatePatterns(exercise: Exercise): string[] {
  const file = rel(exercise.solutionPath);
  return mutableRanges(readFileSync(exercise.solutionPath, 'utf8'), file).map(({ from, to }) => `${file}:${from}-${to}`);
}

/** A position as StrykerJS reports it internally: 0-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** One mutant, however it was found (the instrumenter or a StrykerJS report). */
export interface MutantSite {
  mutator: string;
  replacement: string;
  start: Position;
  end: Position;
}

/** How a mutant is named in an equivalents list: its mutator, code in context, and replacement. */
export interface MutantName {
  mutator: string;
  code: string;
  replacement: string;
  /** Which match this is, 1-based, when several mutants share the same name. */
  occurrence?: number;
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Names a mutant of `source` the way an equivalents list does (see the top of this file). */
export function nameMutant(source: string, site: MutantSite): MutantName {
  const lines = source.split('\n');
  const startLine = lines[site.start.line] ?? '';
  const endLine = lines[site.end.line] ?? '';
  const before = startLine.slice(0, site.start.column);
  const after = endLine.slice(site.end.column);
  const original = site.start.line === site.end.line
    ? startLine.slice(site.start.column, site.end.column)
    : [startLine.slice(site.start.column), ...lines.slice(site.start.line + 1, site.end.line), endLine.slice(0, site.end.column)].join('\n');
  return {
    mutator: site.mutator,
    code: `${before.trimStart()}«${collapse(original)}»${after.trimEnd()}`,
    replacement: collapse(site.replacement),
  };
}

/**
 * Names every mutant of a list, numbering the occurrences of names that repeat in the file, so
 * that each name is unique.
 */
export function nameMutants(source: string, sites: readonly MutantSite[]): MutantName[] {
  const ordered = [...sites].sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column);
  const names = ordered.map((site) => nameMutant(source, site));
  const counts = new Map<string, number>();
  for (const name of names) counts.set(nameKey(name), (counts.get(nameKey(name)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const result = names.map((name) => {
    const key = nameKey(name);
    if ((counts.get(key) ?? 0) < 2) return name;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return { ...name, occurrence };
  });
  // Back in the order the sites were given.
  return sites.map((site) => result[ordered.indexOf(site)]!);
}

/** The identity of a name, occurrence included: two mutants with the same key are the same. */
export function nameKey(name: MutantName): string {
  return JSON.stringify([name.mutator, collapse(name.code), collapse(name.replacement), name.occurrence ?? 0]);
}

const silent: Logger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => false,
  isFatalEnabled: () => false,
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  fatal: () => {},
};

/**
 * The mutants StrykerJS generates for an exercise's solution, from its own instrumenter with the
 * options `npm run mutate` gives it (default mutators, the mutable ranges), without running them.
 */
export async function listMutants(exercise: Exercise): Promise<MutantSite[]> {
  const source = readFileSync(exercise.solutionPath, 'utf8');
  const mutate = mutableRanges(source).map(({ from, to }) => ({
    start: { line: from - 1, column: 0 },
    end: { line: to - 1, column: Number.MAX_SAFE_INTEGER },
  }));
  const instrumenter = new Instrumenter(silent);
  const { mutants } = await instrumenter.instrument([{ name: exercise.solutionPath, content: source, mutate }], {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
  });
  return mutants.map((m) => ({ mutator: m.mutatorName, replacement: m.replacement, start: m.location.start, end: m.location.end }));
}

/** One reviewed entry of an equivalents list. */
export interface EquivalentEntry extends MutantName {
  reason: string;
}

/** Where an exercise's equivalents list lives. */
export function equivalentsPath(exercise: Exercise): string {
  return path.join(ROOT, 'test', exercise.chapter.slug, 'equivalent-mutants', `${exercise.meta.id}.json`);
}

/** Reads an exercise's equivalents list (none when the file is absent), checking its shape. */
export function loadEquivalents(exercise: Exercise): { entries: EquivalentEntry[]; problems: string[] } {
  const file = equivalentsPath(exercise);
  if (!existsSync(file)) return { entries: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { entries: [], problems: [`${rel(file)} is not valid JSON: ${(error as Error).message}`] };
  }
  if (!Array.isArray(parsed)) return { entries: [], problems: [`${rel(file)} must hold an array of entries`] };
  const entries: EquivalentEntry[] = [];
  const problems: string[] = [];
  parsed.forEach((entry: unknown, index) => {
    const where = `${rel(file)} entry ${index + 1}`;
    const record = (entry ?? {}) as Record<string, unknown>;
    const strings = ['mutator', 'code', 'replacement', 'reason'] as const;
    const missing = strings.filter((key) => typeof record[key] !== 'string' || (key !== 'replacement' && !(record[key] as string).trim()));
    const unknown = Object.keys(record).filter((key) => ![...strings, 'occurrence'].includes(key));
    if (missing.length > 0) problems.push(`${where}: needs ${missing.map((k) => `"${k}"`).join(', ')} (a string)`);
    else if (unknown.length > 0) problems.push(`${where}: unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}`);
    else if (record.occurrence !== undefined && !(Number.isInteger(record.occurrence) && (record.occurrence as number) >= 1)) {
      problems.push(`${where}: "occurrence" must be a whole number from 1`);
    } else if ((record.reason as string).includes('\n')) problems.push(`${where}: the reason must be one line`);
    else entries.push(record as unknown as EquivalentEntry);
  });
  return { entries, problems };
}

/**
 * Matches an equivalents list against the mutants of the solution: which mutant each entry names
 * (by index into `sites`), and the entries that name no mutant (stale) or the same one twice.
 */
export function matchEquivalents(
  source: string,
  sites: readonly MutantSite[],
  entries: readonly EquivalentEntry[],
): { matched: Map<number, EquivalentEntry>; stale: EquivalentEntry[]; duplicates: EquivalentEntry[] } {
  const names = nameMutants(source, sites);
  const byKey = new Map(names.map((name, index) => [nameKey(name), index]));
  const matched = new Map<number, EquivalentEntry>();
  const stale: EquivalentEntry[] = [];
  const duplicates: EquivalentEntry[] = [];
  for (const entry of entries) {
    const index = byKey.get(nameKey(entry));
    if (index === undefined) stale.push(entry);
    else if (matched.has(index)) duplicates.push(entry);
    else matched.set(index, entry);
  }
  return { matched, stale, duplicates };
}

/** How an entry reads in a message. */
export function describeEntry(entry: MutantName): string {
  return `${entry.mutator} ${entry.code} → ${entry.replacement || '(empty)'}${entry.occurrence ? ` (occurrence ${entry.occurrence})` : ''}`;
}

/**
 * The self-check's step: every listed equivalent still names a mutant StrykerJS would generate
 * (a stale entry is an error: the code changed, so its reason must be reviewed), and every list
 * belongs to an exercise.
 */
export async function checkEquivalents(exercises: Exercise[], all: Exercise[] = exercises): Promise<StepResult> {
  const problems: string[] = [];
  let listed = 0;
  for (const exercise of exercises) {
    const { entries, problems: shape } = loadEquivalents(exercise);
    problems.push(...shape);
    if (entries.length === 0) continue;
    listed += entries.length;
    const source = readFileSync(exercise.solutionPath, 'utf8');
    const { stale, duplicates } = matchEquivalents(source, await listMutants(exercise), entries);
    const file = rel(equivalentsPath(exercise));
    for (const entry of stale) {
      problems.push(`${file}: no mutant of ${rel(exercise.solutionPath)} matches ${describeEntry(entry)}; the code changed, so review the entry (npm run mutate -- ${exercise.key} lists the current ones)`);
    }
    for (const entry of duplicates) problems.push(`${file}: ${describeEntry(entry)} is listed twice`);
  }
  const chapters = new Set(exercises.map((e) => e.chapter.slug));
  for (const slug of chapters) {
    const dir = path.join(ROOT, 'test', slug, 'equivalent-mutants');
    if (!existsSync(dir)) continue;
    const known = new Set(all.filter((e) => e.chapter.slug === slug).map((e) => `${e.meta.id}.json`));
    for (const name of readdirSync(dir)) {
      if (!known.has(name)) problems.push(`test/${slug}/equivalent-mutants/${name} names no exercise of ${slug}`);
    }
  }
  return { name: 'mutation equivalents', problems, summary: `${listed} listed equivalent mutant(s) still generated` };
}
