/**
 * Bug: swallows the output's 'error' event without closing the server, so when the client goes
 * away its tool calls run on for nobody.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['      server.close();\n    });\n    input.on(', '    });\n    input.on(']]);
