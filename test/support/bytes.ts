/**
 * Cuts bytes (or text) into chunks at the given positions, the way a network might deliver them:
 * any order, duplicates allowed, each taken modulo `length + 1` (so property tests can pass any
 * integers). Cutting at 0 or at the end gives an empty chunk there, which decoders must accept.
 */
export function cut(bytes: Uint8Array, positions: number[]): Uint8Array[];
export function cut(text: string, positions: number[]): string[];
export function cut(whole: Uint8Array | string, positions: number[]): (Uint8Array | string)[] {
  const points = [...new Set(positions.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  const chunks: (Uint8Array | string)[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(whole.slice(from, point));
    from = point;
  }
  chunks.push(whole.slice(from));
  return chunks;
}
