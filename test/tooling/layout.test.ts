import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';

/**
 * The layout the README describes, enforced over the import graph: `core/` is what every side
 * uses and imports no side; the learner's commands (`cli/`) and the maintainer's (`tools/`) import
 * `core/`, never each other; nothing outside `test/` imports `test/`.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  cli: ['cli', 'core'],
  tools: ['tools', 'core', 'site'],
  site: ['site', 'core'],
  bench: ['bench', 'core', 'solutions'],
  solutions: ['solutions'],
};

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** Every relative module specifier in a text: static imports, re-exports and `import()` calls. */
function importsIn(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1]!);
}

function relativeImports(file: string): string[] {
  return importsIn(readFileSync(path.join(ROOT, file), 'utf8'));
}

/** The top-level folder an import lands in. */
function folderOf(file: string, specifier: string): string {
  const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)).split(path.sep).join('/');
  return target.split('/')[0]!;
}

describe('the layout', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(', ')}`, () => {
      const files = tsFiles(folder);
      expect(files.length, `${folder}/ should hold TypeScript files`).toBeGreaterThan(0);
      const wrong = files.flatMap((file) =>
        relativeImports(file)
          .filter((specifier) => !allowed.includes(folderOf(file, specifier)))
          .map((specifier) => `${file} imports ${specifier}`),
      );
      expect(wrong).toEqual([]);
    });
  }

  it('chapter folders hold only pages, stubs and manifests, and import only core/', () => {
    const wrong = tsFiles('chapters').flatMap((file) =>
      relativeImports(file)
        .filter((specifier) => !['core', 'chapters'].includes(folderOf(file, specifier)))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(wrong).toEqual([]);
  });

  it('finds imports of every form, so the checks above can fail', () => {
    const probe = "import a from './a.ts';\nexport { b } from '../core/b.ts';\nconst c = await import('../../test/c.ts');\nimport './side-effect.ts';\n";
    expect(importsIn(probe)).toEqual(['./a.ts', '../core/b.ts', '../../test/c.ts', './side-effect.ts']);
    expect(folderOf('cli/grader/setup.ts', '../../test/support/x.ts')).toBe('test');
  });
});
