import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnthropicStreamEvent,
  assembleAnthropicMessage,
  assembleChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionToolCallDelta,
  StreamError,
  StreamTruncatedError,
  ToolArgumentsError,
} from '@workbook/08-streaming/tool-call-assembler';
import { cut } from '../support/bytes.ts';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';

// ---- OpenAI chunks, shaped like a recorded chat.completion.chunk stream ----

const base = { id: 'chatcmpl-B9x', object: 'chat.completion.chunk' as const, created: 1767225600, model: 'gpt-4o-mini' };
const role = (): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
const content = (text: string | null): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
const calls = (...toolCalls: ChatCompletionToolCallDelta[]): ChatCompletionChunk => ({
  ...base,
  choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }],
});
const firstFragment = (index: number, id: string, name: string, args = ''): ChatCompletionToolCallDelta => ({
  index,
  id,
  type: 'function',
  function: { name, arguments: args },
});
const moreArgs = (index: number, args: string): ChatCompletionToolCallDelta => ({ index, function: { arguments: args } });
const finishWith = (reason: 'stop' | 'length' | 'tool_calls' | 'content_filter'): ChatCompletionChunk => ({
  ...base,
  choices: [{ index: 0, delta: {}, finish_reason: reason }],
});
const usageChunk = (prompt: number, completion: number): ChatCompletionChunk => ({
  ...base,
  choices: [],
  usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
});

/** An OpenAI stream with one tool call whose arguments arrive in the given fragments. */
function openAiToolStream(fragments: string[], reason: 'tool_calls' | 'length' = 'tool_calls'): ChatCompletionChunk[] {
  return [role(), calls(firstFragment(0, 'call_1', 'search')), ...fragments.map((f) => calls(moreArgs(0, f))), finishWith(reason)];
}

// ---- Anthropic events, shaped like a recorded Messages stream ----

const messageStart = (input = 25, output = 1): AnthropicStreamEvent => ({
  type: 'message_start',
  message: { id: 'msg_01', model: 'claude-sonnet-4-5', usage: { input_tokens: input, output_tokens: output } },
});
const textStart = (index: number, text = ''): AnthropicStreamEvent => ({ type: 'content_block_start', index, content_block: { type: 'text', text } });
const textDelta = (index: number, text: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
const toolStart = (index: number, id: string, name: string): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name, input: {} },
});
const jsonDelta = (index: number, partial: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const messageDelta = (reason: string | null, output: number, input?: number): AnthropicStreamEvent => ({
  type: 'message_delta',
  delta: { stop_reason: reason, stop_sequence: null },
  usage: input === undefined ? { output_tokens: output } : { output_tokens: output, input_tokens: input },
});
const messageStop: AnthropicStreamEvent = { type: 'message_stop' };
const ping: AnthropicStreamEvent = { type: 'ping' };

function anthropicToolStream(fragments: string[], reason = 'tool_use'): AnthropicStreamEvent[] {
  return [messageStart(), toolStart(0, 'toolu_1', 'search'), ...fragments.map((f) => jsonDelta(0, f)), stop(0), messageDelta(reason, 40), messageStop];
}

/** Runs the function and returns what it threw (failing the test if it returned). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error to be thrown, but the call returned normally');
}

describe('assembles text', () => {
  it('joins the content deltas of an OpenAI stream', () => {
    const message = assembleChatCompletion([role(), content('Hel'), content('lo,'), content(null), content(' world'), finishWith('stop')]);
    expect(message).toEqual({ text: 'Hello, world', toolCalls: [], finishReason: 'stop' });
  });

  it('reads any iterable, such as a generator', () => {
    function* stream(): Generator<ChatCompletionChunk> {
      yield role();
      yield content('one');
      yield finishWith('stop');
    }
    expect(assembleChatCompletion(stream()).text).toBe('one');
  });

  it('joins the text deltas of an Anthropic stream, block by block in index order', () => {
    const message = assembleAnthropicMessage([
      messageStart(),
      textStart(0),
      textDelta(0, 'Let me '),
      textDelta(0, 'check.'),
      stop(0),
      toolStart(1, 'toolu_1', 'search'),
      jsonDelta(1, '{}'),
      stop(1),
      textStart(2),
      textDelta(2, ' Done.'),
      stop(2),
      messageDelta('end_turn', 12),
      messageStop,
    ]);
    expect(message.text).toBe('Let me check. Done.');
  });

  it('keeps the initial text of a text block', () => {
    expect(assembleAnthropicMessage([messageStart(), textStart(0, 'Hi'), textDelta(0, '!'), stop(0), messageDelta('end_turn', 2), messageStop]).text).toBe('Hi!');
  });

  it('joins Anthropic text blocks in index order, whichever started first', () => {
    const message = assembleAnthropicMessage([
      messageStart(),
      textStart(2),
      textDelta(2, 'third'),
      textStart(0),
      textDelta(0, 'first '),
      textStart(1),
      textDelta(1, 'second '),
      stop(2),
      stop(0),
      stop(1),
      messageDelta('end_turn', 5),
      messageStop,
    ]);
    expect(message.text, 'block 0, then 1, then 2: the index is the block’s place in the message').toBe('first second third');
  });
});

describe('tool calls keyed by index', () => {
  it('assembles one OpenAI tool call whose id and name arrive only in its first fragment', () => {
    const message = assembleChatCompletion(openAiToolStream(['{"q', 'uery": "SSE', ' spec"}']));
    expect(message).toEqual({ text: '', toolCalls: [{ id: 'call_1', name: 'search', arguments: { query: 'SSE spec' } }], finishReason: 'tool_calls' });
  });

  it('keeps interleaved parallel calls apart by index', () => {
    const message = assembleChatCompletion([
      role(),
      calls(firstFragment(0, 'call_a', 'get_weather'), firstFragment(1, 'call_b', 'get_time')),
      calls(moreArgs(1, '{"zone":')),
      calls(moreArgs(0, '{"city":')),
      calls(moreArgs(0, '"Paris"}'), moreArgs(1, '"UTC"}')),
      finishWith('tool_calls'),
    ]);
    expect(message.toolCalls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'call_b', name: 'get_time', arguments: { zone: 'UTC' } },
    ]);
  });

  it('orders calls by index, whichever started first', () => {
    const message = assembleChatCompletion([
      calls(firstFragment(1, 'call_second', 'b', '{}')),
      calls(firstFragment(0, 'call_first', 'a', '{}')),
      finishWith('tool_calls'),
    ]);
    expect(message.toolCalls.map((c) => c.id)).toEqual(['call_first', 'call_second']);
  });

  it('the same id twice is still two calls when the indexes differ', () => {
    const message = assembleChatCompletion([
      calls(firstFragment(0, 'call_x', 'a', '{"n":1}')),
      calls(firstFragment(1, 'call_x', 'a', '{"n":2}')),
      finishWith('tool_calls'),
    ]);
    expect(message.toolCalls.map((c) => c.arguments)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('the id, the name and the arguments may come in separate fragments, and a fragment may carry none of them', () => {
    const message = assembleChatCompletion([
      calls({ index: 0, id: 'call_1', type: 'function' }),
      calls({ index: 0, function: { name: 'search' } }),
      calls({ index: 0 }),
      calls(moreArgs(0, '{"q": 1}')),
      finishWith('tool_calls'),
    ]);
    expect(message.toolCalls).toEqual([{ id: 'call_1', name: 'search', arguments: { q: 1 } }]);
  });

  it('a call whose id or name never arrives has an empty one', () => {
    const message = assembleChatCompletion([calls(moreArgs(0, '{"q": 1}')), finishWith('tool_calls')]);
    expect(message.toolCalls).toEqual([{ id: '', name: '', arguments: { q: 1 } }]);
  });

  it('follows choice 0 only', () => {
    const message = assembleChatCompletion([
      { ...base, choices: [{ index: 1, delta: { content: 'other choice', tool_calls: [firstFragment(0, 'call_other', 'x', '{}')] }, finish_reason: null }] },
      content('first choice'),
      { ...base, choices: [{ index: 1, delta: {}, finish_reason: 'length' }] },
      finishWith('stop'),
    ]);
    expect(message).toEqual({ text: 'first choice', toolCalls: [], finishReason: 'stop' });
  });

  it('assembles Anthropic tool_use blocks by the index of each delta', () => {
    const message = assembleAnthropicMessage([
      messageStart(),
      textStart(0),
      textDelta(0, 'Two lookups.'),
      stop(0),
      toolStart(1, 'toolu_a', 'get_weather'),
      jsonDelta(1, '{"city": "Par'),
      jsonDelta(1, 'is"}'),
      stop(1),
      toolStart(2, 'toolu_b', 'get_time'),
      jsonDelta(2, '{"zone": "UTC"}'),
      stop(2),
      messageDelta('tool_use', 60),
      messageStop,
    ]);
    expect(message.toolCalls).toEqual([
      { id: 'toolu_a', name: 'get_weather', arguments: { city: 'Paris' } },
      { id: 'toolu_b', name: 'get_time', arguments: { zone: 'UTC' } },
    ]);
    expect(message.finishReason).toBe('tool_use');
  });

  it('a server tool block is not a tool call, and its input does not leak into one', () => {
    const message = assembleAnthropicMessage([
      messageStart(),
      toolStart(0, 'toolu_a', 'lookup'),
      jsonDelta(0, '{"id": 1}'),
      stop(0),
      { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      jsonDelta(1, '{"query": "weather"}'),
      stop(1),
      messageDelta('tool_use', 30),
      messageStop,
    ]);
    expect(message.toolCalls).toEqual([{ id: 'toolu_a', name: 'lookup', arguments: { id: 1 } }]);
  });
});

describe('arguments split anywhere', () => {
  it('fragments cut inside a key, an escape sequence and a surrogate pair join back exactly', () => {
    const args = JSON.stringify({ 'key "quoted"': 'line\nbreak \\ é 😀 \u2028', n: [1, 2.5, null, true] });
    const expected = JSON.parse(args) as unknown;
    const escape = args.indexOf('\\n');
    const emoji = args.indexOf('😀');
    const pieces = cut(args, [3, escape + 1, emoji + 1, args.length - 1]);
    expect(pieces.some((p) => p.endsWith('\\')), 'one fragment ends inside an escape sequence').toBe(true);
    expect(assembleChatCompletion(openAiToolStream(pieces)).toolCalls[0]!.arguments).toEqual(expected);
    expect(assembleAnthropicMessage(anthropicToolStream(pieces)).toolCalls[0]!.arguments).toEqual(expected);
  });

  it('any JSON object, cut into any fragments, assembles to the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.nat(), { maxLength: 15 }), (value, cuts) => {
        const args = JSON.stringify(value);
        const expected = JSON.parse(args) as unknown;
        const pieces = cut(args, cuts);
        expect(assembleChatCompletion(openAiToolStream(pieces)).toolCalls[0]!.arguments).toEqual(expected);
        expect(assembleAnthropicMessage(anthropicToolStream(pieces)).toolCalls[0]!.arguments).toEqual(expected);
      }),
    );
  });

  it('empty arguments mean {}', () => {
    expect(assembleChatCompletion([calls(firstFragment(0, 'call_1', 'now')), finishWith('tool_calls')]).toolCalls).toEqual([
      { id: 'call_1', name: 'now', arguments: {} },
    ]);
    expect(assembleAnthropicMessage(anthropicToolStream([])).toolCalls[0]!.arguments).toEqual({});
    expect(assembleAnthropicMessage(anthropicToolStream([''])).toolCalls[0]!.arguments).toEqual({});
  });

  it('empty fragments add nothing', () => {
    expect(assembleChatCompletion(openAiToolStream(['', '{"a":', '', '1}', ''])).toolCalls[0]!.arguments).toEqual({ a: 1 });
  });
});

describe('finish reason and usage', () => {
  it('reads the usage-only chunk that include_usage adds, with its empty choices', () => {
    const chunks: ChatCompletionChunk[] = [
      { ...role(), usage: null },
      { ...content('Hi'), usage: null },
      { ...finishWith('stop'), usage: null },
      usageChunk(9, 2),
    ];
    expect(assembleChatCompletion(chunks)).toEqual({ text: 'Hi', toolCalls: [], finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 2 } });
  });

  it('has no usage when the stream reported none', () => {
    const message = assembleChatCompletion([content('Hi'), finishWith('stop')]);
    expect('usage' in message, 'usage is left out, not set to undefined').toBe(false);
  });

  it('keeps the provider’s finish reason, and a text answer cut by the token limit is still returned', () => {
    expect(assembleChatCompletion([content('Once upon a'), finishWith('length')])).toEqual({ text: 'Once upon a', toolCalls: [], finishReason: 'length' });
    expect(assembleChatCompletion([content(''), finishWith('content_filter')]).finishReason).toBe('content_filter');
    const cut = assembleAnthropicMessage([messageStart(), textStart(0), textDelta(0, 'Once upon a'), stop(0), messageDelta('max_tokens', 3), messageStop]);
    expect(cut.finishReason).toBe('max_tokens');
    expect(cut.text).toBe('Once upon a');
  });

  it('an OpenAI chunk after the finish reason that carries none does not undo it', () => {
    // Azure OpenAI sends its content-filter results in a chunk after the finish reason.
    const annotation: ChatCompletionChunk = { ...base, choices: [{ index: 0, delta: {}, finish_reason: null }] };
    expect(assembleChatCompletion([content('Hi'), finishWith('stop'), annotation])).toEqual({ text: 'Hi', toolCalls: [], finishReason: 'stop' });
  });

  it('an Anthropic message_delta without a stop reason after one with it keeps the stop reason', () => {
    const message = assembleAnthropicMessage([messageStart(25, 1), textStart(0), textDelta(0, 'Hi'), stop(0), messageDelta('end_turn', 10), messageDelta(null, 12), messageStop]);
    expect(message.finishReason).toBe('end_turn');
    expect(message.usage).toEqual({ inputTokens: 25, outputTokens: 12 });
  });

  it('an Anthropic stream without message_start still assembles', () => {
    const message = assembleAnthropicMessage([textStart(0), textDelta(0, 'Hi'), stop(0), messageDelta('end_turn', 2), messageStop]);
    expect(message.text).toBe('Hi');
    expect(message.finishReason).toBe('end_turn');
  });

  it('Anthropic usage: input tokens from message_start, the latest cumulative output count from message_delta', () => {
    const message = assembleAnthropicMessage([
      messageStart(25, 1),
      textStart(0),
      textDelta(0, 'Hi'),
      stop(0),
      messageDelta(null, 3),
      messageDelta('end_turn', 10),
      messageStop,
    ]);
    expect(message.usage, 'message_delta counts are totals so far: 10, not 1 + 3 + 10').toEqual({ inputTokens: 25, outputTokens: 10 });
    expect(message.finishReason).toBe('end_turn');
  });

  it('an input count in message_delta replaces the one from message_start', () => {
    const message = assembleAnthropicMessage([messageStart(25, 1), textStart(0), stop(0), messageDelta('end_turn', 4, 31), messageStop]);
    expect(message.usage).toEqual({ inputTokens: 31, outputTokens: 4 });
  });
});

describe('truncated streams', () => {
  it('an OpenAI stream that ends before any finish reason is truncated, and keeps its text', () => {
    const error = thrown(() => assembleChatCompletion([role(), content('The answer is'), calls(firstFragment(0, 'call_1', 'calc', '{"x": 1}'))]));
    expect(error).toBeInstanceOf(StreamTruncatedError);
    const truncated = error as StreamTruncatedError;
    expect(truncated.reason).toBeNull();
    expect(truncated.partial.text).toBe('The answer is');
    expect(truncated.partial.toolCalls).toEqual([{ id: 'call_1', name: 'calc', arguments: { x: 1 } }]);
  });

  it('finish_reason "length" in the middle of a tool call’s JSON is truncation, with the text and the complete calls kept', () => {
    const error = thrown(() =>
      assembleChatCompletion([
        content('Calling two tools.'),
        calls(firstFragment(0, 'call_a', 'a', '{"done": true}')),
        calls(firstFragment(1, 'call_b', 'b', '{"text": "a long ar')),
        finishWith('length'),
      ]),
    );
    expect(error).toBeInstanceOf(StreamTruncatedError);
    const truncated = error as StreamTruncatedError;
    expect(truncated.reason).toBe('length');
    expect(truncated.partial.text).toBe('Calling two tools.');
    expect(truncated.partial.toolCalls).toEqual([{ id: 'call_a', name: 'a', arguments: { done: true } }]);
    expect(truncated.cause).toBeInstanceOf(SyntaxError);
  });

  it('stop_reason "max_tokens" in the middle of a tool_use input is truncation', () => {
    const error = thrown(() => assembleAnthropicMessage([messageStart(), textStart(0), textDelta(0, 'Writing the file.'), stop(0), ...anthropicToolStream(['{"content": "half'], 'max_tokens').slice(1)]));
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect((error as StreamTruncatedError).reason).toBe('max_tokens');
    expect((error as StreamTruncatedError).partial.text).toBe('Writing the file.');
  });

  it('an Anthropic stream that ends before its stop reason is truncated', () => {
    const error = thrown(() => assembleAnthropicMessage([messageStart(), textStart(0), textDelta(0, 'Half a sen'), ping]));
    expect(error).toBeInstanceOf(StreamTruncatedError);
    expect((error as StreamTruncatedError).reason).toBeNull();
    expect((error as StreamTruncatedError).partial).toEqual({ text: 'Half a sen', toolCalls: [], finishReason: null, usage: { inputTokens: 25, outputTokens: 1 } });
  });

  it('an empty stream is truncated', () => {
    expect(thrown(() => assembleChatCompletion([]))).toBeInstanceOf(StreamTruncatedError);
    expect(thrown(() => assembleAnthropicMessage([]))).toBeInstanceOf(StreamTruncatedError);
  });
});

describe('errors mid-stream', () => {
  it('an Anthropic error event stops the stream with a StreamError that keeps the text so far', () => {
    const read: string[] = [];
    function* stream(): Generator<AnthropicStreamEvent> {
      for (const event of [
        messageStart(),
        textStart(0),
        textDelta(0, 'Partial ans'),
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } as AnthropicStreamEvent,
        textDelta(0, 'wer'),
      ]) {
        read.push(event.type);
        yield event;
      }
    }
    const error = thrown(() => assembleAnthropicMessage(stream()));
    expect(error).toBeInstanceOf(StreamError);
    const streamError = error as StreamError;
    expect(streamError.errorType).toBe('overloaded_error');
    expect(streamError.message).toContain('Overloaded');
    expect(streamError.partial.text).toBe('Partial ans');
    expect(read, 'nothing after the error event is read').toEqual(['message_start', 'content_block_start', 'content_block_delta', 'error']);
  });

  it('an OpenAI chunk that carries an error object is a StreamError', () => {
    const error = thrown(() => assembleChatCompletion([content('So far'), { choices: [], error: { message: 'The server had an error', type: 'server_error' } }, finishWith('stop')]));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).errorType).toBe('server_error');
    expect((error as StreamError).partial.text).toBe('So far');
  });

  it('an OpenAI error object without a type is a StreamError of type "error"', () => {
    const error = thrown(() => assembleChatCompletion([content('So far'), { choices: [], error: { message: 'The server had an error' } }, finishWith('stop')]));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).errorType).toBe('error');
  });

  it('the partial message of a StreamError keeps the usage reported before the error', () => {
    const error = thrown(() =>
      assembleAnthropicMessage([messageStart(25, 1), textStart(0), textDelta(0, 'Partial'), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }]),
    );
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).partial).toEqual({ text: 'Partial', toolCalls: [], finishReason: null, usage: { inputTokens: 25, outputTokens: 1 } });
  });

  it('invalid JSON in a call of a finished message is a ToolArgumentsError with the raw text', () => {
    const error = thrown(() =>
      assembleChatCompletion([calls(firstFragment(0, 'call_a', 'a', '{"ok": 1}')), calls(firstFragment(1, 'call_b', 'b', "{'single': quotes}")), finishWith('tool_calls')]),
    );
    expect(error).toBeInstanceOf(ToolArgumentsError);
    const bad = error as ToolArgumentsError;
    expect(bad.toolCall).toEqual({ id: 'call_b', name: 'b', arguments: "{'single': quotes}" });
    expect(bad.partial.toolCalls).toEqual([{ id: 'call_a', name: 'a', arguments: { ok: 1 } }]);
    expect(bad.cause).toBeInstanceOf(SyntaxError);
    expect(thrown(() => assembleAnthropicMessage(anthropicToolStream(['{"a": 1,}'])))).toBeInstanceOf(ToolArgumentsError);
  });
});

describe('ignores pings and unknown events', () => {
  it('pings anywhere change nothing', () => {
    const message = assembleAnthropicMessage([ping, messageStart(), ping, textStart(0), ping, textDelta(0, 'ok'), ping, stop(0), messageDelta('end_turn', 2), ping, messageStop, ping]);
    expect(message).toEqual({ text: 'ok', toolCalls: [], finishReason: 'end_turn', usage: { inputTokens: 25, outputTokens: 2 } });
  });

  it('unknown event types, thinking blocks and other deltas are skipped', () => {
    const message = assembleAnthropicMessage([
      messageStart(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } },
      stop(0),
      { type: 'a_future_event', payload: 1 } as unknown as AnthropicStreamEvent,
      textStart(1),
      textDelta(1, 'Answer'),
      { type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: { cited_text: 'x' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'a_future_delta' } } as unknown as AnthropicStreamEvent,
      stop(1),
      messageDelta('end_turn', 9),
      messageStop,
    ]);
    expect(message).toEqual({ text: 'Answer', toolCalls: [], finishReason: 'end_turn', usage: { inputTokens: 25, outputTokens: 9 } });
  });
});

describe('parses arguments once', () => {
  it('the cost per fragment stays the same for 100 or 5,000 fragments of one call', () => {
    const small = 100;
    const large = 5_000;
    const measure = (assemble: (n: number) => () => unknown): void => {
      // One assembly per sample and the fastest of many samples: a long sample on a busy machine
      // is more likely to be interrupted than a short one.
      const growth = measureGrowth({ setup: (n) => assemble(n), operation: (run) => void run(), small, large, ops: 1, rounds: 15, reuseState: true, limit: (12 * large) / small });
      // Each operation assembles n fragments; divide by n to compare the cost of one fragment.
      const perFragment = { smallNsPerOp: growth.smallNsPerOp / small, largeNsPerOp: growth.largeNsPerOp / large, ratio: (growth.ratio * small) / large };
      expectGrowth(perFragment, {
        small,
        large,
        limit: 12,
        operation: 'assembling one fragment of tool-call arguments',
        what: 'fragments in the call',
        cause: 'the arguments are joined or parsed again on every fragment instead of once at the end',
      });
    };
    const fragments = (n: number): string[] => ['{"text": "', ...Array.from({ length: n }, (_, i) => `word${i % 10}, `), '"}'];
    measure((n) => {
      const chunks = openAiToolStream(fragments(n));
      return () => assembleChatCompletion(chunks);
    });
    measure((n) => {
      const events = anthropicToolStream(fragments(n));
      return () => assembleAnthropicMessage(events);
    });
  });
});
