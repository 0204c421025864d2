/**
 * Preloaded with `node --import tsx --import <this file>`: registers workbook-loader.ts, which maps
 * `@workbook/…` imports (and relative imports of an overridden exercise) as the vitest plugin does.
 */
import { register } from 'node:module';

register('./workbook-loader.ts', import.meta.url);
