/**
 * Bug: no window. Any sequence number is buffered, however far ahead, so one lost message lets
 * the buffer grow without limit while everything behind it waits.
 */
import { type AcceptResult, type ReorderBufferOptions, WindowExceededError } from '../../../../solutions/03-message-ordering/reorder-buffer.ts';

export { type AcceptResult, type ReorderBufferOptions, WindowExceededError };

export class ReorderBuffer<T> {
  #held = new Map<number, T>();
  #next: number;
  constructor(options: ReorderBufferOptions) {
    if (!Number.isInteger(options.window) || options.window < 1) throw new RangeError('Expected `window` to be a positive integer');
    if (options.first !== undefined && (!Number.isInteger(options.first) || options.first < 0)) throw new RangeError('Expected `first` to be a non-negative integer');
    this.#next = options.first ?? 0;
  }
  accept(seq: number, message: T): AcceptResult<T> {
    if (seq < this.#next || this.#held.has(seq)) return { kind: 'duplicate' };
    if (seq !== this.#next) {
      this.#held.set(seq, message);
      return { kind: 'buffered' };
    }
    const messages = [message];
    this.#next++;
    while (this.#held.has(this.#next)) {
      messages.push(this.#held.get(this.#next) as T);
      this.#held.delete(this.#next++);
    }
    return { kind: 'delivered', messages };
  }
  gaps(): number[] {
    const highest = Math.max(this.#next - 1, ...this.#held.keys());
    const missing: number[] = [];
    for (let s = this.#next; s < highest; s++) if (!this.#held.has(s)) missing.push(s);
    return missing;
  }
  get next(): number {
    return this.#next;
  }
  get size(): number {
    return this.#held.size;
  }
}
