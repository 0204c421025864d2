/**
 * Bug: validates every field, then returns the input object itself: unknown fields (and any
 * later mutation by the sender's side) travel on into the typed world.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  switch (kind) {\n    case \'generate\':\n      return { kind, header, body: parseGenerate(body) };\n    case \'token\':\n      return { kind, header, body: parseToken(body) };\n    case \'done\':\n      return { kind, header, body: parseDone(body) };\n    case \'tool_call\':\n      return { kind, header, body: parseToolCall(body) };\n  }', '  if (kind === \'generate\') parseGenerate(body);\n  else if (kind === \'token\') parseToken(body);\n  else if (kind === \'done\') parseDone(body);\n  else parseToolCall(body);\n  void header;\n  return input as Envelope;'],
]);
