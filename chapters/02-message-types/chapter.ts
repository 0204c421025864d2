import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '02-message-types',
  title: 'Message types: requests, responses, notifications',
  exercises: [
    {
      id: 'json-rpc-server',
      title: 'A JSON-RPC 2.0 server that follows the whole specification',
      difficulty: 'medium',
      summary:
        'Turn the text of an incoming message into the text to send back, or nothing: requests, notifications, the five predefined errors and batches, exactly as JSON-RPC 2.0 defines them. MCP and LSP speak this protocol.',
      tasks: [
        { title: 'answers requests with their result', points: 2 },
        { title: 'never answers a notification', points: 2 },
        { title: 'parse errors', points: 1 },
        { title: 'invalid requests', points: 2 },
        { title: 'method not found', points: 1 },
        { title: 'errors thrown by handlers', points: 3 },
        { title: 'batches', points: 3 },
        { title: 'every example of section 7 of the specification', points: 3 },
      ],
      hints: [
        'Sort the cases before writing code. First, does the text parse? (No: -32700 with id null.) Is it an array? (Empty: one -32600 object; otherwise handle each member.) Then, for one member: is it a valid request object? Is it a notification, meaning it has no "id" member at all? Is the method registered? Did the handler return or throw?',
        'A notification is recognised by the absence of the "id" member, so test with Object.hasOwn(message, "id"), not with a truthy check: id 0, id "" and id null are requests and must be answered. Look handlers up in a Map so that "toString" is not found on Object.prototype. A handler returning undefined must still answer "result": null, because JSON.stringify drops undefined members.',
        'Only a JsonRpcError (check with instanceof, not by looking for a "code" property: Node errors have one too) may choose the code and message the client sees. Anything else becomes {"code": -32603, "message": "Internal error"} with no data, and goes to onInternalError. For a batch, collect the members\' answers, drop the undefined ones, and return undefined instead of "[]" when none is left.',
      ],
    },
    {
      id: 'messages',
      title: 'Typed messages: builders and a classifier',
      difficulty: 'easy',
      summary:
        'Model requests, notifications and the two kinds of response as a discriminated union so that a response without an id does not compile, then classify untyped JSON from the wire into those kinds, with MCP\'s stricter rules as an option.',
      tasks: [
        { title: 'builds each kind of message', points: 2 },
        { title: 'classifies valid messages', points: 2 },
        { title: 'rejects what is not a message, saying why', points: 3 },
        { title: 'applies MCP\'s stricter rules when asked', points: 1 },
        { title: 'the types reject incomplete messages, and so does classify', points: 2 },
      ],
      hints: [
        'Decide the kind from which members are present, with Object.hasOwn: a "method" makes it a request (with an "id" member) or a notification (without one); no method means a response, which needs an "id" and exactly one of "result" or "error". Check "jsonrpc" === "2.0" first.',
        'Presence is not truthiness: { "result": null }, { "result": 0 } and { "id": 0 } are all valid. For the invalid kind, report the id only when it is a string, a finite number or null, and keep every reason in the one shape "Expected `member` to be …, got …".',
        'In the builders, leave "params" and "data" out of the object when they are undefined, turn an undefined result into null, and reject a NaN or Infinity id: JSON.stringify would send it as null, another id.',
      ],
    },
  ],
});
