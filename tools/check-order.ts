/**
 * The order files start in. The browser suites (`*.browser.test.ts`), the longest files, start
 * first; the workbook's other own tests, which start programs and servers, are spread over the
 * first half of the graded suites, so that no long file is left to run alone at the end. vitest's
 * own order runs the projects by name, which would leave the workbook's tests until last.
 */
export function startOrder<T extends { project: { name: string }; moduleId: string }>(files: T[]): T[] {
  const browser = files.filter((f) => f.project.name === 'tooling' && f.moduleId.endsWith('.browser.test.ts'));
  const tooling = files.filter((f) => f.project.name === 'tooling' && !f.moduleId.endsWith('.browser.test.ts'));
  const graded = files.filter((f) => f.project.name !== 'tooling');
  const order = [...browser];
  const every = Math.max(1, Math.floor(graded.length / 2 / Math.max(1, tooling.length)));
  graded.forEach((file, index) => {
    if (index % every === 0 && tooling.length > 0) order.push(tooling.shift()!);
    order.push(file);
  });
  return [...order, ...tooling];
}
