import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '06-message-queues',
  title: 'Message queues',
  exercises: [
    {
      id: 'message-queue',
      title: 'A FIFO message queue with O(1) dequeue',
      difficulty: 'easy',
      summary:
        'A queue that dequeues with Array#shift (Python: list.pop(0)) moves every remaining message on each dequeue. Build one whose enqueue and dequeue cost the same at any backlog.',
      tasks: [
        { title: 'FIFO order', points: 2 },
        { title: 'empty queue', points: 1 },
        { title: 'iteration', points: 1 },
        { title: 'matches a simple model under random operations', points: 2 },
        { title: 'releases dequeued messages', points: 1 },
        { title: 'constant-time dequeue', points: 3 },
      ],
      hints: [
        'Array#shift (like Python\'s list.pop(0)) moves every remaining element one slot to the left. Instead of moving the messages, move where the queue starts: keep a head index into a storage array.',
        'A ring buffer keeps a head index and a count; the slot for the next enqueue is (head + size) % capacity. When the buffer is full, allocate one twice as large and copy the messages across, oldest first: doubling keeps enqueue O(1) amortized.',
        'After reading buffer[head] in dequeue, set buffer[head] = undefined before advancing head, or the queue keeps every dequeued message alive. Check the wrap-around case: head near the end of the buffer while messages continue at index 0.',
      ],
    },
    {
      id: 'priority-queue',
      title: 'A stable priority queue',
      difficulty: 'medium',
      summary:
        'Serve interactive requests before batch jobs: the highest priority first, equal priorities in arrival order, O(log n) per operation.',
      tasks: [
        { title: 'priority order', points: 2 },
        { title: 'ties keep arrival order', points: 2 },
        { title: 'empty queue', points: 1 },
        { title: 'rejects non-finite priorities', points: 1 },
        { title: 'matches a stable sort under random operations', points: 2 },
        { title: 'logarithmic operations', points: 3 },
      ],
      hints: [
        'Keeping an array sorted makes every enqueue move up to n elements, and scanning for the maximum makes every dequeue read n elements. A binary heap does both in O(log n): it only keeps each parent ahead of its two children.',
        'Store the heap in an array: the children of slot i are 2i+1 and 2i+2, the parent is (i-1)>>1. Enqueue appends and sifts up; dequeue moves the last entry to the root and sifts down.',
        'A heap is not stable by itself. Give every entry an arrival counter and compare by (priority descending, arrival ascending). Validate the priority with Number.isFinite before you touch the heap, so a bad call changes nothing.',
      ],
    },
    {
      id: 'ack-queue',
      title: 'At-least-once delivery: acks, visibility timeouts and a dead-letter list',
      difficulty: 'hard',
      summary:
        'A worker can crash halfway through a request. Lease each message, delete it only on ack, redeliver it when the lease expires, and park it in a dead-letter list after too many failures.',
      tasks: [
        { title: 'delivers and acknowledges', points: 2 },
        { title: 'leases hide messages from other receivers', points: 1 },
        { title: 'nack requeues or dead-letters', points: 2 },
        { title: 'visibility timeout redelivers', points: 2 },
        { title: 'stale deliveries cannot settle', points: 2 },
        { title: 'dead-letters after the last attempt', points: 2 },
        { title: 'validates its options', points: 1 },
        { title: 'never loses a message under random operations', points: 3 },
      ],
      hints: [
        'Keep three places a message can be: a FIFO of ready messages, a map of live leases keyed by delivery id, and the dead-letter list. Every operation moves a message between them; nothing else deletes one except ack.',
        'Give every delivery a fresh delivery id, and count attempts on the message, not on the lease. ack and nack look the lease up by delivery id, so a receiver whose lease expired (and whose message went to someone else) gets false instead of deleting the other receiver\'s work.',
        'You need no timers: compare the clock with each lease\'s expiresAt whenever the queue is used. Because every lease lasts the same time, leases expire in the order they were issued, so a FIFO of leases lets you find the expired ones from its front. A lease expires when now >= expiresAt.',
      ],
    },
    {
      id: 'stream-worker',
      title: 'At-least-once on a real broker: a Redis Streams consumer-group worker',
      difficulty: 'hard',
      summary:
        'The same acks, visibility timeouts and dead letters, on a real redis-server: a worker that reclaims what crashed workers left pending, dead-letters poison entries, shares a group without duplicates and stops without dropping the entry in hand; plus a producer that trims its stream.',
      requires: [{ command: 'redis-server', install: 'apt-get install -y redis-server' }],
      tasks: [
        { title: 'creates the group and delivers entries', points: 2 },
        { title: 'acknowledges once, only after the handler succeeds', points: 3 },
        { title: "reclaims a crashed worker's entries", points: 3 },
        { title: 'dead-letters an entry after maxDeliveries', points: 3 },
        { title: 'two workers share a group without duplicates', points: 2 },
        { title: 'stops gracefully on abort', points: 2 },
        { title: 'the producer appends and trims', points: 1 },
        { title: 'validates its options', points: 1 },
      ],
      hints: [
        'A round has three steps: take back what others abandoned (XAUTOCLAIM), read what is new (XREADGROUP with the id >), then handle each entry and XACK it. Start with the last two; an entry you never XACK stays in the group\'s pending entries list, which is exactly what makes the rest possible.',
        {
          task: 'creates the group and delivers entries',
          text: 'XGROUP CREATE <stream> <group> 0 MKSTREAM creates the stream too and starts the group at the very first entry, so nothing added before the first worker is lost. A second worker gets a BUSYGROUP error from the same command: that one means "already done", not a failure. Redis returns fields flat ([name, value, name, value]); turn them into an object.',
        },
        {
          task: 'acknowledges once, only after the handler succeeds',
          text: 'Await the handler first, and send XACK only when it resolved. When it throws, send nothing: the entry stays pending under this consumer, and that is how a retry is remembered.',
        },
        {
          task: "reclaims a crashed worker's entries",
          text: 'XAUTOCLAIM <stream> <group> <consumer> <visibilityTimeout> <cursor> COUNT <n> moves entries idle for at least visibilityTimeout ms to you and increments their delivery count. It returns [next cursor, entries, deleted ids]; keep the cursor for the next round, it is 0-0 again once the whole pending list has been scanned.',
        },
        {
          task: 'dead-letters an entry after maxDeliveries',
          text: 'XAUTOCLAIM does not tell you the delivery count; XPENDING <stream> <group> <id> <id> 1 does (the fourth item of its row). A failure on delivery number maxDeliveries is the last one: dead-letter it then. A reclaimed entry whose count is already above maxDeliveries was never answered by any worker: dead-letter it without calling the handler.',
        },
        {
          task: 'dead-letters an entry after maxDeliveries',
          text: 'Dead-lettering is two writes that must happen together: XADD to the dead-letter stream (originalId, reason, deliveries, fields as JSON) and XACK in the source stream. Send them in one MULTI … EXEC transaction, redis.multi().xadd(…).xack(…).exec().',
        },
        {
          task: 'two workers share a group without duplicates',
          text: 'Inside one group, XREADGROUP with the id > hands each new entry to exactly one consumer. Duplicates come from reading outside the group (XREAD), from a group per worker, or from reclaiming entries that are not idle yet (a minimum idle time of 0 steals work that is in progress).',
        },
        {
          task: 'stops gracefully on abort',
          text: 'Check the signal before each round and between entries, never in the middle of one: the entry in hand runs to the end and is acknowledged before run() returns. Entries you had read but not started stay pending, and another worker reclaims them after the visibility timeout.',
        },
        {
          task: 'the producer appends and trims',
          text: 'XADD <stream> MAXLEN ~ <n> * field value … lets Redis drop whole internal nodes of old entries instead of trimming to exactly n, which is much cheaper. The * asks Redis to choose the id.',
        },
      ],
    },
  ],
});
