// A damaged database with a good automatic backup beside it: the window says the file is
// damaged, offers the newest good backup (passing over a damaged newer one), restores it on
// request keeping the damaged file, and opens the desk on the restored data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { CLI_BINARY, cleanup, cli, driver, makeUsers, signIn, startDesk } from './harness.mjs';

let desk;

after(async () => {
  if (!desk) return;
  const stragglers = await cleanup(desk);
  assert.deepEqual(stragglers, [], 'every process the run started ended with its group');
});

test('a damaged database is replaced by the newest good backup on request, the damaged file kept', async () => {
  // A good database, its interface set to Russian, backed up by the CLI.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tovon-restore-'));
  const good = path.join(scratch, 'good.sqlite3');
  makeUsers(good);
  cli(good, ['language', 'ru'], { user: 'admin' });
  const garbage = Buffer.from('Бу файл шикастланган. '.repeat(400));
  desk = await startDesk({
    dbBytes: garbage,
    signIn: null,
    prepare: ({ dbPath }) => {
      const backups = path.join(path.dirname(dbPath), 'backups');
      cli(good, ['backup', path.join(backups, 'tovon-20261120-090000.sqlite3')]);
      fs.writeFileSync(path.join(backups, 'tovon-20261121-090000.sqlite3'), 'шикаст'.repeat(1000));
    },
  });
  const window = driver(desk);
  try {
    const message = await window.waitForText('#startup-error');
    assert.match(message, /Маълумотлар базаси/);
    const offer = await window.waitForText('#startup-backup');
    assert.ok(offer.includes('tovon-20261120-090000.sqlite3'), `the newest good backup is offered: ${offer}`);
    assert.ok(offer.includes('20.11.2026 09:00'), offer);
    await window.screenshot('startup-backup-offer');
    await window.click(await window.find('#startup-restore'));
    // The desk opens on the backup's data: its language was Russian.
    await window.waitFor('#language-select');
    assert.equal(await window.execute("return document.getElementById('language-select').value"), 'ru');
    // Its users too: the officer signs in and the desk opens. The key file stayed with the
    // database the backup came from: the desk made a new pair and says so (issue 18).
    await signIn(window, 'officer');
    const notice = await window.waitForText('#key-notice');
    assert.match(notice, /Ключ подписи стола не найден .*создана новая пара ключей/, notice);
    await window.screenshot('startup-restored');
  } catch (error) {
    await window.screenshot('failure-restore').catch(() => {});
    throw error;
  }
  const kept = fs.readdirSync(path.dirname(desk.dbPath)).filter((name) => name.startsWith('tovon.sqlite3.before-restore-'));
  assert.equal(kept.length, 1, `the damaged file is kept: ${kept}`);
  assert.deepEqual(fs.readFileSync(path.join(path.dirname(desk.dbPath), kept[0])), garbage, 'kept as it was');
  const verify = cli(desk.dbPath, ['audit', 'verify']);
  assert.match(verify, /цел|бутун/, verify);
  const keys = execFileSync('sqlite3', [desk.dbPath, 'SELECT group_concat(reason) FROM desk_key'], { encoding: 'utf8' });
  assert.equal(keys.trim(), 'first_start,key_missing', 'the new key is on the record beside the old');
});
