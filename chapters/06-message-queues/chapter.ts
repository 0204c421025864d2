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
  ],
});
