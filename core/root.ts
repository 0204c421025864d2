import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: every path the workbook names is relative to it (this file lives in `core/`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
