/**
 * Bug: only the buffer is checked for duplicates. A copy of a message that was already delivered
 * (its sequence number is below `next`) is stored as if it were new: it is reported as buffered
 * and sits in memory forever, because `next` never comes back down to it.
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
    if (seq >= this.#next + this.#window) throw new WindowExceededError(seq, this.#next, this.#window);
    if (this.#held.has(seq)) return { kind: 'duplicate' };
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
    const highest = Math.max(this.#next - 1, ...[...this.#held.keys()].filter((s) => s > this.#next));
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
