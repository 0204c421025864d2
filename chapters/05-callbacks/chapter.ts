import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '05-callbacks',
  title: 'Callbacks',
  exercises: [
    {
      id: 'promisify',
      title: 'promisify and callbackify',
      difficulty: 'easy',
      summary:
        'Convert between the two shapes of asynchronous results: error-first callbacks and promises, as Node.js util.promisify and util.callbackify do. Each detail is a classic interview question: falsy errors, several results, this, a callback called twice, a falsy rejection, and never calling back synchronously.',
      tasks: [
        { title: 'promisify resolves with the result', points: 2 },
        { title: 'promisify rejects on an error', points: 2 },
        { title: 'multiple results', points: 1 },
        { title: 'this is preserved', points: 1 },
        { title: 'a callback called twice settles once', points: 1 },
        { title: 'promisify.custom', points: 1 },
        { title: 'callbackify delivers results and errors', points: 2 },
        { title: 'callbackify wraps a falsy rejection', points: 1 },
      ],
      hints: [
        'promisify returns a function that returns new Promise((resolve, reject) => …) and, inside the executor, calls the original with the arguments plus one extra callback (error, ...results). Only a truthy error rejects. A promise settles once, so a second callback call is ignored for free, and a synchronous throw inside the executor already becomes a rejection.',
        'Return a regular function, not an arrow function, and call the original with original.call(this, ...args, callback): an arrow function has no this of its own. For callbackify, pop the callback off the arguments and check it is a function before doing anything else.',
        'callbackify: wrap the call in new Promise((resolve) => resolve(fn.apply(this, args))), so a plain value and a synchronous throw take the same asynchronous path as a real promise. In then(onFulfilled, onRejected) (not then(...).catch(...)), call the callback via process.nextTick, and replace a falsy reason with new FalsyRejectionError(reason).',
      ],
    },
    {
      id: 'event-bus',
      title: 'A typed event bus',
      difficulty: 'medium',
      summary:
        'Build the in-process message bus behind streaming clients and protocol sessions: a typed event emitter with on, once and off. It must keep delivering when a listener throws or unsubscribes mid-emit, and must never let an error event vanish.',
      tasks: [
        { title: 'listeners receive typed arguments in registration order', points: 2 },
        { title: 'off and unsubscribe', points: 2 },
        { title: 'once listeners run at most once', points: 2 },
        { title: 'changing listeners during emit', points: 2 },
        { title: 'a throwing listener does not stop the others', points: 2 },
        { title: 'unhandled errors surface', points: 2 },
      ],
      hints: [
        'Keep a Map from event name to an array of registrations, and make each registration an object ({ listener, once, removed }) rather than the bare function: then the same function can be registered twice, and the function on() returns can remove exactly its own registration.',
        'In emit, iterate over a copy of the array (list.slice()), so removing during the emit cannot shift indexes and skip a listener. Mark a registration removed when it is taken out, and skip removed ones in the loop. For once, remove the registration before calling the listener.',
        'Wrap each listener call in try/catch and collect the failures; after the loop, emit each as "error" with new ListenerError(event, cause). At the top of emit, an "error" event with no listeners throws: the value if it is an Error, otherwise new UnhandledError(value). Do not catch exceptions from "error" listeners, or a failing one would loop.',
      ],
    },
    {
      id: 'promise',
      title: 'A Promises/A+ promise from scratch',
      difficulty: 'hard',
      summary:
        'Write MyPromise: an executor, then, catch, finally, and the statics resolve, reject, all and race. It turns a callback into a value you can pass around, and must follow the Promises/A+ rules exactly: settle once, call back asynchronously, adopt thenables. Bonus: npm run aplus runs the official 872-test compliance suite against your file.',
      tasks: [
        { title: 'settles exactly once', points: 2 },
        { title: 'callbacks run asynchronously, in order', points: 2 },
        { title: 'chaining and rejection propagation', points: 2 },
        { title: 'thenable assimilation', points: 3 },
        { title: 'resolving a promise with itself', points: 1 },
        { title: 'finally', points: 2 },
        { title: 'MyPromise.resolve and MyPromise.reject', points: 1 },
        { title: 'MyPromise.all', points: 2 },
        { title: 'MyPromise.race', points: 1 },
      ],
      hints: [
        'Keep three private fields: the state (pending, fulfilled or rejected), the result, and a list of reactions waiting for the promise to settle. Settling sets the state once and then runs the waiting reactions; then() on a settled promise schedules its reaction straight away. Schedule every reaction with queueMicrotask, never call it directly.',
        'then() returns new MyPromise((resolve, reject) => …): its reaction calls the right callback with the result and passes what it returns to that inner resolve, or what it throws to reject. A missing callback passes the value or reason straight through. catch and finally are a few lines on top of then.',
        'resolve(x) is the Promises/A+ Resolution Procedure (section 2.3): x === this rejects with a TypeError; for an object or function, read x.then once (inside try/catch); if it is a function, call it with x as this and a fresh resolve/reject pair guarded by one "called" flag; otherwise fulfil with x. One shared "already resolved" flag makes the executor\'s resolve and reject work only once.',
      ],
    },
  ],
});
