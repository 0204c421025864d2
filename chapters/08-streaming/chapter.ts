import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '08-streaming',
  title: 'Token streaming',
  exercises: [
    {
      id: 'sse-parser',
      title: 'A Server-Sent Events parser, exactly as the standard says',
      difficulty: 'medium',
      summary:
        'Every token of an OpenAI or Anthropic stream arrives as an SSE event in chunks cut anywhere. Parse text/event-stream bytes exactly as the WHATWG algorithm does, in linear time, with a bound on line length.',
      tasks: [
        { title: 'fields and events', points: 2 },
        { title: 'line breaks, however the bytes are cut', points: 2 },
        { title: 'UTF-8 and the byte order mark', points: 2 },
        { title: 'last event ID and retry', points: 2 },
        { title: 'end of the stream', points: 1 },
        { title: 'matches the WHATWG algorithm on random streams', points: 3 },
        { title: 'bounded line length', points: 2 },
        { title: 'linear time on a huge line in tiny chunks', points: 3 },
      ],
      hints: [
        'Work line by line, not event by event: a blank line dispatches, anything else is a comment (it starts with ":") or a field. Keep four buffers between lines: data, event type, the last event ID, and the part of a line that the previous chunk left unfinished.',
        {
          task: 'fields and events',
          text: 'The field name is everything before the first colon and the value everything after it, less ONE leading space (not trim()). A line with no colon is a field with an empty value. Join data lines with "\\n"; an event whose data buffer is empty is not dispatched, and its type is forgotten too.',
        },
        {
          task: 'line breaks, however the bytes are cut',
          text: 'A line ends at CRLF, LF or a lone CR. A CR is a line end as soon as you see it; if it was the last character of a chunk, remember that, and skip an LF that starts the next chunk: the two halves of a cut CRLF are one line break.',
        },
        {
          task: 'UTF-8 and the byte order mark',
          text: 'Decoding each chunk on its own breaks a character whose bytes straddle two chunks. Use one TextDecoder with { stream: true } for the whole stream (or keep the cut bytes yourself), and give it ignoreBOM: true, then remove a U+FEFF only when it is the very first character of the stream.',
        },
        {
          task: 'last event ID and retry',
          text: 'The id field sets a last-event-ID buffer that survives from event to event; on every blank line, even one with no data to dispatch, copy it into lastEventId. An id holding "\\0" is ignored. retry counts only when the value matches /^[0-9]+$/: parseInt("3000ms") is 3000, but the standard ignores that line.',
        },
        {
          task: 'end of the stream',
          text: 'end() dispatches nothing: a stream that stops before the blank line has not finished its event. Clear the line, data and type buffers (and the decoder) so the parser can read the next connection, but keep lastEventId and retry: those are what the reconnect needs.',
        },
        {
          task: 'bounded line length',
          text: 'Count the bytes of the unfinished line as it grows, chunk by chunk, not only when its end finally arrives: a server that never ends its line would otherwise fill your memory. Buffer.byteLength(text) gives the UTF-8 length of a string; once the limit is passed, remember the error and throw it again until end().',
        },
        {
          task: 'linear time on a huge line in tiny chunks',
          text: 'Search each new chunk for line breaks, never the buffered line again: gluing the chunk onto the pending text and searching from the start costs O(n) per chunk, O(n²) per line. Keep the unfinished line aside (a string you append to, or an array of pieces) and look for the next line break only in the new chunk.',
        },
      ],
    },
    {
      id: 'tool-call-assembler',
      title: 'Streamed tool calls, put back together',
      difficulty: 'medium',
      summary:
        'A streamed tool call arrives as JSON cut into fragments, several calls interleaved. Rebuild whole messages from OpenAI chunks and Anthropic events, and tell a truncated or failed stream from a finished one.',
      tasks: [
        { title: 'assembles text', points: 1 },
        { title: 'tool calls keyed by index', points: 3 },
        { title: 'arguments split anywhere', points: 2 },
        { title: 'finish reason and usage', points: 2 },
        { title: 'truncated streams', points: 2 },
        { title: 'errors mid-stream', points: 2 },
        { title: 'ignores pings and unknown events', points: 1 },
        { title: 'parses arguments once', points: 2 },
      ],
      hints: [
        'Keep one record per tool call in a Map keyed by index (OpenAI: tool_calls[].index; Anthropic: the event index), holding its id, its name and the argument fragments as they came. Parse nothing until the stream has ended.',
        {
          task: 'tool calls keyed by index',
          text: 'Only the first fragment of an OpenAI call carries id and function.name; the later ones carry index and function.arguments alone. Look the call up by index, set id and name when a fragment has them, and sort by index at the end. For Anthropic, only content_block_start with type "tool_use" opens a call; a server_tool_use block is not one.',
        },
        {
          task: 'arguments split anywhere',
          text: 'A fragment may end inside an escape sequence or between the two halves of an emoji, so no fragment is valid JSON on its own. Join the fragments with join("") and call JSON.parse once; an empty string means the tool takes no arguments: {}.',
        },
        {
          task: 'finish reason and usage',
          text: 'With include_usage, OpenAI sends one last chunk with choices: [] and the usage; every chunk before it has usage: null. Anthropic’s message_delta usage is a running total: replace the output count, do not add to it. Leave usage out of the result when none arrived.',
        },
        {
          task: 'truncated streams',
          text: 'A message is finished when its finish reason arrives (finish_reason, stop_reason). A stream that ends before it was cut off: throw StreamTruncatedError(null, partial). If the reason is "length" or "max_tokens" and a call’s JSON does not parse, that is truncation too, not malformed JSON.',
        },
        {
          task: 'errors mid-stream',
          text: 'Anthropic can send an event of type "error" (overloaded_error) after the stream began, and an OpenAI chunk can carry an error object. Throw StreamError at once, with the text so far. Invalid JSON in a message that finished normally is a ToolArgumentsError carrying the raw text.',
        },
        {
          task: 'parses arguments once',
          text: 'JSON.parse on the joined text after every fragment (to show a preview) costs time in proportion to everything received so far, so a call of n fragments costs O(n²). Push fragments into an array and join and parse them once, at the end.',
        },
      ],
    },
    {
      id: 'stream-gateway',
      title: 'A streaming gateway over real HTTP',
      difficulty: 'hard',
      summary:
        'Relay a model’s tokens to browsers as SSE on node:http: respect backpressure from slow clients, keep idle connections alive, stop the generation when nobody listens, and let a dropped client resume with Last-Event-ID.',
      tasks: [
        { title: 'streams tokens as valid SSE', points: 3 },
        { title: 'honours backpressure', points: 3 },
        { title: 'heartbeat when idle', points: 2 },
        { title: 'cancels the upstream when the client leaves', points: 3 },
        { title: 'resumes from the replay buffer', points: 3 },
        { title: 'validates its options', points: 1 },
      ],
      hints: [
        'Separate the generation from the connections: one object per stream holds an AbortController, a log of its latest events (a ring of `replay` entries) and the set of responses reading it; each response is a cursor into that log (the number of the next event it needs).',
        {
          task: 'streams tokens as valid SSE',
          text: 'Send the headers at once (res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" }) and res.flushHeaders()), then one frame per token: "id: <stream>-<n>\\ndata: <JSON>\\n\\n". JSON.stringify never emits a line break, so a token containing "\\n" cannot split its frame.',
        },
        {
          task: 'honours backpressure',
          text: 'res.write() returns false once the socket has more queued than its highWaterMark. Stop there: do not ask the upstream for another token until the response emits "drain" (or "close"). Reading the next token only after every client has taken the last one carries the pressure back to the model.',
        },
        {
          task: 'heartbeat when idle',
          text: 'Keep one timer per response and restart it after every write; when it fires, write a comment line such as ": heartbeat\\n" and restart it. Comments carry no event, so no parser delivers them, but they keep proxies and idle timeouts from closing the connection.',
        },
        {
          task: 'cancels the upstream when the client leaves',
          text: 'Listen for "close" on the response (it also fires after a normal end, so check whether the stream finished). When the last reader of a running stream leaves, abort its controller, and check signal.aborted after every token: breaking out of the for await calls the upstream’s return(), which stops even an upstream that ignores the signal.',
        },
        {
          task: 'resumes from the replay buffer',
          text: 'Read the Last-Event-ID request header, split it into stream and number, and attach a new cursor at number + 1. If that event has already left the ring, send "event: error" with a message naming the lost events and end the response: resuming from the oldest kept event instead would silently drop text. If the stream ended and nothing is left, answer 204.',
        },
      ],
    },
    {
      id: 'stream-chat',
      title: 'Reading a provider’s stream with fetch',
      difficulty: 'medium',
      summary:
        'The client side: POST a chat request, refuse what is not an event stream (a 429 above all), read the body with your own parser, stop at the terminator, and tell a cut or cancelled stream from a finished one.',
      tasks: [
        { title: 'sends the request', points: 1 },
        { title: 'reads an OpenAI stream', points: 3 },
        { title: 'reads an Anthropic stream', points: 2 },
        { title: 'rejects what is not a stream', points: 2 },
        { title: 'a stream cut mid-event', points: 2 },
        { title: 'errors in the stream', points: 1 },
        { title: 'cancellation', points: 2 },
      ],
      hints: [
        'An async generator fits: fetch, check the response, then loop over response.body.getReader().read(), feed each chunk of bytes to your SseParser and yield the text of each event. Wrap the loop in try/finally so that every way out of it (the terminator, an error, the consumer’s break) runs the same clean-up.',
        {
          task: 'reads an OpenAI stream',
          text: 'Give the parser the raw bytes (it keeps a character cut between reads); do not decode each chunk yourself. Each data is JSON except the last, "[DONE]": return there, without waiting for the server to close the connection. The text is in choices[0].delta.content; the first chunk (role) and the usage chunk (choices: []) have none.',
        },
        {
          task: 'reads an Anthropic stream',
          text: 'The text is in content_block_delta events whose delta.type is "text_delta". message_stop is the terminator; ping, message_start, content_block_start/stop, message_delta and input_json_delta carry no text.',
        },
        {
          task: 'rejects what is not a stream',
          text: 'Check response.ok before anything else: a 429 or 529 comes with a JSON body (read it with response.text()) and maybe Retry-After, in seconds or as an HTTP date (Date.parse). Then check that Content-Type starts with text/event-stream; a JSON 200 means streaming was not switched on.',
        },
        {
          task: 'a stream cut mid-event',
          text: 'If read() reports done before the terminator arrived, the answer is cut off: throw IncompleteStreamError. If read() itself throws (the connection broke), wrap that error in an IncompleteStreamError too, with { cause }.',
        },
        {
          task: 'cancellation',
          text: 'Pass the signal to fetch: an abort then rejects read(). Rethrow it as it is when signal.aborted is true, so the caller sees its own cancellation. In finally, call reader.cancel(): it closes the connection, which is how the server learns that nobody is listening.',
        },
      ],
    },
  ],
});
