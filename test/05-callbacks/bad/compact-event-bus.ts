/**
 * A compact, correct event-bus that several known-bad implementations are small edits of (see
 * `mutant` in test/support/mutant.ts). It is not graded itself, and it is not the reference.
 */
export type EventMap = Record<string, unknown[]>;
export type BusEvents<Events extends EventMap> = Omit<Events, 'error'> & { error: [error: unknown] };
export type Listener<Args extends unknown[]> = (...args: Args) => void;

export class ListenerError extends Error {
  constructor(
    readonly event: string,
    cause: unknown,
  ) {
    super(`A listener for "${event}" threw`, { cause });
    this.name = 'ListenerError';
  }
}

export class UnhandledError extends Error {
  constructor(readonly context: unknown) {
    super(`Unhandled error. (${String(context)})`);
    this.name = 'UnhandledError';
  }
}

type Registration = { listener: (...args: unknown[]) => void; once: boolean; removed: boolean };

export class EventBus<Events extends EventMap> {
  #registrations = new Map<PropertyKey, Registration[]>();

  on<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): () => void {
    return this.#add(event, listener, false);
  }

  once<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): () => void {
    return this.#add(event, listener, true);
  }

  off<K extends keyof BusEvents<Events> & string>(event: K, listener: Listener<BusEvents<Events>[K]>): boolean {
    const list = this.#registrations.get(event) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.listener === listener) {
        this.#remove(event, list[i]!);
        return true;
      }
    }
    return false;
  }

  emit<K extends keyof BusEvents<Events> & string>(event: K, ...args: BusEvents<Events>[K]): boolean {
    const list = this.#registrations.get(event) ?? [];
    if (list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new UnhandledError(args[0]);
      return false;
    }
    const failures: ListenerError[] = [];
    for (const registration of list.slice()) {
      if (registration.removed) continue;
      if (registration.once) this.#remove(event, registration);
      if (event === 'error') {
        registration.listener(...args);
        continue;
      }
      try {
        registration.listener(...args);
      } catch (cause) {
        failures.push(new ListenerError(event, cause));
      }
    }
    const emitError = this.emit as (event: 'error', error: unknown) => boolean;
    for (const failure of failures) emitError.call(this, 'error', failure);
    return true;
  }

  listenerCount<K extends keyof BusEvents<Events> & string>(event: K): number {
    return this.#registrations.get(event)?.length ?? 0;
  }

  #add(event: PropertyKey, listener: unknown, once: boolean): () => void {
    if (typeof listener !== 'function') throw new TypeError('Expected `listener` to be a function');
    const registration: Registration = { listener: listener as (...args: unknown[]) => void, once, removed: false };
    this.#registrations.set(event, [...(this.#registrations.get(event) ?? []), registration]);
    return () => this.#remove(event, registration);
  }

  #remove(event: PropertyKey, registration: Registration): void {
    if (registration.removed) return;
    registration.removed = true;
    const list = this.#registrations.get(event) ?? [];
    const at = list.indexOf(registration);
    if (at >= 0) list.splice(at, 1);
  }
}
