/**
 * The record of one run of a concurrent scenario: who called what, what came back, in the order
 * it happened. The kit prints it as numbered steps and as a sequence diagram when a run fails.
 */

/** What happened: an operation started (`call`), finished (`return`), failed (`throw`), or a remark. */
export type TraceKind = 'call' | 'return' | 'throw' | 'note';

export interface TraceEvent {
  /** 1-based position in the run. */
  index: number;
  /** Virtual time in milliseconds when it happened. */
  time: number;
  /** The participant that acted: an actor such as `producer 1`. */
  actor: string;
  /** The participant acted on: usually the channel, pool or pipeline under test. */
  target: string;
  kind: TraceKind;
  /** What the operation was (`send(3)`) or what it gave back (`{ value: 3 }`, `ChannelClosedError`). */
  text: string;
}

/** An append-only list of trace events with the participants in the order they first appeared. */
export class Trace {
  readonly events: TraceEvent[] = [];
  readonly participants: string[] = [];
  #now: () => number;

  constructor(now: () => number = () => 0) {
    this.#now = now;
  }

  /** Declares a participant so it appears in the diagram even before it acts. */
  participant(name: string): void {
    if (!this.participants.includes(name)) this.participants.push(name);
  }

  record(actor: string, target: string, kind: TraceKind, text: string): TraceEvent {
    this.participant(actor);
    this.participant(target);
    const event: TraceEvent = { index: this.events.length + 1, time: this.#now(), actor, target, kind, text };
    this.events.push(event);
    return event;
  }

  /** Operations that started and never finished, one per actor that is still inside a call. */
  openCalls(): TraceEvent[] {
    const open = new Map<string, TraceEvent>();
    for (const event of this.events) {
      if (event.kind === 'call') open.set(event.actor, event);
      else if (event.kind === 'return' || event.kind === 'throw') open.delete(event.actor);
    }
    return [...open.values()];
  }
}

/** A short, stable text for a value in a trace: `3`, `"a"`, `{ value: 3 }`, `done`. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Error) return value.name === 'Error' ? `Error: ${value.message}` : value.name;
  if (isIteratorResult(value)) return value.done ? 'done' : `value ${show(value.value)}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}

function isIteratorResult(value: unknown): value is IteratorResult<unknown> {
  return typeof value === 'object' && value !== null && 'done' in value && Object.keys(value).every((k) => k === 'done' || k === 'value');
}

/** The trace as numbered lines, one per event, for the terminal. */
export function formatSteps(trace: Trace, limit = 200): string {
  const events = trace.events.length > limit ? trace.events.slice(-limit) : trace.events;
  const width = String(trace.events.length).length;
  const lines = events.map((e) => {
    const at = e.time > 0 ? ` @${e.time}ms` : '';
    const number = String(e.index).padStart(width);
    switch (e.kind) {
      case 'call':
        return `${number}. ${e.actor} → ${e.target}: ${e.text}${at}`;
      case 'return':
        return `${number}. ${e.target} → ${e.actor}: ${e.text}${at}`;
      case 'throw':
        return `${number}. ${e.target} ✗ ${e.actor}: threw ${e.text}${at}`;
      case 'note':
        return `${number}. (${e.actor}) ${e.text}${at}`;
    }
  });
  if (events.length < trace.events.length) lines.unshift(`… ${trace.events.length - events.length} earlier step(s) omitted`);
  return lines.join('\n');
}
