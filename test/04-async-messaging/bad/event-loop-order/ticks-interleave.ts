/** Bug: believes ticks and promise reactions share one FIFO queue, so a tick queued inside a tick waits its turn behind promises. */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictNestedQueues: string[] = [
  'tick A',
  'promise B',
  'tick inside tick',
  'promise inside tick',
  'tick inside promise',
  'promise inside promise',
];
