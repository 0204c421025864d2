import { describe, expect, it } from 'vitest';
import { generateStub, isPristineStub, StubGenerationError } from '../../core/stub-generator.ts';

const options = { solutionPath: 'solutions/99-demo/demo.ts', exerciseId: '99-demo/demo' };

const solution = `import { helper } from './other.ts';

/** The options. */
export interface Options {
  limit: number;
}

interface Internal {
  secret: number;
}

type Hidden = { detail: string };

/** Thrown on bad input. @provided */
export class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

const CACHE = new Map<string, number>();

function privateHelper(x: number): number {
  return x * 2;
}

/**
 * Adds two numbers.
 * @example add(1, 2) // 3
 */
export function add(a: number, b: number): number {
  // the answer is here
  return privateHelper(a) + b;
}

/** Doubles. */
export const double = (x: number): number => x * 2;

/** The learner predicts this. @stub [] */
export const prediction: string[] = ['a', 'b'];

/** A public constant. */
export const LIMIT = 10;

/** A counter. */
export class Counter extends Base {
  #count = 0;
  private hidden = 1;
  readonly name: string = 'counter';

  /** Makes one. */
  constructor(start: number) {
    super(start);
    this.#count = start;
  }

  /** Adds one. */
  increment(): number {
    return ++this.#count;
  }

  /** The count. */
  get value(): number {
    return this.#count;
  }

  #secret(): Internal {
    return { secret: 1 };
  }
}
`;

describe('generateStub', () => {
  const stub = generateStub(solution, options);

  it('replaces function bodies with a throw naming what to implement', () => {
    expect(stub).toContain("throw new Error('TODO: implement add');");
    expect(stub).not.toContain('the answer is here');
    expect(stub).toContain("throw new Error('TODO: implement double');");
  });

  it('keeps exported signatures and their JSDoc', () => {
    expect(stub).toContain('export function add(a: number, b: number): number {');
    expect(stub).toContain(' * Adds two numbers.');
    expect(stub).toContain('export const double = (x: number): number => {');
  });

  it('removes private helpers, module state and #private or private members', () => {
    expect(stub).not.toContain('privateHelper');
    expect(stub).not.toContain('CACHE');
    expect(stub).not.toContain('#count');
    expect(stub).not.toContain('#secret');
    expect(stub).not.toContain('hidden = 1');
  });

  it('drops private types nothing refers to any more, and keeps exported ones', () => {
    expect(stub).not.toContain('interface Internal');
    expect(stub).not.toContain('type Hidden');
    expect(stub).toContain('export interface Options');
  });

  it('keeps @provided declarations verbatim', () => {
    expect(stub).toContain("this.name = 'DemoError';");
  });

  it('replaces a @stub initialiser with the given expression', () => {
    expect(stub).toContain('export const prediction: string[] = [];');
  });

  it('keeps exported constants and public fields', () => {
    expect(stub).toContain('export const LIMIT = 10;');
    expect(stub).toContain("readonly name: string = 'counter';");
  });

  it('keeps the super call of a derived constructor, then throws', () => {
    expect(stub).toMatch(/constructor\(start: number\) \{\n {4}super\(start\);\n {4}\/\/ TODO: implement Counter.constructor\./);
  });

  it('names accessors and methods by class', () => {
    expect(stub).toContain("throw new Error('TODO: implement Counter.increment');");
    expect(stub).toContain("throw new Error('TODO: implement Counter.value');");
  });

  it('keeps imports', () => {
    expect(stub).toContain("import { helper } from './other.ts';");
  });

  it('starts with a hash line and a header naming the grading command', () => {
    const [hashLine, first, second] = stub.split('\n');
    expect(hashLine).toMatch(/^\/\/ stub-hash: [0-9a-f]{16}$/);
    expect(first).toContain('99-demo/demo');
    expect(second).toBe('// Grade it with: npm run grade -- 99-demo/demo');
  });

  it('is deterministic', () => {
    expect(generateStub(solution, options)).toBe(stub);
  });

  it('refuses an exported statement it cannot stub', () => {
    expect(() => generateStub('export default 42;\n', options)).toThrow(StubGenerationError);
  });
});

describe('isPristineStub', () => {
  const stub = generateStub(solution, options);

  it('recognises an untouched stub', () => {
    expect(isPristineStub(stub)).toBe(true);
  });

  it('detects any edit, even one character', () => {
    expect(isPristineStub(stub.replace('TODO: implement add', 'TODO: implement adD'))).toBe(false);
  });

  it('treats a file without the hash line as edited', () => {
    expect(isPristineStub(stub.split('\n').slice(1).join('\n'))).toBe(false);
    expect(isPristineStub('')).toBe(false);
  });
});
