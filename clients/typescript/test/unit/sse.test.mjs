import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventStream } from '../../dist/src/index.js';

/** A body delivering the given chunks one read at a time, as a network would. */
function body(...chunks) {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream) {
  const events = [];
  for await (const event of parseEventStream(stream)) events.push(event);
  return events;
}

test('events with names, ids and data are parsed and ids carry over', async () => {
  const events = await collect(body('id: 1\nevent: deployment\ndata: {"a":1}\n\n', 'data: plain\n\n'));
  assert.deepEqual(events, [
    { event: 'deployment', data: '{"a":1}', id: '1', retry: undefined },
    { event: 'message', data: 'plain', id: '1', retry: undefined },
  ]);
});

test('lines split anywhere across chunks, CRLF split between chunks, CR alone', async () => {
  const events = await collect(body('id: 7\r', '\nevent: depl', 'oyment\r\nda', 'ta: x\r', '\r\n', 'data: y\r\r'));
  assert.deepEqual(events.map((e) => [e.id, e.event, e.data]), [['7', 'deployment', 'x'], ['7', 'message', 'y']]);
});

test('multi-byte characters split between chunks are decoded whole', async () => {
  const bytes = new TextEncoder().encode('data: grüße\n\n');
  const events = await collect(body(bytes.slice(0, 9), bytes.slice(9)));
  assert.equal(events[0].data, 'grüße');
});

test('comments are skipped, data lines joined, events without data dropped, retry read', async () => {
  const events = await collect(body(':keep-alive\n\nevent: empty\n\nretry: 1500\ndata: a\ndata:b\ndata\n\n'));
  assert.deepEqual(events, [{ event: 'message', data: 'a\nb\n', id: undefined, retry: 1500 }]);
});

test('a byte order mark at the start is ignored and a partial last event is dropped', async () => {
  const events = await collect(body('\uFEFFdata: first\n\ndata: cut off'));
  assert.deepEqual(events.map((e) => e.data), ['first']);
});

test('breaking out of the loop cancels the body', async () => {
  let cancelled = false;
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode('data: tick\n\n'));
    },
    cancel() {
      cancelled = true;
    },
  });
  for await (const event of parseEventStream(stream)) {
    assert.equal(event.data, 'tick');
    break;
  }
  assert.equal(cancelled, true);
});
