import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '04-async-messaging',
  title: 'Asynchronous messaging',
  exercises: [
    {
      id: 'event-loop-order',
      title: 'Predict the event loop',
      difficulty: 'warm-up',
      summary:
        'Read seven small snippets of asynchronous Node.js code and predict the order in which they log. The tests run each snippet on the real event loop and explain every order you got wrong.',
      tasks: [
        { title: 'synchronous code runs first', points: 1 },
        { title: 'nextTick before promise reactions', points: 1 },
        { title: 'queues drain completely', points: 2 },
        { title: 'await resumes as a microtask', points: 2 },
        { title: 'microtasks run between timers', points: 1 },
        { title: 'setImmediate first inside an I/O callback', points: 1 },
        { title: 'emit is synchronous', points: 1 },
      ],
      hints: [
        'Sort every callback into one of three groups: synchronous (runs now, to the end of the current code), microtask-like (process.nextTick, promise reactions, queueMicrotask, the rest of an async function after await) and macrotask (timers, setImmediate, I/O callbacks). All synchronous code runs before any microtask, and all microtasks run before the next macrotask.',
        'Within the microtask-like group, Node.js drains the whole nextTick queue first, then the whole promise queue, and repeats until both are empty. Callbacks queued while a queue drains join the back of their own queue.',
        'Among macrotasks, the event loop runs in phases: timers, pending callbacks, poll (I/O callbacks), check (setImmediate), close callbacks. From inside an I/O callback, the check phase comes before the next timers phase.',
      ],
    },
    {
      id: 'with-timeout',
      title: 'withTimeout: a time limit that cleans up after itself',
      difficulty: 'easy',
      summary:
        'Wrap any promise with a time limit and an optional AbortSignal. The wrapper must settle exactly once, clear its timer, remove its abort listener and never leave an unhandled rejection: the small leaks that take down long-running LLM gateways.',
      tasks: [
        { title: 'settles like the promise when it is in time', points: 2 },
        { title: 'rejects with TimeoutError after ms', points: 2 },
        { title: 'honours an AbortSignal', points: 2 },
        { title: 'cleans up its timer and abort listener', points: 2 },
        { title: 'never leaves an unhandled rejection', points: 1 },
        { title: 'validates ms', points: 1 },
      ],
      hints: [
        'Return one new Promise and let three things race to settle it: the original promise, a setTimeout for the limit, and the signal\'s "abort" event. A promise ignores every settle call after the first, so the race itself is easy; the work is in cleaning up.',
        'Write one cleanup function that calls clearTimeout and signal.removeEventListener("abort", onAbort) with the very same function you added, and call it on every path out: value, error, time limit, abort. Check signal.aborted before anything else: an aborted signal never fires "abort" again.',
        'Attach both handlers to the original promise with promise.then(onValue, onError), so that a rejection arriving after the limit is still handled. Avoid promise.finally(cleanup) on its own: it returns a new promise that rejects when the original does, and nobody handles it. When you give up at once (bad ms, signal already aborted), still attach a catch to the promise you were given.',
      ],
    },
    {
      id: 'rpc-client',
      title: 'An RpcClient over an asynchronous transport',
      difficulty: 'hard',
      summary:
        'Build request/response on top of one-way messages, as MCP and LSP clients do: JSON-RPC ids and a pending map, a time limit per request, cancellation with an AbortSignal that sends MCP notifications/cancelled, stray responses ignored, and every pending request rejected when the transport closes, with nothing leaked.',
      tasks: [
        { title: 'sends requests and correlates responses', points: 3 },
        { title: 'rejects error responses with RpcError', points: 1 },
        { title: 'times out each request', points: 2 },
        { title: 'cancels with an AbortSignal', points: 3 },
        { title: 'ignores late, duplicate and unknown responses', points: 2 },
        { title: 'rejects every pending request when the transport closes', points: 2 },
        { title: 'leaves no timers or listeners behind', points: 2 },
      ],
      hints: [
        'Keep a Map from request id to the pending request: its resolve and reject functions, its timer, its signal and abort listener. Take ids from a counter that only ever goes up; a response is matched by looking its id up in the map, and anything not found there is ignored.',
        'Write one private function that removes an entry from the map, clears its timer and removes its abort listener, and returns the entry (or undefined when the id was not pending). Every way a request ends (response, error response, timeout, abort, close, send throwing) goes through it first, then resolves or rejects.',
        'Put the entry in the map before calling transport.send: an in-process transport can answer synchronously. On timeout and on abort, after settling, send { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId, reason } }; check signal.aborted before sending anything, so an already cancelled request is never sent.',
      ],
    },
  ],
});
