/**
 * Bug: keeps an array sorted by inserting with a binary search and `splice`. Correct order, but
 * every insert shifts up to n elements: O(n) per enqueue instead of O(log n).
 */
export class PriorityQueue<T> {
  #items: { message: T; priority: number }[] = [];
  enqueue(message: T, priority: number): void {
    if (!Number.isFinite(priority)) throw new RangeError(`Expected \`priority\` to be a finite number, got ${priority}`);
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#items[mid]!.priority >= priority) lo = mid + 1;
      else hi = mid;
    }
    this.#items.splice(lo, 0, { message, priority });
  }
  dequeue(): T | undefined {
    return this.#items.shift()?.message;
  }
  peek(): T | undefined {
    return this.#items[0]?.message;
  }
  get size(): number {
    return this.#items.length;
  }
}
