// stub-hash: 54d464f105db73a0
// Exercise 05-callbacks/event-bus: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 05-callbacks/event-bus

/**
 * A map from event name to the tuple of arguments its listeners receive. Declare it as a `type`
 * (an `interface` has no index signature, so it does not satisfy this constraint).
 *
 * @example
 * type ChatEvents = {
 *   token: [text: string, index: number];
 *   done: [reason: 'stop' | 'length'];
 * };
 */
export type EventMap = Record<string, unknown[]>;

/**
 * The events of a bus: the declared ones plus `error`, which every bus has. `error` carries one
 * value: a {@link ListenerError} when a listener threw, or whatever was emitted as `error`.
 */
export type BusEvents<Events extends EventMap> = Omit<Events, 'error'> & { error: [error: unknown] };

/** A listener for the event whose arguments are `Args`. */
export type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * What the bus emits as `error` when a listener throws: which event was being delivered, and
 * (as `cause`) what the listener threw.
 *
 * @provided
 * @example
 * bus.on('error', (error) => {
 *   if (error instanceof ListenerError) log(`a ${error.event} listener failed`, error.cause);
 * });
 */
export class ListenerError extends Error {
  constructor(
    readonly event: string,
    cause: unknown,
  ) {
    super(`A listener for "${event}" threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ListenerError';
  }
}

/**
 * Thrown by `emit('error', value)` when nobody listens for `error` and `value` is not an `Error`
 * (an `Error` is thrown as it is). The emitted value is kept in `context`. Node's
 * `EventEmitter` does the same with its `ERR_UNHANDLED_ERROR`.
 *
 * @provided
 * @example
 * try {
 *   bus.emit('error', 'disk full');
 * } catch (error) {
 *   (error as UnhandledError).context; // 'disk full'
 * }
 */
export class UnhandledError extends Error {
  constructor(readonly context: unknown) {
    super(`Unhandled error. (${typeof context === 'string' ? `'${context}'` : String(context)})`);
    this.name = 'UnhandledError';
  }
}

/**
 * A typed, synchronous event emitter used as an in-process message bus: publishers `emit`,
 * subscribers register with `on` or `once`. The event map makes the compiler check every event
 * name and every listener's arguments.
 *
 * Delivery rules:
 * - `emit` calls the event's listeners synchronously, in registration order, each with the
 *   emitted arguments. It delivers to the listeners registered when it starts: one added during
 *   the emit waits for the next emit; one removed during the emit, before its turn, is skipped;
 *   every other listener still runs exactly once, in order.
 * - A `once` listener is removed just before it is called, so it runs at most once even if it
 *   emits the same event again.
 * - A listener that throws does not stop the others. Once every listener has run, each failure is
 *   emitted, in order, as an `error` event carrying a {@link ListenerError}.
 * - `error` is special. Emitting it with no `error` listener throws: the value itself if it is an
 *   `Error`, otherwise an {@link UnhandledError}. So a failing listener with nobody listening for
 *   `error` makes `emit` throw that failure's `ListenerError` (the first, if several failed), after
 *   every listener has run. An exception thrown by an `error` listener is not caught: it
 *   propagates out of `emit` at once.
 *
 * @typeParam Events - the event map; see {@link EventMap}.
 * @example
 * type ChatEvents = { token: [text: string]; done: [reason: 'stop' | 'length'] };
 * const bus = new EventBus<ChatEvents>();
 * const off = bus.on('token', (text) => process.stdout.write(text));
 * bus.once('done', (reason) => console.log(`\n(${reason})`));
 * bus.emit('token', 'Hello');
 * bus.emit('done', 'stop');
 * off();
 */
export class EventBus<Events extends EventMap> {
  /**
   * Registers `listener` for `event`. Registering the same function twice makes it run twice.
   * O(1).
   *
   * @returns a function that removes this registration (calling it again does nothing).
   * @throws {TypeError} when `listener` is not a function.
   * @example
   * const unsubscribe = bus.on('token', (text) => buffer.push(text));
   * unsubscribe();
   */
  on<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): () => void {
    // TODO: implement EventBus.on.
    throw new Error('TODO: implement EventBus.on');
  }

  /**
   * Registers `listener` for the next `event` only: it is removed just before it is called.
   * O(1).
   *
   * @returns a function that removes this registration if it has not run yet.
   * @throws {TypeError} when `listener` is not a function.
   * @example
   * bus.once('done', (reason) => resolveCompletion(reason));
   */
  once<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): () => void {
    // TODO: implement EventBus.once.
    throw new Error('TODO: implement EventBus.once');
  }

  /**
   * Removes one registration of `listener` for `event`, the most recently added one (as Node's
   * `EventEmitter` does), whether it was added with `on` or `once`. O(n) in the event's listeners.
   *
   * @returns `true` if a registration was removed, `false` if there was none.
   * @example
   * bus.on('token', print);
   * bus.off('token', print); // true
   * bus.off('token', print); // false
   */
  off<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): boolean {
    // TODO: implement EventBus.off.
    throw new Error('TODO: implement EventBus.off');
  }

  /**
   * Delivers `args` to every listener of `event`, following the delivery rules above.
   * O(n) in the event's listeners.
   *
   * @returns `true` if the event had listeners, `false` otherwise.
   * @throws the emitted value, an {@link UnhandledError} or a {@link ListenerError} when an
   *   `error` event has no listener, and anything an `error` listener throws.
   * @example
   * bus.emit('token', 'Hel'); // true if someone listens for 'token'
   */
  emit<K extends keyof BusEvents<Events> & string>(event: K, ...args: BusEvents<Events>[K]): boolean {
    // TODO: implement EventBus.emit.
    throw new Error('TODO: implement EventBus.emit');
  }

  /**
   * The number of registrations for `event`. O(1).
   *
   * @example
   * bus.listenerCount('token'); // 0 on a new bus
   */
  listenerCount<K extends keyof BusEvents<Events> & string>(event: K): number {
    // TODO: implement EventBus.listenerCount.
    throw new Error('TODO: implement EventBus.listenerCount');
  }
}
