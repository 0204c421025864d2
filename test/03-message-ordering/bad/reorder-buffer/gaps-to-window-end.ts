/**
 * Bug: `gaps` lists every free slot up to the end of the window instead of stopping at the
 * highest buffered message, so the receiver asks the sender to retransmit messages that were
 * never sent yet.
 */
import { type AcceptResult, type ReorderBufferOptions, WindowExceededError } from '../../../../solutions/03-message-ordering/reorder-buffer.ts';

export { type AcceptResult, type ReorderBufferOptions, WindowExceededError };

export class ReorderBuffer<T> {
  #held = new Map<number, T>();
  #next: number;
  #window: number;
  constructor(options: ReorderBufferOptions) {
    if (!Number.isInteger(options.window) || options.window < 1) throw new RangeError('Expected `window` to be a positive integer');
    if (options.first !== undefined && (!Number.isInteger(options.first) || options.first < 0)) throw new RangeError('Expected `first` to be a non-negative integer');
    this.#window = options.window;
    this.#next = options.first ?? 0;
  }
  accept(seq: number, message: T): AcceptResult<T> {
    if (seq < this.#next || this.#held.has(seq)) return { kind: 'duplicate' };
    if (seq >= this.#next + this.#window) throw new WindowExceededError(seq, this.#next, this.#window);
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
    if (this.#held.size === 0) return [];
    const missing: number[] = [];
    for (let s = this.#next; s < this.#next + this.#window; s++) if (!this.#held.has(s)) missing.push(s);
    return missing;
  }
  get next(): number {
    return this.#next;
  }
  get size(): number {
    return this.#held.size;
  }
}
