/**
 * The order the self-check's test files start in. The workbook's own tests are the longest files
 * (the browser suites, `*.browser.test.ts`, most of all), so they start early, but one at a time
 * among the graded suites, spread over the first three fifths of them: started together, several
 * Chromiums would crowd both cores while hundreds of short files waited, and started last (vitest
 * runs projects by name, so the tooling project would come last), they would run alone at the end.
 */
export function startOrder<T extends { project: { name: string; config?: { isolate?: boolean } }; moduleId: string }>(files: T[]): T[] {
  const isTooling = (f: T): boolean => f.project.name === 'tooling';
  const isBrowser = (f: T): boolean => f.moduleId.endsWith('.browser.test.ts');
  const tooling = [...files.filter((f) => isTooling(f) && isBrowser(f)), ...files.filter((f) => isTooling(f) && !isBrowser(f))];
  const graded = files.filter((f) => !isTooling(f));
  const order: T[] = [];
  const every = Math.max(1, Math.floor((graded.length * 3) / 5 / Math.max(1, tooling.length)));
  let sinceTooling = every;
  for (const unit of units(graded)) {
    if (sinceTooling >= every && tooling.length > 0) {
      order.push(tooling.shift()!);
      sinceTooling = 0;
    }
    order.push(...unit);
    sinceTooling += unit.length;
  }
  return [...order, ...tooling];
}

/**
 * The graded files in runs that start together: the files of a project that shares its workers
 * between files (`isolate: false`, the known-bad batches) as one run, at the place of its first
 * file, since vitest hands a worker on to the next file only when that file comes next in the
 * queue and belongs to the same project; every other file on its own.
 */
function units<T extends { project: { name: string; config?: { isolate?: boolean } } }>(files: T[]): T[][] {
  const runs = new Map<string, T[]>();
  const result: T[][] = [];
  for (const file of files) {
    if (file.project.config?.isolate !== false) {
      result.push([file]);
      continue;
    }
    const run = runs.get(file.project.name);
    if (run) run.push(file);
    else {
      const fresh = [file];
      runs.set(file.project.name, fresh);
      result.push(fresh);
    }
  }
  return result;
}
