import { defineChapter } from '../../tools/chapter-meta.ts';

export default defineChapter({
  slug: '05-callbacks',
  title: 'Callbacks',
  exercises: [
    {
      id: 'promise',
      title: 'A Promises/A+ promise from scratch',
      difficulty: 'hard',
      summary:
        'Write MyPromise: an executor, then, catch, finally, and the statics resolve, reject, all and race. It turns a callback into a value you can pass around, and must follow the Promises/A+ rules exactly: settle once, call back asynchronously, adopt thenables. Bonus: npm run aplus -- chapters runs the official 872-test compliance suite against your file.',
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
