/**
 * Bug: sends the stream as text/plain. A browser's EventSource refuses any other type than
 * text/event-stream, and proxies may buffer the whole response.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([["    'Content-Type': 'text/event-stream',", "    'Content-Type': 'text/plain; charset=utf-8',"]]);
