/** Bug: treats EventEmitter#emit as asynchronous delivery, like posting a message to a queue. */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictEmitIsSynchronous: string[] = ['after emit', 'promise', 'listener got hello'];
