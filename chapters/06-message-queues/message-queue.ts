// stub-hash: 1fd95b41dfb70601
// Exercise 06-message-queues/message-queue: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 06-message-queues/message-queue

/**
 * A first-in, first-out message queue with O(1) amortized `enqueue` and `dequeue`.
 *
 * The naive queue (`array.push` + `array.shift()`, or Python's `list.pop(0)`) moves every
 * remaining element on each dequeue, so draining a backlog of n messages costs O(n²). This queue
 * must cost the same per operation whether it holds ten messages or ten million.
 *
 * @typeParam T - the message type.
 * @example
 * const queue = new MessageQueue<string>();
 * queue.enqueue('Message 1');
 * queue.enqueue('Message 2');
 * queue.dequeue(); // 'Message 1'
 * queue.size;      // 1
 */
export class MessageQueue<T> {
  /**
   * Adds a message at the back of the queue. O(1) amortized: the buffer doubles when full.
   *
   * @param message - any value, including `undefined`.
   * @example
   * queue.enqueue({ id: 1, prompt: 'hello' });
   */
  enqueue(message: T): void {
    // TODO: implement MessageQueue.enqueue.
    throw new Error('TODO: implement MessageQueue.enqueue');
  }

  /**
   * Removes and returns the oldest message, or `undefined` when the queue is empty. O(1).
   * The queue drops its reference to the message.
   *
   * @example
   * queue.dequeue(); // the oldest message, or undefined
   */
  dequeue(): T | undefined {
    // TODO: implement MessageQueue.dequeue.
    throw new Error('TODO: implement MessageQueue.dequeue');
  }

  /**
   * Returns the oldest message without removing it, or `undefined` when empty. O(1).
   *
   * @example
   * queue.peek(); // the message dequeue() would return next
   */
  peek(): T | undefined {
    // TODO: implement MessageQueue.peek.
    throw new Error('TODO: implement MessageQueue.peek');
  }

  /**
   * The number of queued messages. O(1).
   *
   * @example
   * new MessageQueue().size; // 0
   */
  get size(): number {
    // TODO: implement MessageQueue.size.
    throw new Error('TODO: implement MessageQueue.size');
  }

  /**
   * Yields the queued messages oldest first, without removing them.
   *
   * @example
   * [...queue]; // every queued message, oldest first
   */
  *[Symbol.iterator](): IterableIterator<T> {
    // TODO: implement MessageQueue[Symbol.iterator].
    throw new Error('TODO: implement MessageQueue[Symbol.iterator]');
  }
}
