import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Application, type TypeDocOptions } from 'typedoc';
import type { PluginOptions } from 'typedoc-plugin-markdown';
import { type Exercise, rel } from '../../tools/workbook.ts';
import { apiPage } from './exercises.ts';
import { filesIn } from './verify.ts';

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
    // Module files are named after the entry points relative to their common folder, which
    // depends on how many chapters there are; match them by their chapter/exercise suffix.
    const written = filesIn(out).filter((f) => f.endsWith('.md'));
    return documented.map((exercise) => {
      const relative =
        documented.length === 1 ? 'index.md' : written.find((f) => `/${f}`.endsWith(`/${exercise.key}.md`));
      if (!relative || !existsSync(path.join(out, relative))) {
        throw new Error(`typedoc wrote no reference for ${rel(exercise.stubPath, root)}`);
      }
      const markdown = readFileSync(path.join(out, relative), 'utf8').replace(/^# .*\n+/, '');
      return { exercise, markdown: rewriteApiLinks(markdown, relative, documented) };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Links between typedoc's Markdown files become links between the site's API pages. */
function rewriteApiLinks(markdown: string, file: string, exercises: Exercise[]): string {
  return markdown.replace(/\]\(([^)#\s]+\.md)(#[^)\s]*)?\)/g, (whole, target: string, hash = '') => {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    const exercise = exercises.find((e) => `/${resolved}`.endsWith(`/${e.key}.md`));
    return exercise ? `](${apiPage(exercise)}${hash})` : whole;
  });
}
