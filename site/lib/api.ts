import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Application, type TypeDocOptions } from 'typedoc';
import type { PluginOptions } from 'typedoc-plugin-markdown';
import { type Exercise, rel } from '../../tools/workbook.ts';
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
      tsconfig: path.join(root, 'tsconfig.json'),
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
      disableSources: true,
      excludePrivate: true,
      logLevel: 'Error',
    };
    const app = await Application.bootstrapWithPlugins(options as TypeDocOptions);
    const project = await app.convert();
    if (!project) throw new Error('typedoc could not read the exercise stubs; run npx tsc --noEmit to see why');
    await app.generateOutputs(project);
    return documented.map((exercise) => {
      const file =
        documented.length === 1
          ? path.join(out, 'index.md')
          : path.join(out, path.relative(root, exercise.stubPath).replace(/\.ts$/, '.md'));
      if (!existsSync(file)) throw new Error(`typedoc wrote no reference for ${rel(exercise.stubPath, root)}`);
      const markdown = readFileSync(file, 'utf8').replace(/^# .*\n+/, '');
      return { exercise, markdown: rewriteApiLinks(markdown, path.relative(out, file), documented, root) };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Links between typedoc's Markdown files become links between the site's API pages. */
function rewriteApiLinks(markdown: string, file: string, exercises: Exercise[], root: string): string {
  return markdown.replace(/\]\(([^)#\s]+\.md)(#[^)\s]*)?\)/g, (whole, target: string, hash = '') => {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file.split(path.sep).join('/')), target));
    const exercise = exercises.find((e) => rel(e.stubPath, root).replace(/\.ts$/, '.md') === resolved);
    return exercise ? `](${apiPage(exercise)}${hash})` : whole;
  });
}
