// A database file that is not a database: the window says so in the user's language,
// names the file, and leaves it exactly as it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { cleanup, driver, startDesk } from './harness.mjs';

let desk;

after(async () => {
  if (!desk) return;
  const stragglers = await cleanup(desk);
  assert.deepEqual(stragglers, [], 'every process the run started ended with its group');
});

test('a damaged database is refused with a clear message and kept untouched', async () => {
  const garbage = Buffer.from('Бу файл маълумотлар базаси эмас. '.repeat(400));
  desk = await startDesk({ dbBytes: garbage, signIn: null });
  const window = driver(desk);
  try {
    const message = await window.waitForText('#startup-error');
    assert.match(message, /Маълумотлар базаси файлини очиб бўлмади/);
    assert.ok(message.includes(desk.dbPath), `the message names the file: ${message}`);
    assert.equal(await window.title(), 'Tovon');
    await window.screenshot('startup-error-damaged-db');
  } catch (error) {
    await window.screenshot('failure-damaged-db').catch(() => {});
    throw error;
  }
  assert.deepEqual(fs.readFileSync(desk.dbPath), garbage, 'the file is not overwritten');
});
