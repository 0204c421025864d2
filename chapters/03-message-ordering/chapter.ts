import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '03-message-ordering',
  title: 'Message ordering and delivery guarantees',
  exercises: [
    {
      id: 'reorder-buffer',
      title: 'A reorder buffer with a bounded window',
      difficulty: 'medium',
      summary:
        'Messages carry sequence numbers but arrive out of order, twice, or not at all. Hand them on in order, each exactly once, within a fixed window of memory, and report the gaps a receiver would ask to have retransmitted.',
      tasks: [
        { title: 'in-order delivery', points: 2 },
        { title: 'duplicate suppression', points: 2 },
        { title: 'bounded window', points: 2 },
        { title: 'gap report', points: 2 },
        { title: 'any arrival order within the window is delivered in order exactly once', points: 3 },
      ],
      hints: [
        'Keep one number, next: the sequence number you deliver next. Every arrival falls in one of four cases: below next (already delivered, so a duplicate), equal to next (deliver it), inside the window above next (hold it), or at next + window and beyond (reject it with WindowExceededError).',
        'Delivering the expected message is not the end: after it, keep delivering while the message for the new next is already held. That loop is what turns "2 arrived before 1" into "1, 2". A second copy of a held message is a duplicate: check before you store, and keep the first copy.',
        'Since only sequence numbers next .. next + window - 1 are ever held, a fixed array of window slots indexed by seq % window is enough, with a separate "present" flag per slot (a message may itself be undefined). Clear a slot as you deliver from it. For gaps, remember the highest held sequence number and list the empty slots from next up to it.',
      ],
    },
    {
      id: 'deduplicator',
      title: 'An idempotent consumer with bounded memory',
      difficulty: 'easy',
      summary:
        'At-least-once delivery means some messages arrive twice. Remember the ids already processed so that a redelivery is skipped, in O(1) per check, without remembering more than a fixed number of ids or keeping any longer than a TTL on an injected clock.',
      tasks: [
        { title: 'first sighting versus duplicate', points: 1 },
        { title: 'evicts the oldest id first', points: 2 },
        { title: 'never remembers more than capacity', points: 2 },
        { title: 'forgets ids after the TTL, on the injected clock', points: 2 },
        { title: 'matches a simple model under random operations', points: 2 },
        { title: 'constant-time check', points: 2 },
      ],
      hints: [
        'A Set answers "seen before?" in O(1), but it only grows. You also need to know which id is the oldest, so that it can go first when the memory is full or when its time is up, and a repeat sighting must not change that order.',
        'Keep a Map from id to an entry { id, seenAt, prev, next }, and link the entries into a list in first-seen order: append new ids at the tail, evict from the head when size reaches capacity, unlink an entry in O(1) for forget. (A Map alone, evicting with keys().next(), looks O(1), but iterating a Map from the front after many deletions there can cost time proportional to the deleted entries; the growth test notices.)',
        'For the TTL, read the time from options.now (never Date.now directly) and, before answering any question, drop entries from the head while now - seenAt >= ttlMs. The head is always the oldest, so stop at the first entry that is still young: each call stays O(1) amortized.',
      ],
    },
    {
      id: 'keyed-executor',
      title: 'A per-key serial executor',
      difficulty: 'hard',
      summary:
        'Keep order where it matters and nowhere else: tasks for one key (a conversation, a Kafka key, an SQS message group) run one at a time in submission order, different keys run in parallel, a failure stays with its own task, and onIdle says when everything has settled. Graded under many seeded interleavings.',
      tasks: [
        { title: 'runs tasks of one key in submission order', points: 2 },
        { title: 'runs different keys concurrently', points: 2 },
        { title: 'a failing task does not stall its key or the others', points: 2 },
        { title: 'reports when idle', points: 2 },
        { title: 'holds under many seeded interleavings', points: 3 },
      ],
      hints: [
        'Give each key its own queue (a "lane") in a Map, and keep a count of tasks not yet settled. A key with no lane is idle: create the lane and start draining it on a microtask (queueMicrotask), never inside submit. A key that has a lane already: just append the task to it.',
        'Drain a lane in an async loop: take the task, `await task()` inside try/catch, settle that task\'s own promise with the result or the error, then move on to the next one. The catch is what keeps one failure from stopping the key. If you chain promises instead (previous.then(task)), chain from a version of the previous promise that never rejects.',
        'Remove a lane only when its loop finds nothing left to run, in the same synchronous step that checks, so a task submitted a moment later starts a fresh lane instead of overlapping with a running one. Decrement the pending count after a task settles (not when it is dequeued), and resolve every onIdle waiter when it reaches zero.',
      ],
    },
  ],
});
