/**
 * Bug: throws on an event type it does not know, such as `ping` or one added to the API later;
 * the documentation asks clients to ignore unknown event types.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      default:\n      // message_stop adds nothing', "      default:\n        if (event.type !== 'message_stop') throw new Error(`Unexpected event type ${event.type}`);\n      // message_stop adds nothing"]]);
