/**
 * Bug: dispatches an event that has an `event` field but no data, with empty data, as the
 * SSEDecoder of the official OpenAI and Anthropic TypeScript SDKs does. The standard says an
 * event whose data buffer is empty is not dispatched.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    "if (data === undefined) return;\n    this.#events.push({ type: type === '' ? 'message' : type, data, lastEventId: this.#lastEventId });",
    "if (data === undefined && type === '') return;\n    this.#events.push({ type: type === '' ? 'message' : type, data: data ?? '', lastEventId: this.#lastEventId });",
  ],
]);
