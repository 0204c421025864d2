/** Bug: believes setTimeout(…, 0) always fires before setImmediate, and that a tick waits for the next phase. */
export * from '../../../../solutions/04-async-messaging/event-loop-order.ts';

export const predictImmediateInsideIo: string[] = ['I/O callback', 'timeout', 'immediate', 'nextTick'];
