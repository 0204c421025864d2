import { describe, expect, it } from 'vitest';
import { type Envelope, EnvelopeError, parseEnvelope } from '@workbook/01-message-formats/parse-envelope';

const header = (extra: Record<string, unknown> = {}) => ({ id: 'msg-1', version: 1, sentAt: 1_764_400_000_000, ...extra });

const valid = {
  generate: {
    kind: 'generate',
    header: header(),
    body: {
      model: 'small-chat',
      messages: [
        { role: 'system', content: 'Answer briefly.' },
        { role: 'user', content: 'What is a varint?' },
      ],
      maxTokens: 64,
    },
  },
  token: { kind: 'token', header: header(), body: { requestId: 'req-9', index: 0, text: 'A' } },
  done: { kind: 'done', header: header(), body: { requestId: 'req-9', finishReason: 'length' } },
  tool_call: { kind: 'tool_call', header: header(), body: { id: 'call-3', name: 'search', arguments: { query: 'protobuf', limit: 5 } } },
};

/** Runs parseEnvelope and returns the EnvelopeError it throws, failing clearly when it throws something else or nothing. */
function rejection(input: unknown): EnvelopeError {
  try {
    parseEnvelope(input);
  } catch (error) {
    expect(error, `expected an EnvelopeError, but parseEnvelope threw ${String(error)}`).toBeInstanceOf(EnvelopeError);
    return error as EnvelopeError;
  }
  throw new Error(`parseEnvelope accepted ${JSON.stringify(input)}, which is not a valid envelope`);
}

function withBody(kind: keyof typeof valid, body: Record<string, unknown>): unknown {
  return { kind, header: header(), body: { ...valid[kind].body, ...body } };
}

function without<T extends Record<string, unknown>>(object: T, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  delete copy[key];
  return copy;
}

describe('accepts every kind of valid envelope', () => {
  it('returns a generate message with its messages in order', () => {
    expect(parseEnvelope(valid.generate)).toEqual(valid.generate);
  });

  it('returns a token message', () => {
    expect(parseEnvelope(valid.token)).toEqual(valid.token);
  });

  it('returns a done message', () => {
    expect(parseEnvelope(valid.done)).toEqual(valid.done);
  });

  it('returns a tool_call message with its arguments as received', () => {
    expect(parseEnvelope(valid.tool_call)).toEqual(valid.tool_call);
  });

  it('accepts a generate message without the optional maxTokens, and leaves it absent', () => {
    const input = { kind: 'generate', header: header(), body: without(valid.generate.body, 'maxTokens') };
    const envelope = parseEnvelope(input);
    expect(envelope).toEqual(input);
    expect('maxTokens' in envelope.body, 'an absent optional field should stay absent, not become undefined').toBe(false);
  });

  it('accepts an empty messages array, empty token text and sentAt 0', () => {
    const input = { kind: 'token', header: header({ sentAt: 0 }), body: { requestId: 'r', index: 0, text: '' } };
    expect(parseEnvelope(input)).toEqual(input);
    const generate = withBody('generate', { messages: [] });
    expect(parseEnvelope(generate)).toEqual(generate);
  });

  it('parses the result of JSON.parse, the usual input', () => {
    const envelope: Envelope = parseEnvelope(JSON.parse(JSON.stringify(valid.done)));
    expect(envelope.kind).toBe('done');
    if (envelope.kind === 'done') expect(envelope.body.finishReason).toBe('length');
  });
});

describe('rejects a bad kind or header with its path', () => {
  const cases: Array<[string, unknown, string]> = [
    ['the input is a string', 'hello', '(root): expected object, got string'],
    ['the input is null', null, '(root): expected object, got null'],
    ['the header is missing', { kind: 'token', body: valid.token.body }, 'header: expected object, got missing'],
    ['the header is an array', { kind: 'token', header: [], body: valid.token.body }, 'header: expected object, got array'],
    ['header.id is a number', { kind: 'token', header: header({ id: 42 }), body: valid.token.body }, 'header.id: expected string, got number'],
    ['header.id is empty', { kind: 'token', header: header({ id: '' }), body: valid.token.body }, 'header.id: expected non-empty string, got ""'],
    [
      'the kind is unknown',
      { kind: 'stream', header: header(), body: valid.token.body },
      'kind: expected one of "generate", "token", "done", "tool_call", got "stream"',
    ],
    [
      'the kind is missing',
      { header: header(), body: valid.token.body },
      'kind: expected one of "generate", "token", "done", "tool_call", got missing',
    ],
    [
      'the kind is sent inside the header',
      { header: { ...header(), kind: 'token' }, body: valid.token.body },
      'kind: expected one of "generate", "token", "done", "tool_call", got missing',
    ],
    ['header.version is 2', { kind: 'token', header: header({ version: 2 }), body: valid.token.body }, 'header.version: expected 1, got 2'],
    ['header.version is the string "1"', { kind: 'token', header: header({ version: '1' }), body: valid.token.body }, 'header.version: expected 1, got string'],
    ['header.sentAt is negative', { kind: 'token', header: header({ sentAt: -5 }), body: valid.token.body }, 'header.sentAt: expected integer >= 0, got -5'],
    ['header.sentAt is a fraction', { kind: 'token', header: header({ sentAt: 1.5 }), body: valid.token.body }, 'header.sentAt: expected integer >= 0, got 1.5'],
    ['header.sentAt is a date string', { kind: 'token', header: header({ sentAt: '2026-11-29' }), body: valid.token.body }, 'header.sentAt: expected integer >= 0, got string'],
  ];
  for (const [name, input, message] of cases) {
    it(`rejects an envelope where ${name}`, () => {
      expect(rejection(input).message).toBe(message);
    });
  }

  it('exposes the path, expected and actual parts on the error', () => {
    const error = rejection({ kind: 'token', header: header({ id: 42 }), body: valid.token.body });
    expect({ path: error.path, expected: error.expected, actual: error.actual }).toEqual({ path: 'header.id', expected: 'string', actual: 'number' });
  });

  it('checks the kind, then the header, then the body', () => {
    expect(rejection({ kind: 'nope', header: 'x', body: 'y' }).path).toBe('kind');
    expect(rejection({ kind: 'token', header: 'x', body: 'y' }).path).toBe('header');

    const error = rejection({ kind: 'token', header: header({ version: 3 }), body: 'not an object' });
    expect(error.path).toBe('header.version');
  });
});

describe('rejects a bad body with its path', () => {
  const cases: Array<[string, unknown, string]> = [
    ['the body is missing', { kind: 'done', header: header() }, 'body: expected object, got missing'],
    ['a tool call id is a number', withBody('tool_call', { id: 7 }), 'body.id: expected string, got number'],
    ['tool call arguments are an array', withBody('tool_call', { arguments: ['protobuf'] }), 'body.arguments: expected object, got array'],
    ['tool call arguments are a JSON string', withBody('tool_call', { arguments: '{"query":"x"}' }), 'body.arguments: expected object, got string'],
    ['a token index is negative', withBody('token', { index: -1 }), 'body.index: expected integer >= 0, got -1'],
    ['token text is missing', { kind: 'token', header: header(), body: without(valid.token.body, 'text') }, 'body.text: expected string, got missing'],
    [
      'the finish reason is unknown',
      withBody('done', { finishReason: 'timeout' }),
      'body.finishReason: expected one of "stop", "length", "cancelled", got "timeout"',
    ],
    ['maxTokens is 0', withBody('generate', { maxTokens: 0 }), 'body.maxTokens: expected integer >= 1, got 0'],
    ['maxTokens is null', withBody('generate', { maxTokens: null }), 'body.maxTokens: expected integer >= 1, got null'],
    ['messages is an object', withBody('generate', { messages: { 0: { role: 'user', content: 'hi' } } }), 'body.messages: expected array, got object'],
    ['the model is empty', withBody('generate', { model: '' }), 'body.model: expected non-empty string, got ""'],
    ['a token requestId is missing', { kind: 'token', header: header(), body: without(valid.token.body, 'requestId') }, 'body.requestId: expected string, got missing'],
    ['a done requestId is empty', withBody('done', { requestId: '' }), 'body.requestId: expected non-empty string, got ""'],
    ['a tool call name is missing', { kind: 'tool_call', header: header(), body: without(valid.tool_call.body, 'name') }, 'body.name: expected string, got missing'],
  ];
  for (const [name, input, message] of cases) {
    it(`rejects an envelope where ${name}`, () => {
      expect(rejection(input).message).toBe(message);
    });
  }

  it('names the array index of a bad chat message', () => {
    const messages = [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Hi' },
      { role: 'robot', content: 'beep' },
    ];
    const error = rejection(withBody('generate', { messages }));
    expect(error.path).toBe('body.messages[2].role');
    expect(error.message).toBe('body.messages[2].role: expected one of "system", "user", "assistant", got "robot"');
  });

  it('names the array index of a chat message that is not an object', () => {
    const error = rejection(withBody('generate', { messages: [{ role: 'user', content: 'Hi' }, null] }));
    expect(error.message).toBe('body.messages[1]: expected object, got null');
  });

  it('names a bad field inside an array item', () => {
    const error = rejection(withBody('generate', { messages: [{ role: 'user', content: 12 }] }));
    expect(error.message).toBe('body.messages[0].content: expected string, got number');
  });

  it('checks the body against the schema of its own kind', () => {
    // A perfectly good token body is not a valid done body.
    const error = rejection({ kind: 'done', header: header(), body: valid.token.body });
    expect(error.message).toBe('body.finishReason: expected one of "stop", "length", "cancelled", got missing');
  });
});

describe('names JSON types exactly', () => {
  const cases: Array<[unknown, string]> = [
    [true, 'boolean'],
    [3, 'number'],
    ['x', 'string'],
    [null, 'null'],
    [[1], 'array'],
    [{ a: 1 }, 'object'],
  ];
  for (const [value, name] of cases) {
    it(`says "got ${name}" for ${JSON.stringify(value)}`, () => {
      // A string is checked where a number belongs; everything else where a string belongs.
      const [field, expected] = typeof value === 'string' ? ['index', 'integer >= 0'] : ['text', 'string'];
      const error = rejection(withBody('token', { [field]: value }));
      expect(error.actual).toBe(name);
      expect(error.message).toBe(`body.${field}: expected ${expected}, got ${name}`);
    });
  }
});

describe('keeps only known fields', () => {
  it('ignores and drops unknown header and body fields', () => {
    const input = {
      kind: 'token',
      header: { ...header(), traceId: 'abc', priority: 'high' },
      body: { ...valid.token.body, logprob: -0.25 },
      signature: 'xyz',
    };
    expect(parseEnvelope(input)).toEqual(valid.token);
  });

  it('drops unknown fields inside chat messages', () => {
    const input = withBody('generate', { messages: [{ role: 'user', content: 'Hi', name: 'ada' }] });
    const envelope = parseEnvelope(input);
    expect(envelope.body).toEqual({ ...valid.generate.body, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('returns a new object rather than the input', () => {
    const input = JSON.parse(JSON.stringify(valid.done)) as unknown;
    const envelope = parseEnvelope(input);
    expect(envelope, 'build the result from the checked fields instead of returning the input').not.toBe(input);
    expect(envelope.header).not.toBe((input as { header: unknown }).header);
    expect(envelope.body).not.toBe((input as { body: unknown }).body);
  });
});
