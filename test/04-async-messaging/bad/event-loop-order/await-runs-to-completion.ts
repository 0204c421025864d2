/** Bug: believes an async function, once resumed, runs to its end before other promise reactions get a turn. */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictAwaitInterleaves: string[] = [
  'step start',
  'sync end',
  'then 1',
  'step after first await',
  'step after second await',
  'then 2',
  'then 3',
];
