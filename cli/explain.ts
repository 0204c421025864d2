import type { ErrorRecord } from '../core/results-reporter.ts';

/**
 * Rewrites a raw test failure message in the learner's terms. Messages it does not recognise
 * are returned unchanged: an assertion message already says what was expected.
 *
 * @example
 * explainMessage('TODO: implement createEnvelope');
 * // 'createEnvelope is still a TODO: the stub throws until you write it.'
 */
export function explainMessage(raw: string): string {
  const message = stripColour(raw).trim();
  const todo = /^TODO: implement (.+?)\.?$/.exec(message);
  if (todo) return `${todo[1]} is still a TODO: the stub throws until you write it.`;
  const timeout = /timed out in (\d+)ms/i.exec(message);
  if (timeout) {
    const seconds = Number(timeout[1]) / 1000;
    return `This test waited ${seconds}s for something that never happened: a promise that never settles, or a callback that is never called. Make sure every path resolves, rejects or calls back.`;
  }
  const exit = /process\.exit unexpectedly called with "(.*)"/.exec(message);
  if (exit) return `Your code called process.exit(${exit[1]}), which would end the whole program; the grader stopped it. Throw an error instead.`;
  const missing = missingExport(message, false);
  if (missing) return explainMissingExport(missing, undefined, []);
  const loadFailed = /Failed to load url (\S+)/.exec(message);
  if (loadFailed) return `${loadFailed[1]} could not be found. Does the file exist, with that name?`;
  return message;
}

/** A name the tests imported from the learner's file and found missing. */
export interface MissingExport {
  name: string;
  kind: 'function' | 'class';
}

/**
 * Recognises the error a test gets when it calls an import the learner's file does not export:
 * vitest rewrites `createEnvelope(…)` into `(0 , __vi_import_0__.createEnvelope)(…)`, and
 * `new MessageQueue()` into `new __vi_import_0__.MessageQueue()`. A bare `name is not a function`
 * counts only when it was not raised inside the learner's own file.
 */
export function missingExport(raw: string, inLearnerFile: boolean): MissingExport | undefined {
  const message = stripColour(raw).trim();
  const imported = /^(?:\(0 , )?__vi_import_\d+__\.([\w$]+)\)? is not a (function|constructor)/.exec(message);
  const bare = inLearnerFile ? null : /^([\w$]+) is not a (function|constructor)$/.exec(message);
  const match = imported ?? bare;
  return match ? { name: match[1]!, kind: match[2] === 'constructor' ? 'class' : 'function' } : undefined;
}

/**
 * Explains a missing export, naming what the learner's file does export instead (the likely
 * rename) when its text is known.
 *
 * @example
 * explainMissingExport({ name: 'MessageQueue', kind: 'class' }, 'export class MsgQueue {}', ['MessageQueue']);
 * // 'Your file does not export a class named MessageQueue (it exports MsgQueue), and the tests …'
 */
export function explainMissingExport(missing: MissingExport, learnerSource: string | undefined, expected: readonly string[]): string {
  const exported = learnerSource === undefined ? [] : exportedNames(learnerSource);
  const unexpected = exported.filter((name) => !expected.includes(name));
  const named = unexpected.length ? unexpected : exported;
  const instead = learnerSource === undefined ? '' : named.length ? ` (it exports ${list(named.map((n) => `\`${n}\``))})` : ' (it exports no function or class)';
  return `Your file does not export a ${missing.kind} named ${missing.name}${instead}, and the tests import it by that name. Keep the exported names and signatures of the stub.`;
}

/** The names of the values a TypeScript module exports (not its types), in order. */
export function exportedNames(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const names: string[] = [];
  for (const match of code.matchAll(/^\s*export\s+(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/gm)) names.push(match[1]!);
  for (const match of code.matchAll(/^\s*export\s*\{([^}]*)\}/gm)) {
    for (const part of match[1]!.split(',').map((p) => p.trim())) {
      if (!part || part.startsWith('type ')) continue;
      const name = /\bas\s+([\w$]+)$/.exec(part)?.[1] ?? /^([\w$]+)/.exec(part)?.[1];
      if (name) names.push(name);
    }
  }
  return [...new Set(names)];
}

/** A syntax error the TypeScript compiler found in the learner's file (1-based line and column). */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Explains why the learner's file could not be loaded, as one true statement: no test ran, and
 * why. A syntax error is quoted from the file with a caret under the spot and the compiler's
 * words beside it; an error thrown while the file loaded is given with where it was thrown.
 */
export function explainLoadError(error: ErrorRecord, where: { file: string; source: string | undefined; syntaxErrors: readonly SyntaxProblem[] }): string {
  const message = stripColour(error.message);
  const isSyntax = error.name === 'SyntaxError' || /Transform failed|PARSE_ERROR|Unexpected token|Expected .* but found/.test(message);
  if (isSyntax) {
    const problem = where.syntaxErrors[0] ?? parserProblem(message);
    if (problem) {
      const frame = where.source === undefined ? [] : codeFrame(where.source, problem);
      return [
        `Your file could not be loaded, so no test ran: it has a syntax error at ${where.file}:${problem.line}:${problem.column}: ${problem.message}`,
        ...(frame.length ? ['', ...frame] : []),
      ].join('\n');
    }
    return `Your file could not be loaded, so no test ran: it has a syntax error. ${message.split('\n').find((line) => line.trim()) ?? ''}`.trim();
  }
  const loadFailed = /Failed to load url (\S+)/.exec(message);
  if (loadFailed) return `Your file could not be loaded, so no test ran: ${loadFailed[1]} could not be found. Does the file exist, with that name?`;
  const at = error.location ? ` (at ${error.location})` : '';
  return `Your file could not be loaded, so no test ran: it threw an error while loading, before any test could call it: ${explainMessage(message)}${at}`;
}

/** The line of the file and a caret under the column, labelled with the problem. */
export function codeFrame(source: string, problem: SyntaxProblem): string[] {
  const line = source.split(/\r?\n/)[problem.line - 1];
  if (line === undefined) return [];
  const number = String(problem.line);
  const gutter = ' '.repeat(number.length);
  const text = line.replace(/\t/g, '  ');
  const before = line.slice(0, Math.max(0, problem.column - 1)).replace(/\t/g, '  ');
  return [`${number} │ ${text}`, `${gutter} │ ${' '.repeat(before.length)}^ ${problem.message}`];
}

/** The first problem of a parser's message (`[PARSE_ERROR] Expected … ╭─[ file:67:54 ]`). */
function parserProblem(message: string): SyntaxProblem | undefined {
  const what = /\[PARSE_ERROR\]\s*(.+)/.exec(message)?.[1] ?? /SyntaxError:\s*(.+)/.exec(message)?.[1];
  const at = /[╭┌]─\[\s*\S+?:(\d+):(\d+)\s*\]/.exec(message) ?? /:(\d+):(\d+)/.exec(message);
  if (!what || !at) return undefined;
  return { line: Number(at[1]), column: Number(at[2]), message: what.trim() };
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function stripColour(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
