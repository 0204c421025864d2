import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../tools/workbook-target.ts';

/** One TypeScript diagnostic in a learner's file. */
export interface TypeErrorRecord {
  /** Absolute path of the file. */
  file: string;
  line: number;
  column: number;
  message: string;
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
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const options: ts.CompilerOptions = { ...(parsed?.options ?? { strict: true }), noEmit: true };
  const program = ts.createProgram(files, options);
  const records: TypeErrorRecord[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const diagnostic of diagnostics) {
      const { line, character } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      records.push({ file, line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') });
    }
  }
  return records;
}
