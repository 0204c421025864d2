/**
 * Bug: receive hands out the message but leaves it at the front of the ready queue, so every
 * receiver gets the same message.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/06-message-queues/ack-queue.ts');

export const { AckQueue } = await mutant<Module>('06-message-queues/ack-queue', [
  ['    const record = this.#takeReady();', '    const record = this.#readyHead < this.#ready.length ? this.#ready[this.#readyHead] : undefined;'],
]);
