/** One Server-Sent Event as the HTML standard's event stream format defines it. */
export interface ServerSentEvent {
  /** The event name; "message" when the stream gives none. */
  event: string;
  /** The data lines, joined with "\n". */
  data: string;
  /** The last event id seen on the stream (ids carry over to later events without one). */
  id?: string;
  /** A reconnection delay the server asked for, in milliseconds. */
  retry?: number;
}

/**
 * Parses a `text/event-stream` body into events as bytes arrive: lines end in LF, CR or CRLF (also
 * when split across chunks), lines starting with ":" are comments (keep-alives), a blank line
 * dispatches the event, and an event without data lines is not dispatched. A partial event at
 * the end of the stream is dropped, as browsers drop it.
 */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let lastEventId: string | undefined;
  let eventName = '';
  let data: string[] = [];
  let retry: number | undefined;
  let firstChunk = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // At the end a CR held back below is a line end after all; anything after it is dropped.
      const ended = done;
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (firstChunk && buffer.length > 0) {
        // A byte order mark may start the stream and is not part of the first field.
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        firstChunk = false;
      }
      let lineEnd: number;
      while ((lineEnd = nextLineEnd(buffer)) >= 0) {
        // A CR at the very end may be the first half of a CRLF still in transit: wait for more.
        if (!ended && buffer[lineEnd] === '\r' && lineEnd === buffer.length - 1) {
          break;
        }
        const line = buffer.slice(0, lineEnd);
        const width = buffer[lineEnd] === '\r' && buffer[lineEnd + 1] === '\n' ? 2 : 1;
        buffer = buffer.slice(lineEnd + width);
        if (line === '') {
          if (data.length > 0) {
            yield { event: eventName || 'message', data: data.join('\n'), id: lastEventId, retry };
          }
          eventName = '';
          data = [];
          retry = undefined;
          continue;
        }
        if (line.startsWith(':')) {
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        switch (field) {
          case 'event':
            eventName = value;
            break;
          case 'data':
            data.push(value);
            break;
          case 'id':
            if (!value.includes('\0')) lastEventId = value;
            break;
          case 'retry':
            if (/^\d+$/.test(value)) retry = Number(value);
            break;
          default:
          // Unknown fields are ignored, as the format requires.
        }
      }
      if (ended) {
        return;
      }
    }
  } finally {
    // Leaving the loop early (break, return, an exception) closes the connection.
    await reader.cancel().catch(() => undefined);
  }
}

function nextLineEnd(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}
