import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Whether the queue (or anything else) still holds the object that `make` creates and hands to
 * `use`, after `use` returns and a full garbage collection runs. `use` must not keep it.
 */
export async function isRetained(use: (object: object) => void): Promise<boolean> {
  const ref = createAndUse(use);
  // A WeakRef's target stays alive until the current job ends; yield a macrotask first.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return ref.deref() !== undefined;
}

function createAndUse(use: (object: object) => void): WeakRef<object> {
  const object = { payload: 'x'.repeat(64) };
  use(object);
  return new WeakRef(object);
}

/**
 * The bytes still in use after a full garbage collection: the JavaScript heap plus the memory
 * behind ArrayBuffers (typed arrays, Buffers). Compare two readings to see what a structure keeps.
 */
export function liveBytes(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * {@link liveBytes} once the memory behind collected Buffers has been handed back: V8 frees an
 * ArrayBuffer's backing store on a background thread, so right after a collection
 * `arrayBuffers` can still count garbage. Collects and yields to the event loop a few times first.
 */
export async function settledLiveBytes(): Promise<number> {
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return liveBytes();
}
