import { createHash } from 'node:crypto';
import ts from 'typescript';

/**
 * Derives a learner's stub from a reference solution: the same exports, types and JSDoc contract,
 * with every implementation body replaced by a `throw` that names what to implement, and private
 * internals removed. It edits the source text in place, so the solution's formatting and comments
 * outside bodies survive exactly.
 *
 * Rules, applied to top-level statements:
 * - imports, exported type aliases, interfaces and enums stay as written; private ones stay only
 *   while the rest of the stub still refers to them;
 * - a declaration whose JSDoc carries `@provided` stays verbatim (error classes, helper types);
 * - exported functions, and exported `const`s initialised with a function, keep their signature
 *   and get a throwing body;
 * - exported classes keep their header; public members keep their signatures (methods, accessors
 *   and the constructor get a throwing body; fields keep their initialiser); `#private` and
 *   `private` members are removed;
 * - an exported `const` whose JSDoc carries `@stub <expression>` gets that expression as its
 *   initialiser (for answers the learner must supply, such as predicted orders);
 * - everything else that is not exported (private helpers, module state) is removed.
 */
export interface StubOptions {
  /** Path of the solution relative to the repository root, named in the header. */
  solutionPath: string;
  /** `<chapter>/<exercise>`, named in the header and the grading command. */
  exerciseId: string;
}

/** The marker line that records the hash of a generated stub. */
export const HASH_MARKER = '// stub-hash: ';

/** Thrown when a solution uses a construct the generator cannot turn into a stub. */
export class StubGenerationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StubGenerationError';
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Generates the stub text for one solution file. Pure: no I/O. */
export function generateStub(source: string, options: StubOptions): string {
  const file = ts.createSourceFile(options.solutionPath, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  for (const statement of file.statements) stubStatement(statement, file, edits);
  // A private type stays only if what is left still refers to it (a parameter type, say);
  // otherwise it would reveal the solution's internals.
  // Removing one private type can orphan another, so repeat until nothing changes.
  const privateTypes = file.statements.filter(
    (s): s is ts.TypeAliasDeclaration | ts.InterfaceDeclaration =>
      (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && !isExported(s),
  );
  for (let removed = true; removed; ) {
    removed = false;
    const draft = applyEdits(source, edits);
    for (const statement of privateTypes) {
      if (edits.some((e) => e.start === statement.getFullStart())) continue;
      const name = new RegExp(`\\b${statement.name.text}\\b`, 'g');
      if ((draft.match(name)?.length ?? 0) <= (statement.getText(file).match(name)?.length ?? 0)) {
        edits.push(removal(statement));
        removed = true;
      }
    }
  }

  let body = applyEdits(source, edits)
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\{\n[ \t]*\n/g, '{\n')
    .replace(/^\s+/, '');
  if (!body.endsWith('\n')) body += '\n';
  const header = [
    `// Exercise ${options.exerciseId}: implement the TODOs below, guided by the JSDoc contracts.`,
    `// Grade it with: npm run grade -- ${options.exerciseId}`,
  ].join('\n');
  const content = `${header}\n\n${body}`;
  return `${HASH_MARKER}${hashStub(content)}\n${content}`;
}

/** The hash recorded in a stub: of everything after the marker line. */
export function hashStub(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/**
 * Whether a file is an untouched generated stub: its marker line is present and matches the
 * rest of its content. A learner's edit (or a stub from an older generator) breaks the match.
 */
export function isPristineStub(text: string): boolean {
  if (!text.startsWith(HASH_MARKER)) return false;
  const newline = text.indexOf('\n');
  if (newline < 0) return false;
  const recorded = text.slice(HASH_MARKER.length, newline).trim();
  return recorded === hashStub(text.slice(newline + 1));
}

function stubStatement(statement: ts.Statement, file: ts.SourceFile, edits: Edit[]): void {
  if (
    ts.isImportDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isExportDeclaration(statement) ||
    isProvided(statement)
  ) {
    return;
  }
  if (ts.isExportAssignment(statement)) {
    throw new StubGenerationError(`${file.fileName}: \`export default\` / \`export =\` cannot be stubbed; export a named declaration.`);
  }
  if (!isExported(statement)) {
    edits.push(removal(statement));
    return;
  }
  if (ts.isFunctionDeclaration(statement)) {
    if (statement.body) edits.push(throwingBody(statement.body, statement.name?.text ?? 'default', file));
    return;
  }
  if (ts.isClassDeclaration(statement)) {
    stubClass(statement, file, edits);
    return;
  }
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      const replacement = stubTag(statement) ?? stubTag(declaration);
      if (init && replacement !== undefined) {
        edits.push({ start: init.getStart(file), end: init.end, text: replacement });
        continue;
      }
      if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
        const name = declaration.name.getText(file);
        if (ts.isBlock(init.body)) edits.push(throwingBody(init.body, name, file));
        else {
          edits.push({
            start: init.body.getStart(file),
            end: init.body.end,
            text: `{\n${indentOf(statement, file)}  ${todoLines(name, `${indentOf(statement, file)}  `)}\n${indentOf(statement, file)}}`,
          });
        }
      }
    }
    return;
  }
  throw new StubGenerationError(
    `${file.fileName}: cannot make a stub of this exported statement (${ts.SyntaxKind[statement.kind]}); ` +
      'mark it @provided to keep it verbatim.',
  );
}

function stubClass(node: ts.ClassDeclaration, file: ts.SourceFile, edits: Edit[]): void {
  const className = node.name?.text ?? 'default';
  const derived = node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ?? false;
  for (const member of node.members) {
    if (isPrivateMember(member)) {
      edits.push(removal(member));
      continue;
    }
    if (isProvided(member) || ts.isPropertyDeclaration(member) || ts.isIndexSignatureDeclaration(member)) continue;
    if (ts.isClassStaticBlockDeclaration(member)) {
      edits.push(removal(member));
      continue;
    }
    if (
      (ts.isMethodDeclaration(member) ||
        ts.isGetAccessorDeclaration(member) ||
        ts.isSetAccessorDeclaration(member) ||
        ts.isConstructorDeclaration(member)) &&
      member.body
    ) {
      const memberName = ts.isConstructorDeclaration(member)
        ? 'constructor'
        : member.name.getText(file);
      const keepSuper =
        ts.isConstructorDeclaration(member) && derived ? leadingSuperCall(member.body, file) : undefined;
      const qualified = memberName.startsWith('[') ? `${className}${memberName}` : `${className}.${memberName}`;
      edits.push(throwingBody(member.body, qualified, file, keepSuper));
    }
  }
}

function leadingSuperCall(body: ts.Block, file: ts.SourceFile): string | undefined {
  const first = body.statements[0];
  if (
    first &&
    ts.isExpressionStatement(first) &&
    ts.isCallExpression(first.expression) &&
    first.expression.expression.kind === ts.SyntaxKind.SuperKeyword
  ) {
    return first.getText(file);
  }
  throw new StubGenerationError(
    `${file.fileName}: a derived class's constructor must start with super(…) to be stubbed; mark the class @provided.`,
  );
}

function throwingBody(body: ts.Block, name: string, file: ts.SourceFile, keep?: string): Edit {
  const indent = indentOf(body.parent, file);
  const inner = `${indent}  `;
  const lines = [keep ? `${inner}${keep}` : undefined, `${inner}${todoLines(name, inner)}`].filter(Boolean);
  return { start: body.getStart(file), end: body.end, text: `{\n${lines.join('\n')}\n${indent}}` };
}

function todoLines(name: string, indent: string): string {
  return `// TODO: implement ${name}.\n${indent}throw new Error('TODO: implement ${name}');`;
}

function removal(node: ts.Node): Edit {
  return { start: node.getFullStart(), end: node.end, text: '' };
}

function indentOf(node: ts.Node, file: ts.SourceFile): string {
  const start = node.getStart(file);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const match = /^[ \t]*/.exec(file.text.slice(lineStart, start));
  return match ? match[0] : '';
}

function isExported(node: ts.Node): boolean {
  return (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) !== 0;
}

function isPrivateMember(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  return (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Private) !== 0;
}

function stubTag(node: ts.Node): string | undefined {
  const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'stub');
  if (!tag) return undefined;
  const comment = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
  if (!comment?.trim()) throw new StubGenerationError('@stub needs the expression to put in the stub');
  return comment.trim();
}

function isProvided(node: ts.Node): boolean {
  const nodes = ts.isVariableStatement(node) ? [node, ...node.declarationList.declarations] : [node];
  return nodes.some((n) => ts.getJSDocTags(n).some((tag) => tag.tagName.text === 'provided'));
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let text = source;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > lastStart) throw new StubGenerationError('internal error: overlapping stub edits');
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    lastStart = edit.start;
  }
  return text;
}
