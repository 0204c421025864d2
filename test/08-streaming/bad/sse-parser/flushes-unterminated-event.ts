/**
 * Bug: when the stream ends, dispatches the event that was never terminated by a blank line; the
 * standard discards it, since a connection cut mid-event may have lost the rest of its data.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '  end(): SseEvent[] {\n',
    "  end(): SseEvent[] {\n    const flushed: SseEvent[] = this.#data === undefined ? [] : [{ type: this.#type || 'message', data: this.#data, lastEventId: this.#idBuffer }];\n",
  ],
  ['    this.#idBuffer = this.#lastEventId;\n    return [];', '    this.#idBuffer = this.#lastEventId;\n    return flushed;'],
]);
