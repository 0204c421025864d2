import { defineConfig } from 'vitest/config';
import { workbookTarget } from './core/workbook-target.ts';

export default defineConfig({
  plugins: [workbookTarget()],
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 5_000,
    hookTimeout: 5_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
});
