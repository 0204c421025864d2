/**
 * The WHATWG "interpret an event stream" algorithm, transcribed as literally as possible and run
 * on a whole stream at once: the model the graded parser is compared with. It is slow and simple
 * on purpose: decode everything, split into lines, follow the steps.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface ModelEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface ModelResult {
  events: ModelEvent[];
  lastEventId: string;
  retry: number | undefined;
}

export function interpretEventStream(stream: Uint8Array | string): ModelResult {
  // "Streams must be decoded using the UTF-8 decode algorithm", which strips one leading BOM.
  let text = typeof stream === 'string' ? stream : new TextDecoder().decode(stream);
  if (typeof stream === 'string' && text.startsWith('\uFEFF')) text = text.slice(1);
  const events: ModelEvent[] = [];
  let data = '';
  let eventType = '';
  let lastEventIdBuffer = '';
  let lastEventId = '';
  let retry: number | undefined;
  // A line ends at CRLF, at an LF, or at a CR; what follows the last line break is not a line
  // (the stream ended before it did), and is discarded with any pending event.
  const parts = text.split(/\r\n|\r|\n/);
  parts.pop();
  for (const line of parts) {
    if (line === '') {
      lastEventId = lastEventIdBuffer;
      if (data === '') {
        eventType = '';
        continue;
      }
      if (data.endsWith('\n')) data = data.slice(0, -1);
      events.push({ type: eventType === '' ? 'message' : eventType, data, lastEventId });
      data = '';
      eventType = '';
      continue;
    }
    if (line.startsWith(':')) continue;
    let field = line;
    let value = '';
    const colon = line.indexOf(':');
    if (colon >= 0) {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
    }
    if (field === 'event') eventType = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id') {
      if (!value.includes('\u0000')) lastEventIdBuffer = value;
    } else if (field === 'retry') {
      if (/^[0-9]+$/.test(value)) retry = Number.parseInt(value, 10);
    }
  }
  return { events, lastEventId, retry };
}
