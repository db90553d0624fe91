// package-lock.json must list every platform's build of the Tauri CLI, or `npm ci`
// refuses the lock (and a Windows desk cannot build). A registry mirror that serves only
// the local platform's binary makes `npm install` drop the others silently.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const lock = JSON.parse(fs.readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));

test('every optional platform package of a locked dependency is in the lock', () => {
  const missing = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const locked = lock.packages[`node_modules/${name}`] ?? lock.packages[`${location}/node_modules/${name}`];
      if (!locked) missing.push(`${name}@${version} (wanted by ${location || 'the project'})`);
    }
  }
  assert.deepEqual(missing, [], 'add their entries (version, os, cpu, libc, optional) to package-lock.json');
});
