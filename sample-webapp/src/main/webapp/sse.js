// An incremental parser for server-sent events, as the HTML standard defines them
// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
// Feed it text as it arrives, in chunks of any size; it calls onEvent({event, data}) once per
// complete event. Lines may end in CRLF, LF or CR; comment lines (": keepalive") are ignored;
// several data lines join with "\n"; an event cut off by the end of the stream is dropped.

export function createSseParser(onEvent) {
  let buffer = '';
  let skipLeadingLf = false; // the last chunk ended in CR: a LF starting the next one belongs to it
  let eventName = '';
  let dataLines = [];

  function line(text) {
    if (text === '') {
      if (dataLines.length > 0) {
        onEvent({ event: eventName || 'message', data: dataLines.join('\n') });
      }
      eventName = '';
      dataLines = [];
      return;
    }
    if (text.startsWith(':')) {
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      eventName = value;
    } else if (field === 'data') {
      dataLines.push(value);
    }
    // "id" and "retry" only matter to EventSource's reconnection, which a fetch reader never does.
  }

  return {
    push(chunk) {
      buffer += chunk;
      if (skipLeadingLf && buffer.startsWith('\n')) {
        buffer = buffer.slice(1);
      }
      skipLeadingLf = false;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') {
          continue;
        }
        line(buffer.slice(start, i));
        if (c === '\r') {
          if (i + 1 === buffer.length) {
            skipLeadingLf = true;
          } else if (buffer[i + 1] === '\n') {
            i++;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}

// Reads a fetch Response body as server-sent events until it ends; resolves when it does.
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = createSseParser(onEvent);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        return;
      }
      parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
}
