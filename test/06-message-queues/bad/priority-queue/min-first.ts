/** Bug: reads "priority 1" as "first": serves the lowest number first. */
export class PriorityQueue<T> {
  #items: { message: T; priority: number; arrival: number }[] = [];
  #arrivals = 0;
  enqueue(message: T, priority: number): void {
    if (!Number.isFinite(priority)) throw new RangeError(`Expected \`priority\` to be a finite number, got ${priority}`);
    this.#items.push({ message, priority, arrival: this.#arrivals++ });
    this.#items.sort((a, b) => a.priority - b.priority || a.arrival - b.arrival);
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
