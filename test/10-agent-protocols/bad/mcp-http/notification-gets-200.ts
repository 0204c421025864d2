/**
 * Bug: answers a notification with 200 and a JSON body instead of 202 Accepted with none.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      res.writeHead(202).end();', '      res.writeHead(200, { \'Content-Type\': \'application/json\' }).end(\'{}\');'],
]);
