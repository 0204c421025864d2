import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChapterMeta, ChapterMetaError, type ExerciseMeta, validateChapter } from './chapter-meta.ts';
import { ROOT } from './root.ts';

/** One exercise with every path the tools need, all absolute. */
export interface Exercise {
  /** `<chapter>/<exercise>`, the name used on the command line and by `@workbook/…` imports. */
  key: string;
  chapter: ChapterMeta;
  meta: ExerciseMeta;
  stubPath: string;
  solutionPath: string;
  suitePath: string;
  /** Folder of known-bad implementations: `test/<chapter>/bad/<exercise>/*.ts`. */
  badDir: string;
}

/** The file name of a chapter's manifest, beside its page in `chapters/<slug>/`. */
export const MANIFEST = 'chapter.ts';

/** One folder `chapters/NN-slug/`, with the two files that make it a chapter when present. */
export interface ChapterFolder {
  slug: string;
  dir: string;
  /** `chapters/<slug>/README.md`, the chapter's page, when it exists. */
  readme: string | undefined;
  /** `chapters/<slug>/chapter.ts`, its manifest (exercises, points, hints), when it exists. */
  manifest: string | undefined;
}

/**
 * The one discovery of chapters, used by the CLI, the site and the self-check: every folder
 * `chapters/NN-*` that holds a page or a manifest, in order.
 */
export function chapterFolders(root = ROOT): ChapterFolder[] {
  const chaptersDir = path.join(root, 'chapters');
  if (!existsSync(chaptersDir)) return [];
  return readdirSync(chaptersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => {
      const dir = path.join(chaptersDir, entry.name);
      const file = (name: string): string | undefined => (existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
      return { slug: entry.name, dir, readme: file('README.md'), manifest: file(MANIFEST) };
    })
    .filter((folder) => folder.readme || folder.manifest)
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
}

/** Slugs of the chapters that declare a manifest, in order. */
export function chapterSlugs(root = ROOT): string[] {
  return chapterFolders(root)
    .filter((folder) => folder.manifest)
    .map((folder) => folder.slug);
}

/** Loads and validates every chapter's manifest; the folder name must equal the slug. */
export async function loadChapters(root = ROOT): Promise<ChapterMeta[]> {
  const chapters: ChapterMeta[] = [];
  for (const folder of chapterFolders(root)) {
    if (!folder.manifest) continue;
    const slug = folder.slug;
    const module = (await import(pathToFileURL(folder.manifest).href)) as { default?: ChapterMeta };
    const meta = module.default;
    if (!meta) throw new ChapterMetaError(slug, `chapters/${slug}/${MANIFEST} has no default export`);
    validateChapter(meta);
    if (meta.slug !== slug) throw new ChapterMetaError(`${slug}.slug`, `expected "${slug}" (the folder name), got "${meta.slug}"`);
    chapters.push(meta);
  }
  return chapters;
}

/** Every exercise of every chapter, in workbook order. */
export async function loadExercises(root = ROOT): Promise<Exercise[]> {
  return (await loadChapters(root)).flatMap((chapter) => exercisesOf(chapter, root));
}

export function exercisesOf(chapter: ChapterMeta, root = ROOT): Exercise[] {
  return chapter.exercises.map((meta) => ({
    key: `${chapter.slug}/${meta.id}`,
    chapter,
    meta,
    stubPath: path.join(root, 'chapters', chapter.slug, `${meta.id}.ts`),
    solutionPath: path.join(root, 'solutions', chapter.slug, `${meta.id}.ts`),
    suitePath: path.join(root, 'test', chapter.slug, `${meta.id}.test.ts`),
    badDir: path.join(root, 'test', chapter.slug, 'bad', meta.id),
  }));
}

/**
 * Selects exercises by `<chapter>`, `<chapter>/<exercise>`, a chapter number (`06`) or an
 * exercise id alone when it is unique. Returns every exercise when `filter` is empty.
 */
export function selectExercises(all: Exercise[], filter: string | undefined): Exercise[] {
  if (!filter) return all;
  const wanted = filter.replace(/\\/g, '/').replace(/^(chapters|solutions|test)\//, '').replace(/(\.test)?\.ts$/, '').replace(/\/$/, '');
  return all.filter(
    (exercise) =>
      exercise.key === wanted ||
      exercise.chapter.slug === wanted ||
      exercise.chapter.slug.slice(0, 2) === wanted ||
      exercise.meta.id === wanted,
  );
}

/** Known-bad implementations of an exercise: absolute paths, sorted. */
export function badImplementations(exercise: Exercise): string[] {
  if (!existsSync(exercise.badDir)) return [];
  return readdirSync(exercise.badDir)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(exercise.badDir, name));
}

/** A path relative to the repository root, with forward slashes, for messages. */
export function rel(file: string, root = ROOT): string {
  return path.relative(root, file).split(path.sep).join('/');
}
