import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('the README shows the example the build type-checks (examples/readme.ts)', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(shown, 'clients/README.md has a ```ts block');
  const checked = readFileSync(new URL('../../examples/readme.ts', import.meta.url), 'utf8').split('// ---- README ----\n')[1];
  assert.equal(shown, checked);
});
