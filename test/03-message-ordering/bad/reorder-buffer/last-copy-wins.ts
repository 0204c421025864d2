/**
 * Bug: a second copy of a buffered message overwrites the first and is reported as buffered, not
 * as a duplicate, so the receiver cannot count retransmissions and the first copy is lost.
 */
import { type AcceptResult, type ReorderBufferOptions, WindowExceededError } from '../../../../solutions/03-message-ordering/reorder-buffer.ts';

export { type AcceptResult, type ReorderBufferOptions, WindowExceededError };

export class ReorderBuffer<T> {
  #held = new Map<number, T>();
  #next: number;
  #window: number;
  constructor(options: ReorderBufferOptions) {
    this.#window = options.window;
    this.#next = options.first ?? 0;
  }
  accept(seq: number, message: T): AcceptResult<T> {
    if (seq < this.#next) return { kind: 'duplicate' };
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
