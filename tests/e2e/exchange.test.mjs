// Settings → Exchange (issue 20), in the real window with a real head office (`tovon-hq` on
// the PostgreSQL `make test` starts): the administrator trusts the head office by its
// fingerprint and writes the enrolment request; the head office's answer is applied from
// the panel and the desk numbers under its prefix; a bundle is written to a "stick" and the
// head office takes it in; over the network with one click; six days without a bundle while changes wait, the header says so.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { HQ_BINARY, PASSWORD, cleanup, cli, driver, startDesk, switchUser } from './harness.mjs';

let desk;
let window;
let hq;
let server;

/** A scratch database of the head office's on the test server, dropped after the run. */
function headOffice(work) {
  const server = process.env.TOVON_HQ_DATABASE_URL;
  if (!server) throw new Error('TOVON_HQ_DATABASE_URL names the head office test server: run `make test`, which starts one');
  const name = `tovon_e2e_${process.pid}`;
  const psql = (sql) => execFileSync('psql', [server, '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
  psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(`CREATE DATABASE ${name}`);
  const env = { ...process.env, TOVON_HQ_DATABASE_URL: `${server} dbname=${name}`, TOVON_HQ_KEY_FILE: path.join(work, 'hq.key') };
  return {
    run: (args) => execFileSync(HQ_BINARY, args, { encoding: 'utf8', env }),
    /** `tovon-hq serve` on a free port; resolves with the process once it listens. */
    serve: () =>
      new Promise((resolve, reject) => {
        const child = spawn(HQ_BINARY, ['serve', '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
        child.once('error', reject);
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (line) => (line.startsWith('serving desks at https://') ? resolve(child) : reject(new Error(line))));
      }),
    status: (args) => {
      try {
        execFileSync(HQ_BINARY, args, { encoding: 'utf8', env });
        return 0;
      } catch (error) {
        return error.status;
      }
    },
    drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

before(async () => {
  desk = await startDesk({
    signIn: 'admin',
    prepare: (prepared) => cli(prepared.dbPath, ['settings', 'set', '--branch', 'ТШ'], { user: 'admin' }),
  });
  window = driver(desk);
  hq = headOffice(desk.work);
  // Serving before the desk enrols: its answer carries the address and the certificate.
  server = await hq.serve();
});

after(async () => {
  server?.kill();
  hq?.drop();
  if (!desk) return;
  const stragglers = await cleanup(desk);
  assert.deepEqual(stragglers, [], 'every process the run started ended with its group');
});

test('the administrator enrols the desk from the panel and bundles go both ways', async () => {
  await window.failWithScreenshot('exchange', async () => {
    const usb = path.join(desk.work, 'usb');
    fs.mkdirSync(usb);
    const keys = path.join(desk.work, 'hq.json');
    hq.run(['identity', '-o', keys]);
    const fingerprint = JSON.parse(fs.readFileSync(keys, 'utf8')).fingerprint;

    await window.click(await window.find('nav button[data-screen="settings"]'));
    await window.waitForText('#exchange-prefix', (text) => text.includes('рўйхатга олинмаган'));
    const disabled = (css) => window.execute('return document.querySelector(arguments[0]).disabled', [css]);
    assert.equal(await disabled('#exchange-export'), true, 'nothing to send before the enrolment answer');
    // A misread fingerprint trusts nothing.
    await window.type(await window.find('#exchange-fingerprint'), '0000 1111 2222 3333 4444 5555 6666 7777');
    desk.answerDialog(keys);
    await window.click(await window.find('#exchange-trust'));
    await window.waitForText('#exchange-error', (text) => text.includes('бармоқ изи'));
    await window.clear(await window.find('#exchange-fingerprint'));
    await window.type(await window.find('#exchange-fingerprint'), fingerprint);
    desk.answerDialog(keys);
    await window.click(await window.find('#exchange-trust'));
    await window.waitForText('#exchange-head-office', (text) => text.includes(fingerprint));

    const request = path.join(desk.work, 'request.json');
    desk.answerDialog(request);
    await window.click(await window.find('#exchange-request'));
    await window.waitForText('#exchange-notice', (text) => text.includes('Сўров ёзилди'));
    assert.equal(fs.statSync(request).mode & 0o777, 0o600, 'the request is its owner’s alone');
    const enrolled = hq.run(['enrol', request, '--to', usb]);
    assert.match(enrolled, /^enrolled as ТШ;/);

    desk.answerDialog(path.join(usb, 'HQ-ТШ-000001.tovon'));
    await window.click(await window.find('#exchange-import'));
    await window.waitForText('#exchange-notice', (text) => text.includes('1-пакети қўлланди'));
    await window.waitForText('#exchange-prefix', (text) => text === 'ТШ');
    await window.waitFor('#exchange-last-received[data-number="1"]');
    // What the head office owns is no longer the desk's to change: the limit and the idle
    // lock are shown, not edited; the register comes with the bundles.
    await window.waitFor('#security-head-office');
    assert.equal(await disabled('#security-limit'), true);
    assert.equal(await disabled('#security-idle'), true);
    await window.click(await window.find('nav button[data-screen="registry"]'));
    await window.waitForText('#registry-from-head-office', (text) => text.includes('бош офис пакетлари билан'));
    assert.deepEqual(await window.findAll('#registry-import'), [], 'no import of its own');
    await window.screenshot('exchange-registry-enrolled');
    await window.click(await window.find('nav button[data-screen="settings"]'));
    await window.waitFor('#settings-exchange');

    desk.answerDialog(usb);
    await window.click(await window.find('#exchange-export'));
    await window.waitForText('#exchange-notice', (text) => text.includes('1-пакет ёзилди'));
    await window.waitFor('#exchange-last-sent[data-number="1"]');
    const bundle = path.join(usb, 'ТШ-000001.tovon');
    assert.equal(fs.statSync(bundle).mode & 0o777, 0o600);
    assert.match(hq.run(['import', bundle]), /ТШ bundle 1 applied/);

    // Over the network: the address came with the answer; one click sends and receives.
    await window.waitForText('#exchange-address', (text) => text.startsWith('https://127.0.0.1:'));
    await window.click(await window.find('#exchange-sync'));
    await window.waitForText('#exchange-notice', (text) => text.includes('2-пакет юборилди') && text.includes('қўлланди'));
    await window.waitFor('#exchange-last-sent[data-number="2"]');
    await window.screenshot('exchange-panel');

    // By hand again: the head office's next answer.
    hq.run(['export', 'ТШ', '--to', usb]);
    desk.answerDialog(path.join(usb, 'HQ-ТШ-000003.tovon'));
    await window.click(await window.find('#exchange-import'));
    await window.waitForText('#exchange-notice', (text) => text.includes('3-пакети қўлланди'));
    // The same bundle again changes nothing and says so.
    desk.answerDialog(path.join(usb, 'HQ-ТШ-000003.tovon'));
    await window.click(await window.find('#exchange-import'));
    await window.waitForText('#exchange-notice', (text) => text.includes('аввал қўлланган'));
    // A changed byte is refused, by name.
    const changed = path.join(usb, 'changed.tovon');
    const bytes = fs.readFileSync(path.join(usb, 'HQ-ТШ-000003.tovon'));
    bytes[bytes.length >> 1] ^= 0x20;
    fs.writeFileSync(changed, bytes);
    desk.answerDialog(changed);
    await window.click(await window.find('#exchange-import'));
    await window.waitForText('#exchange-error', (text) => text.includes('шикастланган'));
  });
});

test('the header says when nothing has left for five days while changes wait', async () => {
  await window.failWithScreenshot('exchange-unsent', async () => {
    // The last bundle left six days ago (its bookkeeping moved back), and a change waits.
    execFileSync('sqlite3', [desk.dbPath, "UPDATE exchange_sent SET made_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 days')"]);
    cli(desk.dbPath, ['user', 'add', 'clerk', '--name', 'Тошматова Гулнора', '--role', 'officer'], { user: 'admin', input: `${PASSWORD}\n` });
    await switchUser(window, 'officer');
    await window.waitForText('#exchange-chip', (text) => text === '6 кун юборилмаган');
    await window.screenshot('exchange-unsent-chip');
    await window.click(await window.find('#exchange-chip'));
    await window.waitFor('#settings-exchange');
    const waiting = Number(await window.execute("return document.querySelector('#exchange-waiting').dataset.count", []));
    assert.ok(waiting > 0, `changes wait: ${waiting}`);
  });
});

test('a desk restored from a backup holds claim work until its history comes back', async () => {
  await window.failWithScreenshot('exchange-restored', async () => {
    const backup = path.join(desk.work, 'before.sqlite3');
    cli(desk.dbPath, ['backup', backup], { user: 'admin' });
    // After the backup: a user, sent to the head office; then the disk is lost.
    cli(desk.dbPath, ['user', 'add', 'cashier', '--name', 'Алиева Малика', '--role', 'officer'], { user: 'admin', input: `${PASSWORD}\n` });
    cli(desk.dbPath, ['exchange', 'sync'], { user: 'admin' });
    cli(desk.dbPath, ['restore', backup], { user: 'admin' });
    await switchUser(window, 'admin');
    await window.waitForText('#history-chip', (text) => text === 'Бош офис тарихи кутилмоқда');
    await window.screenshot('exchange-awaiting-history');
    await window.click(await window.find('#history-chip'));
    await window.waitForText('#exchange-awaiting-history', (text) => text.includes('Захира нусхадан тикланди'));
    // The banner puts the buttons at the window's lower edge: brought to its middle first.
    await window.execute("document.querySelector('#exchange-sync').scrollIntoView({ block: 'center' })", []);
    await window.click(await window.find('#exchange-sync'));
    await window.waitForText('#exchange-notice', (text) => text.includes('бош офисдан қайтиб тикланди') && text.includes('cashier'));
    await window.waitGone('#history-chip');
    await window.screenshot('exchange-history-replayed');
    assert.deepEqual(await window.findAll('#exchange-awaiting-history'), []);
  });
});
