/**
 * One chunk of an OpenAI Chat Completions stream (`"stream": true`), the JSON in each `data:`
 * event before `data: [DONE]`. Only the fields the assembler reads are typed: a subset of the
 * `chat.completion.chunk` object in the OpenAI API reference.
 *
 * @example
 * const chunk: ChatCompletionChunk = {
 *   id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1767225600, model: 'gpt-4o-mini',
 *   choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
 * };
 */
export interface ChatCompletionChunk {
  id?: string;
  object?: 'chat.completion.chunk';
  created?: number;
  model?: string;
  /** One entry per choice that this chunk advances; empty in the final usage-only chunk. */
  choices: ChatCompletionChunkChoice[];
  /**
   * With `stream_options: { include_usage: true }`: `null` on every chunk except one last chunk,
   * whose `choices` is empty, with the token counts of the whole request.
   */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens?: number } | null;
  /**
   * Not part of the chunk's schema, but a stream can carry an error object instead of a chunk;
   * the official SDK (openai-node) raises an API error when a chunk has one.
   */
  error?: { message: string; type?: string; code?: string | null };
}

/** One choice's part of a chunk. */
export interface ChatCompletionChunkChoice {
  index: number;
  delta: {
    role?: 'assistant' | 'developer' | 'system' | 'user' | 'tool';
    content?: string | null;
    refusal?: string | null;
    tool_calls?: ChatCompletionToolCallDelta[];
  };
  /** `null` until the choice's last chunk. */
  finish_reason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call' | null;
}

/**
 * One fragment of a streamed tool call. `index` says which call it belongs to; `id`, `type` and
 * `function.name` arrive only in the first fragment of each call, then only `function.arguments`
 * pieces, which concatenate to a JSON text.
 */
export interface ChatCompletionToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/** A content block as `content_block_start` announces it (text, a client tool call, and others). */
export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'server_tool_use'; id: string; name: string; input: Record<string, unknown> };

/** What a `content_block_delta` adds to its block. */
export type AnthropicContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: unknown };

/**
 * One event of an Anthropic Messages stream (`"stream": true`): the JSON in each `data:` line,
 * whose `type` repeats the SSE `event:` name. A subset of the documented events and fields: the
 * message, its content blocks, stop reason and usage, `ping`, and the mid-stream `error` event.
 *
 * @example
 * const event: AnthropicStreamEvent = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } };
 */
export type AnthropicStreamEvent =
  | { type: 'message_start'; message: { id: string; model: string; usage: { input_tokens: number; output_tokens: number } } }
  | { type: 'content_block_start'; index: number; content_block: AnthropicContentBlock }
  | { type: 'content_block_delta'; index: number; delta: AnthropicContentDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: string | null; stop_sequence?: string | null };
      /** Cumulative counts for the whole message so far, not increments. */
      usage: { output_tokens: number; input_tokens?: number | null };
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | { type: 'error'; error: { type: string; message: string } };

/** A tool call the model made, with its arguments parsed from JSON. */
export interface AssembledToolCall {
  /** The call's id, as the provider sent it (`''` when the stream sent none). */
  id: string;
  /** The name of the function to call (`''` when the stream sent none). */
  name: string;
  /** The parsed arguments: `{}` when the model sent none. */
  arguments: unknown;
}

/** Token counts of the request, when the stream reported them. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A streamed message put back together. */
export interface AssembledMessage {
  /** All text deltas, in order. */
  text: string;
  /** Tool calls in the order of their index. */
  toolCalls: AssembledToolCall[];
  /** The provider's own value: OpenAI's `finish_reason`, Anthropic's `stop_reason`. */
  finishReason: string | null;
  /** Present only when the stream reported token counts. */
  usage?: TokenUsage;
}

/**
 * The stream stopped before the message was complete: it ended before any finish reason arrived
 * (OpenAI's `finish_reason`, Anthropic's `stop_reason`), or the token limit cut a tool call's
 * arguments in the middle of their JSON (`finish_reason: "length"`, `stop_reason:
 * "max_tokens"`). `partial` keeps what did arrive: the text, and the tool calls that parsed.
 *
 * @provided
 */
export class StreamTruncatedError extends Error {
  /** The finish reason that came, or `null` when the stream ended without one. */
  readonly reason: string | null;
  readonly partial: AssembledMessage;

  constructor(reason: string | null, partial: AssembledMessage, options?: ErrorOptions) {
    super(
      reason === null
        ? 'The stream ended before the message was complete (no finish reason arrived)'
        : `The token limit (${reason}) cut the message off in the middle of a tool call's arguments`,
      options,
    );
    this.name = 'StreamTruncatedError';
    this.reason = reason;
    this.partial = partial;
  }
}

/**
 * The provider reported an error in the middle of the stream (Anthropic's `error` event, such as
 * `overloaded_error`; an OpenAI chunk that carries an `error` object). `partial` keeps what had
 * arrived before it.
 *
 * @provided
 */
export class StreamError extends Error {
  /** The provider's error type, such as `overloaded_error`. */
  readonly errorType: string;
  readonly partial: AssembledMessage;

  constructor(errorType: string, message: string, partial: AssembledMessage) {
    super(`The provider sent an error in the middle of the stream (${errorType}): ${message}`);
    this.name = 'StreamError';
    this.errorType = errorType;
    this.partial = partial;
  }
}

/**
 * The message ended normally, but a tool call's arguments are not valid JSON (models do produce
 * invalid JSON now and then). `toolCall` holds the raw text; `partial` the rest of the message.
 *
 * @provided
 */
export class ToolArgumentsError extends Error {
  readonly toolCall: { id: string; name: string; arguments: string };
  readonly partial: AssembledMessage;

  constructor(toolCall: { id: string; name: string; arguments: string }, partial: AssembledMessage, options?: ErrorOptions) {
    super(`The arguments of tool call ${toolCall.id} (${toolCall.name}) are not valid JSON`, options);
    this.name = 'ToolArgumentsError';
    this.toolCall = toolCall;
    this.partial = partial;
  }
}

// A tool call being assembled: its argument fragments are kept as they came and joined once.
interface PendingToolCall {
  id: string;
  name: string;
  fragments: string[];
}

/**
 * Puts an OpenAI Chat Completions stream back together: the text of choice 0 (other choices, for
 * `n` > 1, are ignored), its tool calls, its finish reason, and the usage of the final usage-only
 * chunk when `stream_options.include_usage` was set.
 *
 * Tool call fragments belong to the call with the same `index` (the id arrives only in the first
 * fragment), and several calls may interleave. The argument fragments may be cut anywhere: in a
 * key, inside an escape sequence, between the two halves of a surrogate pair. Each call's
 * arguments are parsed once, when the stream has ended; empty arguments mean `{}`. O(total size).
 *
 * @throws StreamTruncatedError when no finish reason arrived, or when `finish_reason: "length"`
 *   cut a tool call's arguments.
 * @throws StreamError when a chunk carries an `error` object; its `type` becomes the `errorType`
 *   (`"error"` when it has none).
 * @throws ToolArgumentsError when a tool call's arguments are not valid JSON otherwise.
 * @example
 * assembleChatCompletion([
 *   { choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish_reason: null }] },
 *   { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, finish_reason: null }] },
 *   { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, finish_reason: null }] },
 *   { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
 * ]);
 * // { text: '', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool_calls' }
 */
export function assembleChatCompletion(chunks: Iterable<ChatCompletionChunk>): AssembledMessage {
  let text = '';
  const calls = new Map<number, PendingToolCall>();
  let finishReason: string | null = null;
  let usage: TokenUsage | undefined;
  for (const chunk of chunks) {
    if (chunk.error) {
      throw new StreamError(chunk.error.type ?? 'error', chunk.error.message, partialMessage(text, calls, finishReason, usage));
    }
    if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      if (choice.delta.content) text += choice.delta.content;
      for (const fragment of choice.delta.tool_calls ?? []) {
        let call = calls.get(fragment.index);
        if (!call) {
          call = { id: '', name: '', fragments: [] };
          calls.set(fragment.index, call);
        }
        if (fragment.id) call.id = fragment.id;
        if (fragment.function?.name) call.name = fragment.function.name;
        if (fragment.function?.arguments) call.fragments.push(fragment.function.arguments);
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  }
  return finish(text, calls, finishReason, usage, finishReason === 'length');
}

/**
 * Puts an Anthropic Messages stream back together: the text of its text blocks in index order,
 * the `tool_use` blocks as tool calls, the `stop_reason`, and the usage (input tokens from
 * `message_start`, output tokens from the last `message_delta`, whose counts are cumulative).
 *
 * `input_json_delta` fragments belong to the block with the same `index` and may be cut
 * anywhere; each tool call's input is parsed once, when the stream has ended, and empty input
 * means `{}`. `ping`, unknown event types, and blocks other than text and `tool_use` (thinking,
 * server tools) are ignored. O(total size).
 *
 * @throws StreamTruncatedError when no stop reason arrived, or when `stop_reason:
 *   "max_tokens"` cut a tool call's input.
 * @throws StreamError at an `error` event (such as `overloaded_error`).
 * @throws ToolArgumentsError when a tool call's input is not valid JSON otherwise.
 * @example
 * assembleAnthropicMessage([
 *   { type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-5', usage: { input_tokens: 12, output_tokens: 1 } } },
 *   { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
 *   { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
 *   { type: 'content_block_stop', index: 0 },
 *   { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 6 } },
 *   { type: 'message_stop' },
 * ]);
 * // { text: 'Hello', toolCalls: [], finishReason: 'end_turn', usage: { inputTokens: 12, outputTokens: 6 } }
 */
export function assembleAnthropicMessage(events: Iterable<AnthropicStreamEvent>): AssembledMessage {
  const texts = new Map<number, string>();
  const calls = new Map<number, PendingToolCall>();
  let finishReason: string | null = null;
  let usage: TokenUsage | undefined;
  const text = (): string => [...texts].sort(([a], [b]) => a - b).map(([, t]) => t).join('');
  for (const event of events) {
    switch (event.type) {
      case 'message_start':
        usage = { inputTokens: event.message.usage.input_tokens, outputTokens: event.message.usage.output_tokens };
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') texts.set(event.index, block.text);
        else if (block.type === 'tool_use') calls.set(event.index, { id: block.id, name: block.name, fragments: [] });
        break;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        // The index says which block the delta extends; a block we do not track (thinking, a
        // server tool) keeps its deltas to itself.
        if (delta.type === 'text_delta' && texts.has(event.index)) texts.set(event.index, texts.get(event.index)! + delta.text);
        else if (delta.type === 'input_json_delta') calls.get(event.index)?.fragments.push(delta.partial_json);
        break;
      }
      case 'message_delta':
        if (event.delta.stop_reason) finishReason = event.delta.stop_reason;
        if (usage) {
          // Cumulative counts: the latest replaces the earlier ones.
          usage.outputTokens = event.usage.output_tokens;
          if (event.usage.input_tokens != null) usage.inputTokens = event.usage.input_tokens;
        }
        break;
      case 'error':
        throw new StreamError(event.error.type, event.error.message, partialMessage(text(), calls, finishReason, usage));
      default:
      // message_stop adds nothing once the stop reason is in. ping, and event types added after
      // this was written: the documentation asks clients to ignore the ones they do not know.
    }
  }
  return finish(text(), calls, finishReason, usage, finishReason === 'max_tokens');
}

// Parses each call's arguments, once, at the end, and decides whether the message is complete.
function finish(
  text: string,
  calls: Map<number, PendingToolCall>,
  finishReason: string | null,
  usage: TokenUsage | undefined,
  cutByLimit: boolean,
): AssembledMessage {
  const { toolCalls, malformed } = parseToolCalls(calls);
  const message: AssembledMessage = { text, toolCalls, finishReason, ...(usage ? { usage } : {}) };
  // The finish reason is the message's last word; a stream that ends before it was cut off.
  if (finishReason === null) throw new StreamTruncatedError(null, message);
  if (malformed) {
    // JSON cut by the token limit is truncated, not malformed: asking again with a higher limit
    // fixes it, re-prompting the model does not.
    if (cutByLimit) throw new StreamTruncatedError(finishReason, message, { cause: malformed.cause });
    throw new ToolArgumentsError(malformed.call, message, { cause: malformed.cause });
  }
  return message;
}

// What an error keeps: the text so far and the tool calls whose arguments already parse.
function partialMessage(text: string, calls: Map<number, PendingToolCall>, finishReason: string | null, usage: TokenUsage | undefined): AssembledMessage {
  return { text, toolCalls: parseToolCalls(calls).toolCalls, finishReason, ...(usage ? { usage } : {}) };
}

// The calls in index order, each with its fragments joined and parsed; the first that does not
// parse is reported as malformed and left out.
function parseToolCalls(calls: Map<number, PendingToolCall>): {
  toolCalls: AssembledToolCall[];
  malformed: { call: { id: string; name: string; arguments: string }; cause: unknown } | undefined;
} {
  const toolCalls: AssembledToolCall[] = [];
  let malformed: { call: { id: string; name: string; arguments: string }; cause: unknown } | undefined;
  for (const [, call] of [...calls].sort(([a], [b]) => a - b)) {
    const raw = call.fragments.join('');
    try {
      toolCalls.push({ id: call.id, name: call.name, arguments: raw === '' ? {} : JSON.parse(raw) });
    } catch (cause) {
      malformed ??= { call: { id: call.id, name: call.name, arguments: raw }, cause };
    }
  }
  return { toolCalls, malformed };
}
