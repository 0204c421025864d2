/** Bug: lowercases field names, so `Data:` and `ID:` count; field names are case-sensitive. */
import { edits } from '../../../support/mutant.ts';

export default edits([['switch (text.slice(start, colon)) {', 'switch (text.slice(start, colon).toLowerCase()) {']]);
