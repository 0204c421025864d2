/**
 * Bug: answers initialize with whatever version the client asked for, even one it has never heard
 * of, instead of its own latest.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['this.#protocolVersion = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;', 'this.#protocolVersion = requested;'],
]);
