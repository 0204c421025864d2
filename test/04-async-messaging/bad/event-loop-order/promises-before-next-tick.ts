/** Bug: believes promise reactions run before process.nextTick callbacks (true only at the top level of an ES module). */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictNextTickBeforePromises: string[] = ['promise 1', 'microtask', 'promise 2', 'nextTick 1', 'nextTick 2'];
export const predictNestedQueues: string[] = [
  'promise B',
  'promise inside promise',
  'tick A',
  'tick inside tick',
  'promise inside tick',
  'tick inside promise',
];
export const predictMicrotasksBetweenTimers: string[] = ['timeout 1', 'promise in timeout 1', 'nextTick in timeout 1', 'timeout 2'];
