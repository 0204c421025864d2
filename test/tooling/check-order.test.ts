import { describe, expect, it } from 'vitest';
import { startOrder } from '../../tools/check-order.ts';

const file = (project: string, moduleId: string): { project: { name: string }; moduleId: string } => ({ project: { name: project }, moduleId });
const names = (files: Array<{ project: { name: string }; moduleId: string }>): string[] => files.map((f) => `${f.project.name} ${f.moduleId}`);

describe('the order the self-check starts test files in', () => {
  it('starts the browser suites first and spreads the other tooling files over the first half of the graded suites', () => {
    const graded = Array.from({ length: 8 }, (_, i) => file(`bad:x/${i}`, `test/00/x${i}.test.ts`));
    const files = [...graded, file('tooling', 'test/cli/a.test.ts'), file('tooling', 'test/site/p.browser.test.ts'), file('tooling', 'test/cli/b.test.ts')];
    expect(names(startOrder(files))).toEqual([
      'tooling test/site/p.browser.test.ts',
      'tooling test/cli/a.test.ts',
      'bad:x/0 test/00/x0.test.ts',
      'bad:x/1 test/00/x1.test.ts',
      'tooling test/cli/b.test.ts',
      ...graded.slice(2).map((f) => `${f.project.name} ${f.moduleId}`),
    ]);
  });

  it('keeps every file exactly once, with or without tooling files', () => {
    const graded = Array.from({ length: 5 }, (_, i) => file('solutions', `s${i}`));
    expect(names(startOrder(graded))).toEqual(names(graded));
    const tooling = Array.from({ length: 7 }, (_, i) => file('tooling', `t${i}.test.ts`));
    expect(startOrder([...graded, ...tooling])).toHaveLength(12);
    expect(new Set(startOrder([...graded, ...tooling]))).toEqual(new Set([...graded, ...tooling]));
  });
});
