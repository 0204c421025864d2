/**
 * Bug: treats Anthropic's mid-stream `error` event like any unknown event and carries on, so an
 * overloaded_error looks like a stream that merely stopped early.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["      case 'error':\n        throw new StreamError(event.error.type, event.error.message, partialMessage(text(), calls, finishReason, usage));\n", '']]);
