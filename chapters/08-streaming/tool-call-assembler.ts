// stub-hash: 56b813ed4152e36d
// Exercise 08-streaming/tool-call-assembler: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 08-streaming/tool-call-assembler

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
  // TODO: implement assembleChatCompletion.
  throw new Error('TODO: implement assembleChatCompletion');
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
  // TODO: implement assembleAnthropicMessage.
  throw new Error('TODO: implement assembleAnthropicMessage');
}
