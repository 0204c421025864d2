import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineChapter } from '../../core/chapter-meta.ts';
import { extractListing, ListingError, syncExercisesBlock, syncListings } from '../../tools/listings.ts';

const root = mkdtempSync(path.join(tmpdir(), 'listings-'));
writeFileSync(
  path.join(root, 'demo.ts'),
  ['export class Box {', '  #value = 1;', '  get(): number {', '    return this.#value;', '  }', '  #reset(): void {', '    this.#value = 0;', '  }', '}', '', 'export function twice(x: number): number {', '  return 2 * x;', '}', ''].join('\n'),
);

describe('extractListing', () => {
  it('extracts a top-level declaration', () => {
    expect(extractListing('demo.ts#twice', root)).toBe('export function twice(x: number): number {\n  return 2 * x;\n}');
  });

  it('extracts a member, dedented', () => {
    expect(extractListing('demo.ts#Box.get', root)).toBe('get(): number {\n  return this.#value;\n}');
  });

  it('extracts a #private member', () => {
    expect(extractListing('demo.ts#Box.#reset', root)).toBe('#reset(): void {\n  this.#value = 0;\n}');
  });

  it('extracts a line range', () => {
    expect(extractListing('demo.ts#L11-L12', root)).toBe('export function twice(x: number): number {\n  return 2 * x;');
  });

  it('names the problem when the source or the fragment is missing', () => {
    expect(() => extractListing('nope.ts#x', root)).toThrow(ListingError);
    expect(() => extractListing('demo.ts#Box.nothing', root)).toThrow(/no declaration named Box.nothing/);
    expect(() => extractListing('demo.ts#L50-L60', root)).toThrow(ListingError);
  });
});

describe('syncListings', () => {
  it('fills a stale listing from its source and leaves other fences alone', () => {
    const page = ['Text', '```ts include=demo.ts#twice', 'old code', '```', '', '```ts', 'untouched', '```', ''].join('\n');
    const synced = syncListings(page, root);
    expect(synced).toContain('```ts include=demo.ts#twice\nexport function twice(x: number): number {\n  return 2 * x;\n}\n```');
    expect(synced).toContain('```ts\nuntouched\n```');
    expect(syncListings(synced, root)).toBe(synced);
  });
});

describe('syncExercisesBlock', () => {
  const chapter = defineChapter({
    slug: '99-demo',
    title: 'Demo',
    exercises: [{ id: 'box', title: 'A box', difficulty: 'easy', summary: 'Hold a value.', tasks: [{ title: 'holds', points: 2 }], hints: ['one', 'two'] }],
  });

  it('writes the block between the markers from the metadata', () => {
    const page = '## Exercises\n\n<!-- exercises:start -->\nstale text\n<!-- exercises:end -->\n';
    const synced = syncExercisesBlock(page, chapter);
    expect(synced).toContain('### Exercise 1: A box');
    expect(synced).toContain('npm run grade -- 99-demo/box');
    expect(synced).toContain('**Points:** 2');
    expect(synced).not.toContain('stale text');
  });

  it('fails clearly when the markers are missing', () => {
    expect(() => syncExercisesBlock('## Exercises\n', chapter)).toThrow(/exercises:start/);
  });
});
