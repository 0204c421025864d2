import path from 'node:path';
import { loadConfigFromFile } from 'vite';
import { defineConfig } from 'vitest/config';
import { ROOT } from '../core/root.ts';

/**
 * The vitest configuration of `npm run mutate`: the workbook's own (vitest.config.ts, with its
 * `@workbook/` alias and setup file), running one graded suite only. `test.include` is
 * replaced, not merged (vitest's mergeConfig would append to it). tools/mutate.ts names the suite
 * in WORKBOOK_MUTATE_SUITE and sets WORKBOOK_TARGET=solutions, so the suite grades the reference.
 */
const suite = process.env.WORKBOOK_MUTATE_SUITE;
if (!suite) throw new Error('WORKBOOK_MUTATE_SUITE is not set: run mutation testing with npm run mutate');

const loaded = await loadConfigFromFile({ command: 'serve', mode: 'test' }, path.join(ROOT, 'vitest.config.ts'), ROOT);
if (!loaded) throw new Error('vitest.config.ts could not be loaded');
const base = loaded.config as { test?: Record<string, unknown> };

// Mutated code runs instrumented (every expression counts its coverage), several times slower:
// a test that takes a second normally may take more than the usual five here. A mutant that
// hangs is still caught, by StrykerJS's own time limit.
export default defineConfig({ ...base, test: { ...base.test, include: [suite], testTimeout: 30_000, hookTimeout: 30_000 } });
