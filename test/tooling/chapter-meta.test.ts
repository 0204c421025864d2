import { describe, expect, it } from 'vitest';
import { type ChapterMeta, ChapterMetaError, validateChapter } from '../../core/chapter-meta.ts';

const valid = (): ChapterMeta => ({
  slug: '99-demo',
  title: 'Demo',
  exercises: [{ id: 'box', title: 'A box', difficulty: 'easy', summary: 'Hold a value.', tasks: [{ title: 'holds', points: 2 }], hints: ['one', 'two'] }],
});

describe('validateChapter', () => {
  it('accepts valid metadata', () => {
    expect(() => validateChapter(valid())).not.toThrow();
  });

  const cases: [string, (m: ChapterMeta) => void, RegExp][] = [
    ['a bad slug', (m) => (m.slug = 'demo'), /slug: expected NN-kebab-case/],
    ['a duplicate exercise id', (m) => m.exercises.push({ ...m.exercises[0]! }), /duplicate exercise id "box"/],
    ['an unknown difficulty', (m) => ((m.exercises[0] as { difficulty: string }).difficulty = 'extreme'), /difficulty: expected one of/],
    ['zero points', (m) => (m.exercises[0]!.tasks[0]!.points = 0), /tasks\[0\]\.points: expected an integer from 1 to 10/],
    ['a duplicate task', (m) => m.exercises[0]!.tasks.push({ title: 'holds', points: 1 }), /duplicate task "holds"/],
    ['one hint only', (m) => (m.exercises[0]!.hints = ['one']), /hints: expected 2 to 10 hints, got 1/],
    ['an empty title', (m) => (m.exercises[0]!.title = ' '), /exercises\[0\]\.title: expected a non-empty string/],
  ];
  for (const [name, breakIt, message] of cases) {
    it(`rejects ${name}, naming the path`, () => {
      const meta = valid();
      breakIt(meta);
      expect(() => validateChapter(meta)).toThrow(ChapterMetaError);
      expect(() => validateChapter(meta)).toThrow(message);
    });
  }
});
