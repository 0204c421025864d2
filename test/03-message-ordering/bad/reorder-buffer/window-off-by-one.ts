/**
 * Bug: the window check uses `>` instead of `>=`, so sequence number `next + window` is accepted.
 * In a ring of `window` slots it lands in the slot that `next` will need: the buffer holds one
 * message more than its bound and the slot is shared by two sequence numbers.
 */
import { type AcceptResult, type ReorderBufferOptions, WindowExceededError } from '../../../../solutions/03-message-ordering/reorder-buffer.ts';

export { type AcceptResult, type ReorderBufferOptions, WindowExceededError };

export class ReorderBuffer<T> {
  #slots: (T | undefined)[];
  #seqs: (number | undefined)[];
  #window: number;
  #next: number;
  #count = 0;
  constructor(options: ReorderBufferOptions) {
    if (!Number.isInteger(options.window) || options.window < 1) throw new RangeError('Expected `window` to be a positive integer');
    if (options.first !== undefined && (!Number.isInteger(options.first) || options.first < 0)) throw new RangeError('Expected `first` to be a non-negative integer');
    this.#window = options.window;
    this.#slots = new Array(options.window).fill(undefined);
    this.#seqs = new Array(options.window).fill(undefined);
    this.#next = options.first ?? 0;
  }
  accept(seq: number, message: T): AcceptResult<T> {
    if (seq < this.#next) return { kind: 'duplicate' };
    if (seq > this.#next + this.#window) throw new WindowExceededError(seq, this.#next, this.#window);
    const slot = seq % this.#window;
    if (seq !== this.#next) {
      if (this.#seqs[slot] === seq) return { kind: 'duplicate' };
      if (this.#seqs[slot] === undefined) this.#count++;
      this.#slots[slot] = message;
      this.#seqs[slot] = seq;
      return { kind: 'buffered' };
    }
    const messages = [message];
    if (this.#seqs[slot] !== undefined) {
      this.#seqs[slot] = undefined;
      this.#count--;
    }
    this.#next++;
    let at = this.#next % this.#window;
    while (this.#seqs[at] === this.#next) {
      messages.push(this.#slots[at] as T);
      this.#slots[at] = undefined;
      this.#seqs[at] = undefined;
      this.#count--;
      this.#next++;
      at = this.#next % this.#window;
    }
    return { kind: 'delivered', messages };
  }
  gaps(): number[] {
    const held = this.#seqs.filter((s): s is number => s !== undefined && s > this.#next);
    const highest = Math.max(this.#next - 1, ...held);
    const missing: number[] = [];
    for (let s = this.#next; s < highest; s++) if (!held.includes(s)) missing.push(s);
    return missing;
  }
  get next(): number {
    return this.#next;
  }
  get size(): number {
    return this.#count;
  }
}
