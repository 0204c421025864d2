/** Bug: enqueue appends and dequeue scans every message for the best one: O(n) per dequeue. */
export class PriorityQueue<T> {
  #items: { message: T; priority: number; arrival: number }[] = [];
  #arrivals = 0;
  enqueue(message: T, priority: number): void {
    if (!Number.isFinite(priority)) throw new RangeError(`Expected \`priority\` to be a finite number, got ${priority}`);
    this.#items.push({ message, priority, arrival: this.#arrivals++ });
  }
  #best(): number {
    let best = 0;
    for (let i = 1; i < this.#items.length; i++) {
      const a = this.#items[i]!;
      const b = this.#items[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && a.arrival < b.arrival)) best = i;
    }
    return best;
  }
  dequeue(): T | undefined {
    if (this.#items.length === 0) return undefined;
    const i = this.#best();
    const [item] = this.#items.splice(i, 1);
    return item!.message;
  }
  peek(): T | undefined {
    return this.#items.length === 0 ? undefined : this.#items[this.#best()]!.message;
  }
  get size(): number {
    return this.#items.length;
  }
}
