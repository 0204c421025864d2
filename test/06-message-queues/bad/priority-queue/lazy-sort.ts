/**
 * Bug: appends on enqueue and sorts the whole array on the next dequeue. Stable and correct,
 * but a steady stream of enqueue/dequeue pairs pays a full sort each time: O(n log n) per call.
 */
export class PriorityQueue<T> {
  #items: { message: T; priority: number; arrival: number }[] = [];
  #arrivals = 0;
  #dirty = false;
  enqueue(message: T, priority: number): void {
    if (!Number.isFinite(priority)) throw new RangeError(`Expected \`priority\` to be a finite number, got ${priority}`);
    this.#items.push({ message, priority, arrival: this.#arrivals++ });
    this.#dirty = true;
  }
  #sort(): void {
    if (this.#dirty) this.#items.sort((a, b) => b.priority - a.priority || a.arrival - b.arrival);
    this.#dirty = false;
  }
  dequeue(): T | undefined {
    this.#sort();
    return this.#items.shift()?.message;
  }
  peek(): T | undefined {
    this.#sort();
    return this.#items[0]?.message;
  }
  get size(): number {
    return this.#items.length;
  }
}
