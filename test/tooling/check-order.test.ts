import { describe, expect, it } from 'vitest';
import { startOrder } from '../../tools/check-order.ts';

type File = { project: { name: string; config?: { isolate?: boolean } }; moduleId: string };
const file = (project: string, moduleId: string): File => ({ project: { name: project }, moduleId });
const shared = (project: string, moduleId: string): File => ({ project: { name: project, config: { isolate: false } }, moduleId });
const names = (files: File[]): string[] => files.map((f) => `${f.project.name} ${f.moduleId}`);

describe('the order the self-check starts test files in', () => {
  it('starts the browser suites, then the other tooling files, one at a time among the first three fifths of the graded suites', () => {
    const graded = Array.from({ length: 10 }, (_, i) => file(`bad:x/${i}`, `test/00/x${i}.test.ts`));
    const files = [...graded, file('tooling', 'test/cli/a.test.ts'), file('tooling', 'test/site/p.browser.test.ts'), file('tooling', 'test/cli/b.test.ts')];
    expect(names(startOrder(files))).toEqual([
      'tooling test/site/p.browser.test.ts',
      'bad:x/0 test/00/x0.test.ts',
      'bad:x/1 test/00/x1.test.ts',
      'tooling test/cli/a.test.ts',
      'bad:x/2 test/00/x2.test.ts',
      'bad:x/3 test/00/x3.test.ts',
      'tooling test/cli/b.test.ts',
      ...names(graded.slice(4)),
    ]);
  });

  it('keeps every file exactly once, with or without tooling files', () => {
    const graded = Array.from({ length: 5 }, (_, i) => file('solutions', `s${i}`));
    expect(names(startOrder(graded))).toEqual(names(graded));
    const tooling = Array.from({ length: 7 }, (_, i) => file('tooling', `t${i}.test.ts`));
    const ordered = startOrder([...graded, ...tooling]);
    expect(ordered).toHaveLength(12);
    expect(new Set(ordered)).toEqual(new Set([...graded, ...tooling]));
  });

  it('keeps the files of a project that shares workers together, where its first file was, with no tooling file among them', () => {
    const files = [
      shared('bad:a', 'a1'),
      file('solutions', 's1'),
      shared('bad:b', 'b1'),
      shared('bad:a', 'a2'),
      file('solutions', 's2'),
      shared('bad:a', 'a3'),
      shared('bad:b', 'b2'),
      file('tooling', 'test/cli/t1.test.ts'),
      file('tooling', 'test/cli/t2.test.ts'),
    ];
    expect(names(startOrder(files))).toEqual([
      'tooling test/cli/t1.test.ts',
      'bad:a a1',
      'bad:a a2',
      'bad:a a3',
      'tooling test/cli/t2.test.ts',
      'solutions s1',
      'bad:b b1',
      'bad:b b2',
      'solutions s2',
    ]);
  });
});
