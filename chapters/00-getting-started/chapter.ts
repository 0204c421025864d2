import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '00-getting-started',
  title: 'Getting started',
  exercises: [
    {
      id: 'envelope',
      title: 'A message envelope: header plus body',
      difficulty: 'warm-up',
      summary:
        'Wrap a payload in a header (id, type, sentAt) and read it back safely. A short exercise that walks you once through the whole loop: read the contract, grade, take a hint, pass, compare with the reference solution.',
      tasks: [
        { title: 'header and body', points: 2 },
        { title: 'rejects a missing type', points: 1 },
        { title: 'reads the body of the expected type', points: 2 },
      ],
      hints: [
        'createEnvelope returns a new object with two properties: header (an object with exactly id, type and sentAt) and body (the value you were given, not a copy). Check the type first and throw an EnvelopeError when it is not a non-empty string; remember that "   " is empty once trimmed.',
        'readEnvelope receives untrusted input, so test each step before you use it: is it a non-null object? Is its header a non-null object? Is header.type a string? Only then compare header.type with expectedType. Throw an EnvelopeError for each failure, never a TypeError.',
        'The error messages follow one shape: `Expected \\`type\\` to be a non-empty string, got ${JSON.stringify(type)} (${typeof type})` and `Expected a ${JSON.stringify(expectedType)} message, got ${JSON.stringify(header.type)}`. The tests check the error class and these key words, so match them closely.',
      ],
    },
  ],
});
