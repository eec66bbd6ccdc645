import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allItems, allPages, listAll } from '../../dist/src/index.js';

const pages = { undefined: { items: [1, 2], nextPageToken: 'b' }, b: { items: [3], nextPageToken: 'c' }, c: { items: [4] } };

test('allItems follows nextPageToken until a page has none', async () => {
  const asked = [];
  const items = [];
  for await (const item of allItems(async (token) => (asked.push(token), pages[String(token)]))) items.push(item);
  assert.deepEqual(items, [1, 2, 3, 4]);
  assert.deepEqual(asked, [undefined, 'b', 'c']);
});

test('breaking out of the loop fetches no further pages', async () => {
  const asked = [];
  for await (const item of allItems(async (token) => (asked.push(token), pages[String(token)]))) {
    if (item === 2) break;
  }
  assert.deepEqual(asked, [undefined]);
});

test('pages without items and an empty nextPageToken end the list', async () => {
  assert.deepEqual(await listAll(async () => ({ nextPageToken: '' })), []);
});

test('a repeated page token fails instead of looping forever', async () => {
  await assert.rejects(async () => {
    for await (const page of allPages(async () => ({ items: [1], nextPageToken: 'same' }))) void page;
  }, /page token repeated/);
});
