/**
 * Bug: no thenable assimilation: resolving with a promise or thenable fulfils with that object
 * itself instead of adopting its eventual state.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    }\n    if (value !== null && (typeof value === \'object\' || typeof value === \'function\')) {\n      let then: unknown;\n      try {\n        then = (value as { then?: unknown }).then;\n      } catch (error) {\n        this.#settle(\'rejected\', error);\n        return;\n      }\n      if (typeof then === \'function\') {\n        let called = false;\n        try {\n          then.call(\n            value,\n            (next: unknown) => {\n              if (called) return;\n              called = true;\n              this.#resolveWith(next);\n            },\n            (reason: unknown) => {\n              if (called) return;\n              called = true;\n              this.#settle(\'rejected\', reason);\n            },\n          );\n        } catch (error) {\n          if (!called) {\n            called = true;\n            this.#settle(\'rejected\', error);\n          }\n        }\n        return;\n      }\n    }\n    this.#settle(\'fulfilled\', value);', '    }\n    this.#settle(\'fulfilled\', value);'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
