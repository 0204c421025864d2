import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../core/root.ts';

let options: ts.CompilerOptions | undefined;
let previous: ts.Program | undefined;
let host: ts.CompilerHost | undefined;

/** A compiler host that parses files under node_modules (the libraries and their types) once. */
function cachingHost(compilerOptions: ts.CompilerOptions): ts.CompilerHost {
  const base = ts.createCompilerHost(compilerOptions);
  const cache = new Map<string, ts.SourceFile | undefined>();
  return {
    ...base,
    getSourceFile(fileName, languageVersion, onError, shouldCreate) {
      if (!fileName.includes('node_modules')) return base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (!cache.has(fileName)) cache.set(fileName, base.getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return cache.get(fileName);
    },
  };
}

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  return { ...(parsed?.options ?? { strict: true }), noEmit: true };
}

/** One TypeScript diagnostic in a learner's file. */
export interface TypeErrorRecord {
  /** Absolute path of the file. */
  file: string;
  line: number;
  column: number;
  message: string;
  /** `syntax`: the file does not parse; `type`: it parses but does not type-check. */
  kind: 'syntax' | 'type';
}

/**
 * Type-checks the learner's files with the workbook's compiler options and returns the
 * problems found *in those files only* (a syntax error shows up here too, with its line).
 *
 * Grading runs the code whatever this says: vitest strips types without checking them, so a type
 * error never costs points by itself. The grader reports these beside the scorecard because a
 * type error is usually the quickest clue to a failing test.
 *
 * @example
 * typeErrors(['/…/chapters/00-getting-started/envelope.ts']);
 * // [{ file: '/…/envelope.ts', line: 12, column: 5, message: "Type 'number' is not assignable to type 'string'." }]
 */
export function typeErrors(files: string[]): TypeErrorRecord[] {
  if (files.length === 0) return [];
  options ??= compilerOptions();
  host ??= cachingHost(options);
  // The previous program and the cached library files let the compiler skip re-reading the
  // standard library and Node's types, so in watch mode each check after the first is quicker.
  const program = ts.createProgram({ rootNames: files, options, host, ...(previous ? { oldProgram: previous } : {}) });
  previous = program;
  const records: TypeErrorRecord[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const syntactic = program.getSyntacticDiagnostics(source);
    const diagnostics = [...syntactic.map((d) => ['syntax', d] as const), ...program.getSemanticDiagnostics(source).map((d) => ['type', d] as const)];
    for (const [kind, diagnostic] of diagnostics) {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      records.push({ file, line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'), kind });
    }
  }
  return records;
}
