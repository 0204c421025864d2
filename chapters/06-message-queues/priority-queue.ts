// stub-hash: 700e492300d65c61
// Exercise 06-message-queues/priority-queue: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 06-message-queues/priority-queue

/**
 * A priority queue of messages: the message with the highest priority is served first, and
 * messages of equal priority come out in the order they arrived (the queue is stable).
 *
 * `enqueue`, `dequeue` and `peek` cost O(log n) or better, so the queue stays fast with a
 * backlog of millions of requests.
 *
 * @typeParam T - the message type.
 * @example
 * const queue = new PriorityQueue<string>();
 * queue.enqueue('batch job', 0);
 * queue.enqueue('interactive chat', 10);
 * queue.enqueue('another batch job', 0);
 * queue.dequeue(); // 'interactive chat'
 * queue.dequeue(); // 'batch job' (arrived before 'another batch job')
 */
export class PriorityQueue<T> {
  /**
   * Adds a message with a priority. Higher numbers are served first; any finite number is
   * allowed, negative and fractional included. O(log n).
   *
   * @throws {RangeError} when `priority` is not a finite number (NaN, ±Infinity); the queue is
   *   left unchanged.
   * @example
   * queue.enqueue({ prompt: 'summarise' }, 5);
   * queue.enqueue({ prompt: 'translate' }, -1.5);
   */
  enqueue(message: T, priority: number): void {
    // TODO: implement PriorityQueue.enqueue.
    throw new Error('TODO: implement PriorityQueue.enqueue');
  }

  /**
   * Removes and returns the message with the highest priority (the oldest among equals), or
   * `undefined` when the queue is empty. O(log n).
   *
   * @example
   * queue.dequeue(); // the most urgent message, or undefined
   */
  dequeue(): T | undefined {
    // TODO: implement PriorityQueue.dequeue.
    throw new Error('TODO: implement PriorityQueue.dequeue');
  }

  /**
   * Returns the message `dequeue` would return, without removing it, or `undefined`. O(1).
   *
   * @example
   * queue.peek();
   */
  peek(): T | undefined {
    // TODO: implement PriorityQueue.peek.
    throw new Error('TODO: implement PriorityQueue.peek');
  }

  /**
   * The number of queued messages. O(1).
   *
   * @example
   * new PriorityQueue().size; // 0
   */
  get size(): number {
    // TODO: implement PriorityQueue.size.
    throw new Error('TODO: implement PriorityQueue.size');
  }
}
