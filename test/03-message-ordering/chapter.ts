import { defineChapter } from '../../tools/chapter-meta.ts';

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
  ],
});
