import { defineChapter } from '../../core/chapter-meta.ts';

export default defineChapter({
  slug: '01-message-formats',
  title: 'Message formats',
  exercises: [
    {
      id: 'parse-envelope',
      title: 'Validate an envelope at the boundary',
      difficulty: 'easy',
      summary:
        'Turn untrusted JSON into a typed message (a kind, a header, and a body whose shape depends on the kind) or a clear error that names the exact path, such as "body.id: expected string, got number".',
      tasks: [
        { title: 'accepts every kind of valid envelope', points: 2 },
        { title: 'rejects a bad kind or header with its path', points: 2 },
        { title: 'rejects a bad body with its path', points: 2 },
        { title: 'names JSON types exactly', points: 1 },
        { title: 'keeps only known fields', points: 1 },
      ],
      hints: [
        'Write one small checker per JSON type (object, string, integer, one-of) that takes the value and its path and either returns the narrowed value or throws EnvelopeError. Build the envelope out of those calls.',
        'typeof null and typeof [] are both "object": test for null and Array.isArray before trusting typeof. An optional field is absent only when it is undefined; 0 and "" are present values that must still be checked.',
        'Check kind first, then the header, then switch on kind to pick the body checker. Build a new object from the checked fields instead of returning the input, so unknown fields are dropped; array items get paths like body.messages[2].role.',
      ],
    },
    {
      id: 'ndjson-decoder',
      title: 'Decode NDJSON from arbitrary chunks',
      difficulty: 'medium',
      summary:
        "MCP's stdio transport sends one JSON-RPC message per line. Decode such a stream however it is cut into chunks, surviving CRLF, empty lines, a runaway line and a line of invalid JSON.",
      tasks: [
        { title: 'decodes whole lines', points: 1 },
        { title: 'reassembles lines split across chunks', points: 2 },
        { title: 'reports a bad line and carries on', points: 2 },
        { title: 'bounds the line length in bytes', points: 2 },
        { title: 'any chunking gives the same events', points: 2 },
        { title: 'constant work per chunk', points: 1 },
      ],
      hints: [
        'Keep the bytes of the unfinished line between calls to push. Everything up to a newline completes a line; whatever follows the last newline waits for the next chunk (or for end()).',
        'Work in bytes, not strings: encode string chunks to UTF-8 and decode a line only once it is complete, so a character split across two chunks is never decoded in halves. Strip one trailing \\r before parsing, skip the line if nothing is left, and wrap JSON.parse in try/catch so a bad line becomes an event instead of an exception.',
        'For the limit, stop storing bytes once the line is longer than maxLineBytes (plus one byte for a possible \\r), remember that it overflowed, and report it when its newline arrives. Keep the pieces of the line in an array and join them once at the end: re-scanning or re-copying the whole buffer on every push costs O(n²) for a long line sent in small chunks.',
      ],
    },
    {
      id: 'content-length-framing',
      title: 'Content-Length framing, as LSP does it',
      difficulty: 'medium',
      summary:
        'Encode and decode frames of the form "Content-Length: N\\r\\n\\r\\n" plus a body, where N counts UTF-8 bytes. Decode them from chunks cut anywhere, even inside a multi-byte character.',
      tasks: [
        { title: 'encodes the length in bytes', points: 2 },
        { title: 'decodes frames from any chunking', points: 3 },
        { title: 'validates the header', points: 2 },
        { title: 'fails safely', points: 2 },
        { title: 'constant work per chunk', points: 1 },
      ],
      hints: [
        'Buffer bytes, not text. A frame is two steps: find the end of the header (the bytes \\r\\n\\r\\n), read Content-Length from it, then wait until that many body bytes have arrived. Loop: one chunk can finish several frames.',
        'The header can itself be split across chunks, even between \\r and \\n, so search the buffered bytes, not just the newest chunk. Accept the value only if it is all digits (/^[0-9]+$/): parseInt("42abc") is 42 and Number("") is 0.',
        "Decode a body only once all its bytes are in, with new TextDecoder('utf-8', { fatal: true }) so broken UTF-8 is an error rather than a silent U+FFFD. After an error, remember it and throw it again on every call: the stream cannot be resynchronised.",
      ],
    },
    {
      id: 'varint-codec',
      title: 'Varints and tagged fields: the Protobuf wire format',
      difficulty: 'hard',
      summary:
        'Write base-128 varints and a codec for a three-field Protobuf message that matches the bytes protoc-generated code produces, including skipping fields from a newer schema.',
      tasks: [
        { title: 'encodes and decodes varints', points: 2 },
        { title: 'handles numbers above 32 bits', points: 2 },
        { title: 'encodes a message byte for byte', points: 2 },
        { title: 'decodes a message', points: 2 },
        { title: 'skips unknown fields', points: 2 },
        { title: 'rejects malformed bytes', points: 1 },
      ],
      hints: [
        'A varint stores 7 bits per byte, lowest group first, and sets the high bit (0x80) on every byte except the last. 150 is 1 0010110 in binary: the low seven bits 0010110 go first with 0x80 added (0x96), then the remaining 1 (0x01).',
        'JavaScript bitwise operators (<<, >>>, |, &) convert to 32-bit integers. For values up to 2^53 - 1 use value % 128 and Math.floor(value / 128) when encoding, and multiply by 128^k when decoding.',
        'Every field starts with a tag varint: field number times 8 plus the wire type. Decode the tag as a full varint (field numbers above 15 need two bytes), then switch on the field number; for a field you do not know, the wire type alone says how far to skip (0: up to the end of a varint, without computing its value; 1: 8 bytes; 2: a length varint and that many bytes; 5: 4 bytes).',
      ],
    },
  ],
});
