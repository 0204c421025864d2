import { defineChapter } from '../../tools/chapter-meta.ts';

export default defineChapter({
  slug: '06-message-queues',
  title: 'Message queues',
  exercises: [
    {
      id: 'message-queue',
      title: 'A FIFO message queue with O(1) dequeue',
      difficulty: 'easy',
      summary:
        'The source outline dequeues with list.pop(0), which moves every remaining message. Build a queue whose enqueue and dequeue cost the same at any backlog.',
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
  ],
});
