/** Bug: believes the Promise executor runs later, like a then callback, and that a timer of 0 ms runs right away. */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictSyncBeforeAsync: string[] = ['script start', 'script end', 'timeout', 'executor', 'then'];
