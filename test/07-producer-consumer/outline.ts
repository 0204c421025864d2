/**
 * A common textbook producer–consumer example, ported line for line from Python threads to
 * TypeScript async functions, bugs included, so the chapter can show its race
 * under the concurrency kit. It is a fixture, not an exercise: nothing here is to be copied.
 */
export class ProducerConsumer {
  readonly messages: string[] = [];
  readonly consumed: string[] = [];

  produce(message: string): void {
    this.messages.push(message);
  }

  // `while not self.messages.empty()`: an empty queue is taken to mean "no more work", and the
  // one-second sleep only makes the race rarer; it does not close it.
  async consume(sleep: (ms: number) => Promise<void>): Promise<void> {
    while (this.messages.length > 0) {
      const message = this.messages.shift()!;
      this.consumed.push(message);
      await sleep(1000);
    }
  }
}
