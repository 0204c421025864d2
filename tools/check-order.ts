/**
 * The order the self-check's test files start in. The workbook's own tests are the longest files
 * (the browser suites, `*.browser.test.ts`, most of all), so they start early, but one at a time
 * among the graded suites, spread over the first three fifths of them: started together, several
 * Chromiums would crowd both cores while hundreds of short files waited, and started last (vitest
 * runs projects by name, so the tooling project would come last), they would run alone at the end.
 */
export function startOrder<T extends { project: { name: string }; moduleId: string }>(files: T[]): T[] {
  const isTooling = (f: T): boolean => f.project.name === 'tooling';
  const isBrowser = (f: T): boolean => f.moduleId.endsWith('.browser.test.ts');
  const tooling = [...files.filter((f) => isTooling(f) && isBrowser(f)), ...files.filter((f) => isTooling(f) && !isBrowser(f))];
  const graded = files.filter((f) => !isTooling(f));
  const order: T[] = [];
  const every = Math.max(1, Math.floor((graded.length * 3) / 5 / Math.max(1, tooling.length)));
  graded.forEach((file, index) => {
    if (index % every === 0 && tooling.length > 0) order.push(tooling.shift()!);
    order.push(file);
  });
  return [...order, ...tooling];
}
