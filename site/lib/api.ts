import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';
import { Application, type TypeDocOptions } from 'typedoc';
import type { PluginOptions } from 'typedoc-plugin-markdown';
import { type Exercise, rel } from '../../core/workbook.ts';
import { apiPage } from './exercises.ts';

/**
 * The API reference: typedoc with typedoc-plugin-markdown turns the JSDoc contracts of the
 * exercise stubs into Markdown, which then goes through the same pipeline as the chapters, so
 * the reference shares the navigation, the highlighting and the search index.
 */

/** One exercise's reference as Markdown, its links already pointing at site pages. */
export interface ApiDoc {
  exercise: Exercise;
  markdown: string;
}

export async function generateApiDocs(exercises: Exercise[], root: string): Promise<ApiDoc[]> {
  const documented = exercises.filter((e) => existsSync(e.stubPath));
  if (documented.length === 0) return [];
  const out = mkdtempSync(path.join(os.tmpdir(), 'workbook-api-'));
  try {
    const options: Partial<TypeDocOptions & PluginOptions> = {
      entryPoints: documented.map((e) => e.stubPath),
      plugin: ['typedoc-plugin-markdown'],
      tsconfig: narrowTsconfig(out, root, documented),
      // The stubs are checked by `npm test`'s typecheck; here only their contracts matter.
      skipErrorChecking: true,
      out,
      outputFileStrategy: 'modules',
      entryFileName: 'index',
      readme: 'none',
      mergeReadme: false,
      hidePageHeader: true,
      hideBreadcrumbs: true,
      hideGroupHeadings: true,
      useCodeBlocks: true,
      // Parameters, properties and members as tables: one row each, rather than a heading each
      // (which pushed the reference four heading levels deep).
      parametersFormat: 'table',
      interfacePropertiesFormat: 'table',
      classPropertiesFormat: 'table',
      typeAliasPropertiesFormat: 'table',
      enumMembersFormat: 'table',
      propertyMembersFormat: 'table',
      typeDeclarationFormat: 'table',
      disableSources: true,
      excludePrivate: true,
      logLevel: 'Error',
    };
    const app = await Application.bootstrapWithPlugins(options as TypeDocOptions);
    const project = await app.convert();
    if (!project) throw new Error('typedoc could not read the exercise stubs; run npx tsc --noEmit to see why');
    await app.generateOutputs(project);
    // typedoc names each module file after its entry point relative to the entry points' common
    // folder (chapters/, or one chapter's folder when there is a single chapter).
    const common = commonFolder(documented.map((e) => path.dirname(e.stubPath)));
    const fileOf = (e: Exercise): string =>
      documented.length === 1 ? 'index.md' : path.relative(common, e.stubPath).split(path.sep).join('/').replace(/\.ts$/, '.md');
    const byFile = new Map(documented.map((e) => [fileOf(e), e]));
    return documented.map((exercise) => {
      const relative = fileOf(exercise);
      if (!relative || !existsSync(path.join(out, relative))) {
        throw new Error(`typedoc wrote no reference for ${rel(exercise.stubPath, root)}`);
      }
      const markdown = readFileSync(path.join(out, relative), 'utf8').replace(/^# .*\n+/, '');
      return { exercise, markdown: rewriteApiLinks(markdown, relative, byFile) };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The workbook's own tsconfig, for a root (such as a test fixture) that has none. */
const WORKBOOK_TSCONFIG = path.join(ROOT, 'tsconfig.json');

function commonFolder(folders: string[]): string {
  const split = folders.map((f) => f.split(path.sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join(path.sep) || path.sep;
}

/**
 * A tsconfig that extends the workbook's but includes only the stubs, so typedoc builds a program
 * of the stubs and what they import rather than of the whole repository (several times faster).
 */
function narrowTsconfig(dir: string, root: string, exercises: Exercise[]): string {
  const file = path.join(dir, 'tsconfig.typedoc.json');
  writeFileSync(
    file,
    JSON.stringify({ extends: existsSync(path.join(root, 'tsconfig.json')) ? path.join(root, 'tsconfig.json') : WORKBOOK_TSCONFIG, include: exercises.map((e) => e.stubPath), compilerOptions: { rootDir: root } }),
  );
  return file;
}

/** Links between typedoc's Markdown files become links between the site's API pages. */
function rewriteApiLinks(markdown: string, file: string, byFile: Map<string, Exercise>): string {
  return markdown.replace(/\]\(([^)#\s]+\.md)(#[^)\s]*)?\)/g, (whole, target: string, hash = '') => {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    const exercise = byFile.get(resolved);
    return exercise ? `](${apiPage(exercise)}${hash})` : whole;
  });
}
