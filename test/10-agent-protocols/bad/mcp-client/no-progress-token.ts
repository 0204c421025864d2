/**
 * Bug: never puts a progressToken in the request, so the server sends no progress and onProgress
 * is never called.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (onProgress) body = { ...params, _meta: { ...(params?._meta as object | undefined), progressToken: id } };\n', ''],
]);
