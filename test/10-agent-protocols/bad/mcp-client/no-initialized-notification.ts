/**
 * Bug: goes straight from the initialize answer to requests, without notifications/initialized.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      this.notify(\'notifications/initialized\');\n', ''],
]);
