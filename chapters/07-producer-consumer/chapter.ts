import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '07-producer-consumer',
  title: 'Producer–consumer',
  exercises: [
    {
      id: 'channel',
      title: 'A bounded channel with backpressure and close',
      difficulty: 'medium',
      summary:
        'A consumer that polls whether the queue is empty can quit before anything was produced (the usual textbook example does). Build the channel that fixes it: receive waits, send waits while the buffer is full, close ends the stream without losing buffered values.',
      tasks: [
        { title: 'buffered send and receive', points: 1 },
        { title: 'receive waits for a value', points: 2 },
        { title: 'send waits for room', points: 2 },
        { title: 'unbuffered rendezvous', points: 2 },
        { title: 'close', points: 2 },
        { title: 'async iteration', points: 1 },
        { title: 'holds under every explored interleaving', points: 3 },
        { title: 'constant-time operations', points: 2 },
      ],
      hints: [
        'Never poll: when receive finds nothing to take, return a promise and remember its resolve function in a queue of waiting receivers; send hands its value to the oldest of them. Do the same for senders when the buffer is full.',
        'Keep three FIFO queues: buffered values, waiting senders (each with its value, resolve and reject) and waiting receivers. When receive takes a value out of a full buffer, move the oldest waiting sender\'s value in and resolve that sender. With capacity 0 there is no buffer: receive takes the value straight from the oldest waiting sender.',
        'close() sets a flag once, rejects every waiting sender with ChannelClosedError and resolves every waiting receiver with { done: true, value: undefined }, but leaves the buffer alone: receive keeps draining it and only reports done when it is empty. Use a ring buffer or a head index for the queues, not Array#shift.',
      ],
    },
    {
      id: 'pipeline',
      title: 'M producers, N consumers, one bounded channel',
      difficulty: 'medium',
      summary:
        'Wire several producers and consumers through a channel so that the pipeline returns exactly when all work is done, never loses or duplicates an item, applies backpressure, and reports the first error instead of swallowing it.',
      tasks: [
        { title: 'handles every item exactly once', points: 2 },
        { title: 'resolves only when all work is done', points: 2 },
        { title: "keeps each producer's order", points: 1 },
        { title: 'surfaces errors', points: 2 },
        { title: 'applies backpressure', points: 2 },
      ],
      hints: [
        'Start one async loop per producer (read its iterable, await channel.send for each item) and one per consumer (for await over the channel, await handle). Promise.all over each group tells you when that group has finished.',
        'End of stream is your job: close the channel only after every producer loop has finished (not when the first one does), then wait for every consumer loop before resolving. That ordering is the completion tracking a polling consumer lacks.',
        'On the first error, remember it, close the channel so blocked producers wake up (their ChannelClosedError is a consequence, not a new error), let consumers stop before their next item, wait for both groups, then throw the remembered error.',
      ],
    },
    {
      id: 'worker-pool',
      title: 'A worker pool with a limit, graceful shutdown and cancellation',
      difficulty: 'hard',
      summary:
        'Run tasks with at most N in flight, the rest queued in order; close() finishes accepted work and refuses new work; an AbortSignal cancels a queued task or aborts a running one without breaking the limit.',
      tasks: [
        { title: 'runs tasks and returns their results', points: 1 },
        { title: 'respects the concurrency limit', points: 3 },
        { title: 'starts queued tasks in arrival order', points: 1 },
        { title: 'frees the slot of a failed task', points: 2 },
        { title: 'graceful shutdown', points: 2 },
        { title: 'cancellation', points: 3 },
      ],
      hints: [
        'Keep a count of running tasks and a FIFO queue of waiting ones. run() starts the task at once if a slot is free, otherwise queues a function that starts it; whenever a task settles (success or failure: use finally), decrement the count and start queued tasks while slots are free.',
        'close() sets a flag that makes run() reject with PoolClosedError, and returns one promise (the same one every time) that resolves when nothing is running or waiting; check that condition each time a task settles or a queued task is cancelled.',
        'For cancellation, give every task its own AbortController. If the caller\'s signal aborts while the task is queued, mark the entry cancelled (skip it when it reaches the head) and reject; if it is running, abort the task\'s controller and reject at once, but free the slot only when the task\'s promise actually settles.',
      ],
    },
  ],
});
