/** Bug: awaits batch members one after another, so one slow call delays every call behind it; the contract asks for concurrency. */
import { edits } from '../../../support/mutant.ts';

export default edits([
  [
    '    const answers = await Promise.all(parsed.map((member) => this.#answer(member)));',
    '    const answers: (string | undefined)[] = [];\n    for (const member of parsed) answers.push(await this.#answer(member));',
  ],
]);
