import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { ChapterMeta } from '../core/chapter-meta.ts';
import { ROOT } from '../core/root.ts';

/**
 * Chapter pages never hold hand-copied code. Two kinds of generated content keep them honest:
 *
 * 1. Listings: a fence whose info string names a source, such as
 *    ```ts include=solutions/06-message-queues/message-queue.ts#MessageQueue.dequeue
 *    holds exactly that code. The fragment is a top-level name (`#MessageQueue`), a member
 *    (`#MessageQueue.dequeue`), a line range (`#L10-L24`), or absent for the whole file.
 * 2. The exercises block between `<!-- exercises:start -->` and `<!-- exercises:end -->`,
 *    made from the chapter's metadata.
 *
 * `npm run listings` rewrites both; `npm test` fails when either is out of date.
 */

/** A listing's source could not be found or its fragment matched nothing. */
export class ListingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListingError';
  }
}

const FENCE = /^(?<fence>`{3,})(?<lang>\w+)[ \t]+include=(?<spec>\S+)[^\n]*\n(?<body>[\s\S]*?)^\k<fence>[ \t]*$/gm;

/** Returns the code a listing spec (`path#fragment`) stands for, dedented, without a trailing newline. */
export function extractListing(spec: string, root = ROOT): string {
  // Only the first '#' separates the file from the fragment: `#Class.#private` names a member.
  const hash = spec.indexOf('#');
  const file = hash < 0 ? spec : spec.slice(0, hash);
  const fragment = hash < 0 ? undefined : spec.slice(hash + 1);
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) throw new ListingError(`include=${spec}: ${file} does not exist`);
  const text = readFileSync(absolute, 'utf8');
  if (!fragment) return text.trimEnd();
  const lines = /^L(\d+)-L(\d+)$/.exec(fragment);
  if (lines) {
    const from = Number(lines[1]);
    const to = Number(lines[2]);
    const all = text.split('\n');
    if (from < 1 || to < from || to > all.length) throw new ListingError(`include=${spec}: ${file} has ${all.length} lines`);
    return dedent(all.slice(from - 1, to).join('\n'));
  }
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const node = findNode(source, fragment.split('.'));
  if (!node) throw new ListingError(`include=${spec}: no declaration named ${fragment} in ${file}`);
  const start = node.getStart(source);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return dedent(text.slice(lineStart, node.end));
}

function findNode(source: ts.SourceFile, names: string[]): ts.Node | undefined {
  const [top, member] = names;
  for (const statement of source.statements) {
    const declared = declaredNames(statement);
    if (!top || !declared.includes(top)) continue;
    if (!member) return statement;
    if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      const members = statement.members as ts.NodeArray<ts.ClassElement | ts.TypeElement>;
      return members.find((m) => m.name !== undefined && nameText(m.name, source) === member);
    }
  }
  return undefined;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((d) => d.name.getText());
  const name = (statement as { name?: ts.Node }).name;
  return name ? [name.getText()] : [];
}

function nameText(name: ts.PropertyName, source: ts.SourceFile): string {
  return name.getText(source);
}

function dedent(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = Math.min(...indents, Number.POSITIVE_INFINITY);
  return lines.map((l) => l.slice(Number.isFinite(cut) ? cut : 0)).join('\n');
}

/** Rewrites every listing in a Markdown text from its source. */
export function syncListings(markdown: string, root = ROOT): string {
  return markdown.replace(FENCE, (whole: string, fence: string, _lang: string, spec: string) => {
    const info = whole.slice(0, whole.indexOf('\n'));
    return `${info}\n${extractListing(spec, root)}\n${fence}`;
  });
}

/** The specs of every listing in a Markdown text. */
export function listingSpecs(markdown: string): string[] {
  return [...markdown.matchAll(FENCE)].map((m) => m.groups!.spec!);
}

const START = '<!-- exercises:start -->';
const END = '<!-- exercises:end -->';

/** The generated exercises block of a chapter (between the markers, exclusive). */
export function exercisesBlock(chapter: ChapterMeta): string {
  const parts = chapter.exercises.map((exercise, i) => {
    const points = exercise.tasks.reduce((sum, t) => sum + t.points, 0);
    const key = `${chapter.slug}/${exercise.id}`;
    const tasks = exercise.tasks.map((t) => `${t.title} (${t.points})`).join(' · ');
    return [
      `### Exercise ${i + 1}: ${exercise.title}`,
      '',
      `**Difficulty:** ${exercise.difficulty} · **Points:** ${points} · **Edit:** [\`chapters/${key}.ts\`](./${exercise.id}.ts)`,
      '',
      exercise.summary,
      '',
      '```sh',
      `npm run grade -- ${key}     # score your work, task by task`,
      `npm run workbook -- hint ${exercise.id}     # one more hint each time`,
      '```',
      '',
      `Tasks: ${tasks}.`,
    ].join('\n');
  });
  return `\n${parts.join('\n\n')}\n`;
}

/** Replaces the exercises block in a chapter page; throws when the markers are missing. */
export function syncExercisesBlock(markdown: string, chapter: ChapterMeta): string {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) {
    throw new ListingError(`chapters/${chapter.slug}/README.md needs ${START} and ${END} in its Exercises section`);
  }
  return markdown.slice(0, start + START.length) + exercisesBlock(chapter) + markdown.slice(end);
}
