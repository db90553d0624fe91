// The claims desk end to end in the real window: import a small register (one bad row
// reported), find a policy as you type, register a claim with its warnings, see its
// deadlines, move it on, and find it in the list with its next deadline.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { cleanup, cli, driver, eventually, focusIs, pinfl, startDesk, switchUser } from './harness.mjs';

let desk;
let window;

before(async () => {
  desk = await startDesk();
  window = driver(desk);
});

after(async () => {
  if (!desk) return;
  const stragglers = await cleanup(desk);
  assert.deepEqual(stragglers, [], 'every process the run started ended with its group');
});

/** A table row's cells, joined by " | " (an element's own text runs cells together). */
const cells = (css) =>
  window.execute(
    `const row = document.querySelector(arguments[0]);
     return row ? [...row.children].map((cell) => cell.textContent.trim().replace(/\\s+/g, ' ')).join(' | ') : null;`,
    [css],
  );

/** Polls until the row `css` exists; its cells as `cells` gives them. */
async function rowCells(css) {
  await window.waitFor(css);
  return cells(css);
}

/** Money as shown, with its narrow spaces made plain. */
const spaces = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const pad = (n) => String(n).padStart(2, '0');
const dmy = (date) => `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`;
const iso = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000);

/** A small valid PNG of w × h pixels (zlib-compressed rows), for an attachment. */
function png(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x5a)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const TODAY = new Date();
const EVENT = daysAgo(50);
const NOTICE = daysAgo(10); // 40 days after the event: late (6.1а)
const YEAR = TODAY.getFullYear();
const NUMBER = `ТШ-${YEAR}-000001`;

test('the Registry imports a file, reports the bad row, and finds policies as you type', async () => {
  await window.failWithScreenshot('registry', async () => {
    const file = path.join(desk.work, 'реестр.csv');
    const starts = `01.01.${YEAR - 1}`;
    const ends = `31.12.${YEAR + 1}`;
    fs.writeFileSync(
      file,
      [
        'policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch',
        `MKS,0000001,${starts},${starts},${ends},${starts},"10 000 000,00",Каримов Алишер Бахтиёрович,12.10.1963,${pinfl('121063', 1)},AA0000001,+998901234567,Тошкент ш.,KR-1,20000000,Тошкент`,
        `MKS,0000002,${starts},${starts},${ends},${starts},5000000,Тошматов Бобур,12.10.1963,${pinfl('121063', 2)},AA0000002,,,,,Самарқанд`,
        `MKS,0000003,${starts},${starts},${ends},,5000000,Эргашев Ғайрат,12.10.1963,31210630000001,,,,,,`,
        `MKS,0000004,${starts},${starts},${ends},${starts},5000000,Ҳолматов Шерзод,12.10.1963,${pinfl('121063', 4)},AA0000004,,,,,Самарқанд`,
        '',
      ].join('\n'),
    );
    await window.click(await window.waitFor('nav button[data-screen="registry"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Суғурта полислари реестри');
    desk.answerDialog(file);
    await window.click(await window.find('#registry-browse'));
    await window.waitForText('#registry-file', (text) => text === 'реестр.csv');
    await window.click(await window.find('#registry-import'));
    const report = await window.waitForText('#registry-report');
    assert.equal(
      report,
      'реестр.csv: 4 қатор ўқилди — 3 янги, 0 ўзгарган, 0 ўзгармаган, 1 рад этилди.',
    );
    const problem = await rowCells('#registry-problems tbody tr');
    assert.match(problem, /^4 \| pinfl \| 31210630000001 \| /, `row, column, value: ${problem}`);

    await window.type(await window.find('#registry-search'), 'toshmatov');
    const found = await rowCells('#registry-search-results tbody tr');
    assert.match(found, /^MKS 0000002 \| Тошматов Бобур \| 12\.10\.1963 \| /, `a Latin query finds the Cyrillic name: ${found}`);
    await window.screenshot('registry-uz-Cyrl');
    // Issue 19: a name as people spell it in Russian-style Latin, the words in any order.
    const search = await window.find('#registry-search');
    await window.clear(search);
    await window.type(search, 'Sherzod Kholmatov');
    await window.waitForText('#registry-search-results tbody tr', (text) => text.includes('Ҳолматов Шерзод'));
    assert.equal(await window.execute("return document.querySelectorAll('#registry-search-results tbody tr').length"), 1);
  });
});

test('a register in a bank\'s own words is mapped once on screen, saved, and imported', async () => {
  await window.failWithScreenshot('registry-mapping', async () => {
    const file = path.join(desk.work, 'bank.csv');
    const starts = `01.01.${YEAR - 1}`;
    const ends = `31.12.${YEAR + 1}`;
    fs.writeFileSync(
      file,
      [
        'Серия;Номер;Выдан;С;По;Сумма;Заёмщик;Д.р.;ПИНФЛ',
        `MKS;0000101;${starts};${starts};${ends};8 000 000;Юсупов Шоҳрух;12.10.1963;${pinfl('121063', 101)}`,
        `MKS;0000102;${starts};${starts};${ends};9 000 000;Раҳимова Нилуфар;12.10.1963;${pinfl('121063', 102)}`,
        '',
      ].join('\n'),
    );
    // Cancelling the dialog keeps the file chosen before.
    desk.answerDialog();
    await window.click(await window.find('#registry-browse'));
    await window.waitForText('#registry-file', (text) => text === 'реестр.csv');
    desk.answerDialog(file);
    await window.click(await window.find('#registry-browse'));
    await window.waitForText('#registry-file', (text) => text === 'bank.csv');
    await window.click(await window.find('#registry-import'));
    const refused = await window.waitForText('#registry-error');
    assert.match(refused, /issued_on/, `the header's missing fields are named: ${refused}`);
    await window.waitFor('#registry-mapping');
    const missing = await window.waitForText('#registry-mapping-missing');
    assert.match(missing, /Берилган сана/, missing);
    const columns = { issued_on: 2, starts_on: 3, ends_on: 4, sum_insured: 5, full_name: 6, birth_date: 7 };
    for (const [field, column] of Object.entries(columns)) {
      await window.click(await window.find(`#map-${field} option[value="${column}"]`));
    }
    await window.type(await window.find('#registry-mapping-name'), 'Банк А');
    await window.screenshot('registry-mapping');
    await window.click(await window.find('#registry-mapping-save'));
    const report = await window.waitForText('#registry-report', (text) => text.startsWith('bank.csv'));
    assert.equal(report, 'bank.csv: 2 қатор ўқилди — 2 янги, 0 ўзгарган, 0 ўзгармаган, 0 рад этилди.');
    const chosen = await window.execute('return document.querySelector("#registry-mapping-choice").value;', []);
    assert.equal(chosen, 'Банк А', 'the saved mapping is the one chosen from now on');
  });
});

/** Opens the New claim form from the Claims list. */
async function openNewClaim() {
  await window.click(await window.find('nav button[data-screen="claims"]'));
  await window.click(await window.waitFor('#claims-new'));
  await window.waitFor('#claim-event-date');
}

const value = (css) => window.execute('return document.querySelector(arguments[0])?.value ?? null', [css]);

test("a half-filled new claim is its user's alone: the next user gets a blank form, its owner gets it back", async () => {
  await window.failWithScreenshot('draft-per-user', async () => {
    await switchUser(window, 'boss');
    await openNewClaim();
    await window.type(await window.waitFor('#claim-policy-search'), 'MKS 0000001');
    await window.click(await window.waitFor('#claim-policy-search-results tr[data-policy="MKS 0000001"] button'));
    await window.type(await window.find('#claim-event-date'), '01.11.2026');
    const drafts = () =>
      execFileSync('sqlite3', [desk.dbPath, "SELECT count(*) FROM form_draft WHERE content LIKE '%2026-11-01%'"], { encoding: 'utf8' }).trim();
    await eventually(() => drafts() === '1', "the supervisor's draft kept by the desk");

    await switchUser(window, 'officer');
    await openNewClaim();
    assert.equal(await value('#claim-event-date'), '', "the supervisor's date is not the officer's");
    assert.deepEqual(await window.findAll('#claim-policy'), [], "nor the supervisor's policy");
    await window.screenshot('new-claim-blank-for-the-next-user');

    await switchUser(window, 'boss');
    await openNewClaim();
    assert.equal(await value('#claim-event-date'), '01.11.2026', 'the owner gets the draft back');
    await window.waitForText('#claim-policy', (text) => text.includes('Каримов Алишер'));
    await window.click(await window.find('#claim-new-blank'));
    await window.click(await window.waitFor('#claim-blank-yes'));
    await window.waitFor('#claim-policy-search');
    assert.equal(await value('#claim-event-date'), '', 'New blank');
    await eventually(() => execFileSync('sqlite3', [desk.dbPath, 'SELECT count(*) FROM form_draft'], { encoding: 'utf8' }).trim() === '0', 'the draft forgotten');
    await switchUser(window, 'officer');
  });
});

test('a new claim: policy found, incident filled, the late notice warned, registered', async () => {
  await window.failWithScreenshot('new-claim', async () => {
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.waitFor('#claims-new');
    await window.click(await window.find('#claims-new'));
    await window.waitForText('#screen-heading', (text) => text === 'Янги аризани рўйхатга олиш');
    const search = await window.waitFor('#claim-policy-search');
    await window.type(search, 'MKS 0000001');
    await window.click(await window.waitFor('#claim-policy-search-results tr[data-policy="MKS 0000001"] button'));
    // The keyboard goes on to the incident's date.
    await focusIs(window, 'claim-event-date');
    await window.waitForText('#claim-policy', (text) => text.includes('Каримов Алишер Бахтиёрович'));

    await window.type(await window.find('#claim-event-date'), dmy(EVENT));
    await window.clear(await window.find('#claim-notice-date'));
    await window.type(await window.find('#claim-notice-date'), dmy(NOTICE));
    const branch = await window.find('#claim-branch');
    await window.clear(branch);
    await window.type(branch, 'тш');
    await window.type(await window.find('#claim-place'), 'Тошкент ш., Чилонзор');
    await window.type(await window.find('#claim-circumstances'), 'Зинапоядан йиқилиб, оёғини синдирди');
    await window.click(await window.find('#claim-fracture'));
    await window.type(await window.find('#claim-claimant'), 'Каримов Алишер');

    const warning = await window.waitForText('#claim-warnings li[data-warning="late_notice"]');
    assert.match(warning, /^6\.1а Ариза муддатидан 10 кун кеч берилган/, warning);
    // Issue 19: with the lowest field in view, the warnings and Register stay on screen.
    await window.execute("document.getElementById('claim-claimant').scrollIntoView({ block: 'end' })");
    const inView = await window.execute(
      `const box = document.getElementById('claim-warnings').getBoundingClientRect();
       const save = document.getElementById('claim-save').getBoundingClientRect();
       return box.top >= 0 && save.bottom <= window.innerHeight;`,
    );
    assert.ok(inView, 'the warnings are in view while the lower fields are filled');
    await window.screenshot('new-claim-uz-Cyrl');
    await window.click(await window.find('#claim-save'));

    const heading = await window.waitForText('#screen-heading', (text) => text.startsWith('ТШ-'));
    assert.equal(heading, NUMBER);
    // Issue 19: the warnings it was registered with are named again on the claim.
    const named = await window.waitForText('#claim-registered-warnings');
    assert.match(named, /Ариза рўйхатга олинди\. Огоҳлантиришлар:[\s\S]*6\.1а/, named);
    assert.equal(await window.text(await window.find('#claim-state')), 'Рўйхатга олинган');
    const documents = await cells('#claim-deadlines tr[data-deadline="documents"]');
    assert.match(documents, new RegExp(`^Ҳужжатлар \\(аризадан 3 ой\\) \\| ${dmy(NOTICE)} \\| \\d{2}\\.\\d{2}\\.\\d{4} \\| 6\\.1б \\| Муддат бор`), documents);
    const notice = await cells('#claim-deadlines tr[data-deadline="notice"]');
    assert.match(notice, /Кечикиб бажарилган/, notice);
    await window.screenshot('claim-view-uz-Cyrl');
  });
});

test('the claim moves on: decisions are not hand moves, review waits for the documents', async () => {
  await window.failWithScreenshot('claim-move', async () => {
    // A refusal, an approval or a deferral is made on the Decision tab, with its grounds.
    const moves = await window.execute("return [...document.querySelectorAll('#claim-move-to option')].map(o => o.value)");
    assert.deepEqual(moves, ['awaiting_documents', 'under_review']);

    await window.click(await window.find('#claim-move-to option[value="under_review"]'));
    await window.click(await window.find('#claim-move-submit'));
    const incomplete = await window.waitForText('#claim-move-error', (text) => text.includes('тўлиқ эмас'));
    assert.match(incomplete, /Рентген суратлари/, incomplete);
    assert.equal(await window.text(await window.find('#claim-state')), 'Рўйхатга олинган', 'nothing changed');
    assert.equal(await window.text(await window.find('#claim-documents-missing')), '6 та ҳужжат етишмайди');
  });
});

test('the Documents tab: an injury with a fracture, ticked item by item, becomes complete with its decision deadline', async () => {
  await window.failWithScreenshot('claim-documents', async () => {
    // What blocks the next step is said at the top, and leads to the tab.
    await window.click(await window.find('#claim-documents-missing'));
    const summary = await window.waitForText('#documents-summary', (text) => text.includes('0 / 6'));
    assert.match(summary, /Етишмайди: 6 · муддат \d{2}\.\d{2}\.\d{4} \(6\.1б\)/, summary);
    const groups = await window.execute("return [...document.querySelectorAll('[data-doc-group] h2')].map(h => h.textContent)");
    assert.deepEqual(groups, ['6.2.1. Тан жароҳати ёки соғлиқнинг бузилиши', '6.3. Аризага илова қилинадиган ҳужжатлар']);
    const rows = await window.execute("return [...document.querySelectorAll('[data-doc-item]')].map(li => li.dataset.docItem)");
    assert.deepEqual(rows, ['application', 'policy_original', 'insured_passport', 'medical_certificate', 'xray_images', 'medical_record_extract']);
    const missingMarked = await window.execute("return document.querySelectorAll('[data-doc-item].missing').length");
    assert.equal(missingMarked, 6, 'missing items are highlighted');
    await window.screenshot('claim-documents-missing-uz-Cyrl');

    // Keyboard only: focus a row's tick and press Space; the date defaults to today.
    for (const [index, key] of rows.entries()) {
      if (key === 'xray_images') continue;
      await window.execute(`document.querySelector('[data-doc-item="${key}"] [data-doc-tick]').focus()`);
      await window.keys(' ');
      await window.waitForText('#documents-summary', (text) => text.includes(`${index < 4 ? index + 1 : index} / 6`));
    }
    // The X-rays came in as a copy, dated by hand.
    await window.click(await window.find('[data-doc-item="xray_images"] input[name="copy-xray_images"][value="true"]'));
    const date = await window.find('#doc-date-xray_images');
    await window.clear(date);
    await window.type(date, dmy(TODAY));
    await window.click(await window.find('[data-doc-item="xray_images"] [data-doc-tick]'));
    const complete = await window.waitForText('#documents-summary', (text) => text.includes('6 / 6'));
    const due = dmy(new Date(Date.now() + 15 * 86_400_000));
    assert.match(complete, new RegExp(`Ҳужжатлар тўлиқ: ${dmy(TODAY)}`), complete);
    assert.match(complete, new RegExp(`Қарор муддати: ${due} \\(6\\.6\\)`), complete);
    const received = await window.text(await window.find('[data-doc-item="xray_images"] [data-doc-received]'));
    assert.match(received, new RegExp(`олинди ${dmy(TODAY)}, .* · Нусха`), received);
    await window.waitForText('#claim-state', (text) => text === 'Кўриб чиқилмоқда');
    await window.screenshot('claim-documents-complete-uz-Cyrl');

    assert.equal(await window.text(await window.find('#claim-tab-documents')), 'Ҳужжатлар (6/6)');
    assert.deepEqual(await window.findAll('#claim-documents-missing'), [], 'nothing missing any more');
    await window.click(await window.find('#claim-tab-summary'));
    const decision = await rowCells('#claim-deadlines tr[data-deadline="decision"]');
    assert.match(decision, new RegExp(`^Қарор .* \\| ${dmy(TODAY)} \\| ${due} \\| 6\\.6 \\| Муддат бор 15 кун қолди`), decision);
    const timeline = await window.execute("return [...document.querySelectorAll('#claim-timeline li')].map(li => li.textContent)");
    assert.equal(timeline.length, 2);
    assert.match(timeline[1], /Рўйхатга олинган → Кўриб чиқилмоқда/);
    assert.match(timeline[1], /Барча талаб қилинган ҳужжатлар олинди/);
    await window.screenshot('claim-moved-uz-Cyrl');
  });
});

test('a scan attached to an item is previewed, and one changed on disk is refused, not shown', async () => {
  await window.failWithScreenshot('claim-attachment', async () => {
    const scan = path.join(desk.work, 'рентген.png');
    fs.writeFileSync(scan, png(120, 80));
    // The open dialog is the system's, shown by the desk and answered here by the test seam.
    await window.click(await window.find('#claim-tab-documents'));
    desk.answerDialog(scan);
    await window.click(await window.waitFor('[data-doc-item="xray_images"] [data-doc-attach]'));
    await window.waitForText('[data-doc-item="xray_images"] [data-attachment]', (text) => text.includes('рентген.png'));
    await window.click(await window.find('[data-doc-item="xray_images"] [data-attachment-preview]'));
    await window.waitFor('#attachment-preview img');
    const width = await window.execute(
      "const img = document.querySelector('#attachment-preview img'); return img.complete ? img.naturalWidth : new Promise((done) => img.onload = () => done(img.naturalWidth))",
    );
    assert.equal(width, 120, 'the image decoded from the checked bytes');
    await window.screenshot('attachment-preview-uz-Cyrl');
    await window.keys('\uE00C'); // Escape closes the preview, not the claim
    await window.waitGone('#attachment-preview');
    assert.equal(await window.text(await window.find('#screen-heading')), NUMBER);

    const folder = path.join(path.dirname(desk.dbPath), 'attachments');
    const [shard] = fs.readdirSync(folder);
    const [stored] = fs.readdirSync(path.join(folder, shard));
    fs.writeFileSync(path.join(folder, shard, stored), png(120, 81));
    await window.click(await window.find('[data-doc-item="xray_images"] [data-attachment-preview]'));
    const refused = await window.waitForText('[data-doc-item="xray_images"] [data-doc-error]');
    assert.match(refused, /рентген\.png: сақланган файл .* ўзгартирилган \(SHA-256 мос эмас\)/, refused);
    assert.equal(await window.execute("return document.querySelector('#attachment-preview')"), null, 'nothing shown');
  });
});

test('the list shows the claim with its next deadline and filters by state and deadline', async () => {
  await window.failWithScreenshot('claims-list', async () => {
    await window.click(await window.find('#claim-back'));
    const row = await rowCells(`#claims-table tr[data-claim="${NUMBER}"]`);
    assert.match(row, new RegExp(`^${NUMBER} \\| Каримов Алишер Бахтиёрович \\| MKS 0000001 \\| ${dmy(EVENT)} \\| Кўриб чиқилмоқда \\| 15 кун қолди `), row);
    await window.click(await window.find('#claims-due option[value="overdue"]'));
    await window.waitFor('#claims-empty');
    await window.click(await window.find('#claims-due option[value=""]'));
    await window.click(await window.find('#claims-state option[value="under_review"]'));
    await window.waitFor(`#claims-table tr[data-claim="${NUMBER}"]`);
    await window.type(await window.find('#claims-search'), 'karimov');
    await window.waitForText('#claims-count', (text) => text === '1 тадан 1–1');
    await window.screenshot('claims-list-uz-Cyrl');
    // Issue 19: found by the number typed in Latin, and by the insured's PINFL.
    await window.click(await window.find('#claims-state option[value=""]'));
    for (const typed of [NUMBER.replace('ТШ', 'TSH'), pinfl('121063', 1)]) {
      const search = await window.find('#claims-search');
      await window.clear(search);
      await window.type(search, typed);
      await window.waitForText('#claims-count', (text) => text === '1 тадан 1–1');
      await window.waitFor(`#claims-table tr[data-claim="${NUMBER}"]`);
    }
    // One claim found: Enter opens it.
    await window.keys('\uE007');
    await window.waitForText('#screen-heading', (text) => text === NUMBER);
    await window.click(await window.find('#claim-back'));
    await window.waitFor(`#claims-table tr[data-claim="${NUMBER}"]`);
    await window.clear(await window.find('#claims-search'));
    await window.waitFor(`#claims-table tr[data-claim="${NUMBER}"] button`);
  });
});

test('the claim is calculated in the Calculator on its own facts; the deferred item 72 becomes a deadline', async () => {
  await window.failWithScreenshot('claim-calculation', async () => {
    // A calculation saved in schedule version 1's shape (37 with a count, by a script):
    // restored in the Calculator, each jaw asks for its bone (D22), nothing is guessed.
    cli(desk.dbPath, ['claim', 'calc', NUMBER, '-'], {
      input: '{"table_version": 1, "injuries": [{"item": "37", "count": 2}]}',
    });
    await window.click(await window.find(`#claims-table tr[data-claim="${NUMBER}"] button`));
    await window.waitForText('#screen-heading', (text) => text === NUMBER);
    await window.click(await window.waitFor('#claim-calculate'));
    const banner = await window.waitForText('#calc-for-claim');
    assert.match(banner, new RegExp(NUMBER), banner);
    // Issue 19: leaving the claim asks first; "no" keeps the calculator on the claim.
    await window.click(await window.find('#calc-leave-claim'));
    assert.match(await window.waitForText('#calc-leave-ask'), /аризасидан ажратилсинми/);
    await window.click(await window.find('#calc-leave-no'));
    await window.waitFor('#calc-leave-claim');
    assert.match(await window.text(await window.find('#calc-for-claim')), new RegExp(NUMBER));
    const asked = await window.waitForText('#calc-error', (text) => text.includes('суяк'));
    assert.match(asked, /^37 банди суяк бўйича танланади/, asked);
    const bones = await window.execute(
      "return [...document.querySelectorAll('li[data-picked=\"37\"] select[data-bone]')].map((select) => select.value)",
    );
    assert.deepEqual(bones, ['', ''], 'two jaws, each asking for its bone');
    await window.screenshot('claim-calculation-asks-bones');
    for (let left = 2; left > 0; left--) {
      await window.click(await window.find('li[data-picked="37"] button.remove'));
    }
    const sum = await window.execute('return document.querySelector("#calc-sum-insured").value;', []);
    assert.equal(sum, '10000000.00', 'the sum insured is the policy\'s');
    const search = await window.waitFor('#calc-search');
    await window.type(search, '73в');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="73в"]'));
    await window.clear(search);
    await window.type(search, '72');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="72"]'));
    await window.waitForText('#calc-payable', (text) => spaces(text) === '1 500 000,00 сўм');
    await window.click(await window.find('#calc-save-claim'));

    await window.waitForText('#screen-heading', (text) => text === NUMBER);
    const summary = await window.waitForText('#claim-calculation-summary');
    assert.match(spaces(summary), /^Тўланадиган сумма 1 500 000,00 сўм/, summary);
    const waiting = await rowCells('#claim-deadlines tr[data-deadline="waiting"][data-item="72"]');
    assert.match(waiting, /^Кутиш муддатидаги банд — 72 \| /, waiting);
    await window.screenshot('claim-calculation-uz-Cyrl');
  });
});

/** A claim's issued document written by `tovon print`; returns the file's path. */
function printedFile(kind, number) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tovon-print-')), `${kind}.pdf`);
  cli(desk.dbPath, ['print', kind, number, '-o', file]);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  return file;
}

/** The text of a claim's issued document, as `tovon print` writes it and pdftotext reads it. */
function printed(kind, number) {
  const file = printedFile(kind, number);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test('the Decision tab: the act is previewed, approved and issued, reads back with the payable in figures and words, then signed and paid', async () => {
  await window.failWithScreenshot('claim-decision', async () => {
    await window.click(await window.find('#claim-tab-decision'));
    await window.waitForText('#decision-payable', (text) => spaces(text) === '1 500 000,00 сўм');
    const payees = await window.execute("return [...document.querySelectorAll('#decision-payees tbody tr')].map(tr => [...tr.querySelectorAll('input')].map(i => i.value.replace(/[\\s\\u202f\\u00a0]+/g, ' ')))");
    assert.deepEqual(payees, [['Каримов Алишер Бахтиёрович', '', '1 500 000,00']], 'the insured person by default (1.1.3)');

    // Parts that do not add up: said before and refused on approval, nothing issued.
    const amount = await window.find('#decision-payees tbody tr input.amount');
    await window.clear(amount);
    await window.type(amount, '1 000 000');
    await window.waitFor('#decision-parts-sum.bad');
    await window.click(await window.find('#decision-approve'));
    const error = await window.waitForText('#decision-error');
    assert.match(spaces(error), /1 000 000,00 сўм, тўланадиган сумма 1 500 000,00 сўм/, error);
    assert.deepEqual(await window.findAll('#issued-documents'), [], 'nothing issued');
    await window.clear(amount);
    await window.type(amount, '1500000');
    await window.waitGone('#decision-parts-sum.bad');

    await window.click(await window.find('#decision-preview'));
    // The draft laid out in the window (a web view here shows no PDF): its words are read.
    const draft = await window.waitForText('#document-preview #paper');
    for (const expected of ['ЛОЙИҲА', '1 500 000,00', '73в', 'М.Ў.']) {
      assert.ok(draft.includes(expected), `${expected} in the draft:\n${draft}`);
    }
    await window.screenshot('decision-act-preview-uz-Cyrl');
    await window.keys('\uE00C');
    await window.waitGone('#document-preview');

    // Issuing shows the act first and asks: closed, nothing is numbered; issued from the
    // preview, the number is taken.
    await window.click(await window.find('#decision-approve'));
    await window.waitFor('#document-preview-issue');
    await window.click(await window.find('#document-preview-close'));
    await window.waitGone('#document-preview');
    assert.deepEqual(await window.findAll('#issued-documents'), [], 'nothing issued without the second look');
    await window.click(await window.find('#decision-approve'));
    await window.click(await window.waitFor('#document-preview-issue'));
    await window.waitForText('#decision-state', (text) => text === 'Тан олинган');
    const act = `ТШ-${YEAR}-Д0001`;
    await window.waitFor(`#issued-documents tr[data-document="${act}"]`);
    const text = printed('act', NUMBER);
    for (const expected of [act, NUMBER, '1 500 000,00', 'Бир миллион беш юз минг сўм 00 тийин', 'М.Ў.', '73в']) {
      assert.ok(text.includes(expected), `${expected} in the act:\n${text}`);
    }
    // WebKitGTK shows no PDF in a page: "View" hands the stored act to the system's viewer.
    await window.click(await window.find(`#issued-documents tr[data-document="${act}"] [data-action="view"]`));
    await eventually(() => fs.existsSync(desk.opened) && fs.readFileSync(desk.opened, 'utf8').trim().endsWith('.pdf'), 'View calls the viewer');
    await window.screenshot('decision-act-issued-uz-Cyrl');
    fs.rmSync(desk.opened);

    // "Open" hands the system viewer a copy of the stored act, byte for byte.
    await window.click(await window.find(`#issued-documents tr[data-document="${act}"] [data-action="open"]`));
    const shown = await eventually(() => fs.existsSync(desk.opened) && fs.readFileSync(desk.opened, 'utf8').trim(), 'the viewer was called');
    assert.ok(shown.endsWith('.pdf'), shown);
    assert.deepEqual(fs.readFileSync(shown), fs.readFileSync(printedFile('act', NUMBER)), 'the viewer gets the stored act');

    // "Save" asks where in the system's save dialog (shown by the desk) and writes the act
    // there byte for byte, readable by its owner alone; the window names no path itself.
    const saved = path.join(desk.work, 'сақланган далолатнома.pdf');
    desk.answerDialog(saved);
    await window.click(await window.find(`#issued-documents tr[data-document="${act}"] [data-action="save"]`));
    const notice = await window.waitForText('#decision-notice', (text) => text.includes('сақланган далолатнома.pdf'));
    assert.ok(notice.includes(saved), notice);
    assert.deepEqual(fs.readFileSync(saved), fs.readFileSync(printedFile('act', NUMBER)), 'the saved file is the stored act');
    assert.equal(fs.statSync(saved).mode & 0o777, 0o600, 'readable by its owner alone');

    await window.click(await window.waitFor('#decision-sign'));
    await window.waitForText('#decision-state', (text) => text === 'Далолатнома имзоланган');
    // Issue 19: the signed act is this claim's own, not an earlier payment.
    const own = await window.waitForText('#decision-own');
    assert.ok(own.includes(act) && own.includes('Жадвал банди'), own);
    assert.deepEqual(await window.findAll('#decision-prior'), [], 'nothing paid before this claim');
    const order = await window.waitFor('#decision-payments [data-payee] input[placeholder]');
    await window.type(order, 'ПТ-1742');
    // Enter in the order field records the payment (issue 19).
    await window.keys('\uE007');
    await window.waitForText('#decision-state', (text) => text === 'Тўланган');
    const deadline = await window.waitForText('#decision-payment-deadline');
    assert.match(deadline, /Бажарилган/, deadline);
    const paid = await cells('#decision-payments tbody tr');
    assert.match(spaces(paid), /1 500 000,00 \d{2}\.\d{2}\.\d{4} · ПТ-1742/, paid);
    await window.screenshot('decision-paid-uz-Cyrl');

    // The History tab reads the audit log: the claim's registration, its decision, the
    // payment, and the state changes with their fields before and after.
    await window.execute("document.getElementById('claim-tab-history').scrollIntoView()");
    await window.click(await window.find('#claim-tab-history'));
    // Issue 19: in words — states by name, documents by title, dates DD.MM.YYYY, no keys.
    const history = await window.waitForText('#claim-history', (text) => text.includes('Тўлов қайд этилди'));
    const flat = history.replace(/\s+/g, ' ');
    for (const said of [
      'рақами билан рўйхатга олинди',
      'Ҳолати ўзгарди: Далолатнома имзоланган → Тўланган',
      'Тўлов қайд этилди: 1 500 000,00 сўм',
      'Ҳужжат берилди: ',
      'қабул қилинди, Асли',
    ]) {
      assert.ok(flat.includes(said), `«${said}» in the history:\n${flat}`);
    }
    assert.doesNotMatch(flat, /[a-z]+_[a-z]+|\d+\/[a-z]|\d{4}-\d{2}-\d{2}/, 'no column names, item keys or ISO dates');
    await window.screenshot('claim-history-uz-Cyrl');
  });
});

test('the refusal journey: grounds ticked, the explanation written, the letter issued with the clauses it rests on', async () => {
  await window.failWithScreenshot('claim-refusal', async () => {
    const second = await window.execute(
      `const invoke = window.__TAURI_INTERNALS__.invoke;
       return invoke('search_policies', { query: 'MKS 0000001' }).then((found) => invoke('register_claim', { draft: {
         policy_id: found.policies[0].id, policy_by_hand: null, branch_code: 'тш', claimant_name: 'Каримов Алишер Бахтиёрович',
         claimant_relation: 'ўзи', claimant_phone: '', beneficiary_name: '', event_date: arguments[0],
         event_place: 'Тошкент вилояти', circumstances: 'Автомобилни бошқариб кетаётиб ЙТҲга учради',
         outcome: 'injury', notice_date: arguments[1], was_driving: true, fracture: false, criminal_case: false,
         suicide: false, notes: '' } })).then(claim => claim.number, error => 'error: ' + JSON.stringify(error));`,
      [iso(EVENT), iso(TODAY)],
    );
    assert.match(second, /^ТШ-\d{4}-000002$/, second);
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.click(await window.waitFor(`#claims-table tr[data-claim="${second}"] button`));
    await window.waitForText('#screen-heading', (text) => text === second);
    await window.click(await window.find('#claim-tab-decision'));
    await window.waitFor('#decision-mode-refuse:checked');
    assert.equal(await window.execute("return document.querySelector('#decision-mode-approve').disabled"), true, 'not under review: only a refusal');

    await window.click(await window.find('#decision-refuse'));
    const none = await window.waitForText('#decision-error');
    assert.match(none, /камида битта асосни/, none);
    await window.click(await window.find('#decision-grounds input[data-ground="3.1d"]'));
    await window.click(await window.find('#decision-refuse'));
    await window.waitForText('#decision-error', (text) => /изоҳини ёзинг/.test(text));
    await window.type(await window.find('#decision-explanation'), 'Тиббий кўрик далолатномасига кўра ҳайдовчи мастлик ҳолатида бўлган.');
    await window.screenshot('decision-refusal-form-uz-Cyrl');
    await window.click(await window.find('#decision-refuse'));
    // The letter is shown as a draft before its number is taken.
    const letterDraft = await window.waitForText('#document-preview #paper');
    assert.ok(letterDraft.includes('ЛОЙИҲА') && letterDraft.includes('3.1д'), letterDraft);
    await window.screenshot('decision-refusal-preview-uz-Cyrl');
    await window.click(await window.waitFor('#document-preview-issue'));
    await window.waitForText('#decision-state', (text) => text === 'Рад этилган');
    const letter = `ТШ-${YEAR}-Р0001`;
    await window.waitFor(`#issued-documents tr[data-document="${letter}"]`);
    const text = printed('refusal', second).replace(/\s+/g, ' ');
    for (const expected of [letter, second, '3.1д', 'алкоголь таъсирида мастлик', 'ҳайдовчи мастлик ҳолатида', '8.2']) {
      assert.ok(text.includes(expected), `${expected} in the letter:\n${text}`);
    }
    await window.screenshot('decision-refused-uz-Cyrl');
  });
});

test('Settings: the bank-day calendar of the year, and a day set by the administrator', async () => {
  await window.failWithScreenshot('settings', async () => {
    // The calendar is an administrator's.
    await switchUser(window, 'admin');
    await window.click(await window.find('nav button[data-screen="settings"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Созламалар');
    const year = await window.find('#settings-year');
    await window.clear(year);
    await window.type(year, '2026');
    const days = await rowCells('#settings-days tr[data-day="2026-03-20"]');
    assert.match(days, /^20\.03\.2026 \| Байрам \(банк куни эмас\) \| Рамазон ҳайити/, days);
    await window.type(await window.find('#settings-date'), '30.12.2026');
    await window.type(await window.find('#settings-name'), 'Қарор №1');
    await window.click(await window.find('#settings-save'));
    const added = await rowCells('#settings-days tr[data-day="2026-12-30"]');
    assert.match(added, /^30\.12\.2026 \| Байрам \(банк куни эмас\) \| Қарор №1 администратор белгилаган$/, added);
    await window.screenshot('settings-calendar-uz-Cyrl');

    // 2027's hayit dates are estimates: the year waits for the administrator to confirm it
    // (and from November, the panel says next year waits).
    if (new Date().getMonth() >= 10 && new Date().getFullYear() === 2026) {
      assert.match(await window.waitForText('#settings-next-year'), /2027 йил тақвими ҳали тасдиқланмаган/);
    }
    await window.clear(year);
    await window.type(year, '2027');
    assert.match(await window.waitForText('#settings-unconfirmed'), /2027 йил тақвими тасдиқланмаган/);
    await window.screenshot('settings-calendar-unconfirmed-uz-Cyrl');
    await window.click(await window.find('#settings-confirm-year'));
    assert.match(await window.waitForText('#settings-confirmed'), /Тасдиқланган йиллар: 2026, 2027\./);
    assert.deepEqual(await window.findAll('#settings-next-year'), [], 'next year is confirmed now');

    // Issue 19: the desk's branch is set once here; the header shows it and a new claim
    // takes it (its field no longer typed).
    const branch = await window.find('#security-branch');
    await window.clear(branch);
    await window.type(branch, 'тш');
    await window.click(await window.find('#security-save'));
    assert.equal(await window.waitForText('#desk-branch'), 'ТШ');
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.click(await window.waitFor('#claims-new'));
    assert.equal(await window.execute("const f = document.getElementById('claim-branch'); return f.readOnly ? f.value : null"), 'ТШ');
    await window.click(await window.find('nav button[data-screen="settings"]'));

    // Issue 18: the desk's public key, in groups of four digits, made at its first start.
    const key = await window.waitForText('#settings-desk-key .key');
    assert.match(key, /^[0-9a-f]{4}( [0-9a-f]{4}){15}$/, key);
    assert.match(await window.text(await window.find('#settings-desk-key li')), /ҳозирги калит · .* · стол биринчи марта ишга туширилганда/);
    await window.execute("document.querySelector('#settings-desk-key').scrollIntoView()");
    await window.screenshot('settings-desk-key-uz-Cyrl');
  });
});

test('F1 lists the shortcuts; Esc closes the list', async () => {
  await window.failWithScreenshot('shortcuts', async () => {
    await window.keys('\uE031');
    const list = await window.waitForText('#shortcuts');
    for (const expected of ['Тугмалар бирикмаси', 'Alt+1 … Alt+6', 'Ctrl+N', 'Esc']) {
      assert.ok(list.includes(expected), `${expected} in:\n${list}`);
    }
    await window.screenshot('shortcuts-uz-Cyrl');
    await window.keys('\uE00C');
    await window.waitGone('#shortcuts');
  });
});

test('Today: each count opens the list filtered the same way, with as many claims, and a line opens its claim', async () => {
  await window.failWithScreenshot('today', async () => {
    const openToday = async () => {
      await window.click(await window.find('nav button[data-screen="today"]'));
      await window.waitForText('#screen-heading', (text) => text === 'Бугунги иш');
      await window.waitFor('#today .queue');
    };
    // A claim whose notice came four months ago with no documents since (6.1б).
    const ago = (days) => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
    const late = cli(desk.dbPath, [
      'claim', 'new', '--policy', 'MKS 0000102', '--branch', 'ТШ', '--claimant', 'Раҳимова Нилуфар',
      '--event-date', ago(130), '--place', 'Самарқанд', '--circumstances', 'Йиқилди', '--notice-date', ago(125),
    ]).split(/\s+/)[0];
    // Today is the first screen after signing in.
    await switchUser(window, 'officer');
    await window.waitForText('#screen-heading', (text) => text === 'Бугунги иш');
    await openToday();
    await window.screenshot('today-uz-Cyrl');
    const counts = await window.execute(
      "return [...document.querySelectorAll('#today .queue')].map((q) => [q.dataset.queue, Number(q.dataset.count)])",
    );
    // The same queues through the CLI, signed in as the same officer: one count each.
    const cliToday = JSON.parse(cli(desk.dbPath, ['claim', 'today', '--json']));
    assert.deepEqual(counts, cliToday.queues.map((line) => [line.queue, line.count]));
    for (const queue of ['documents_overdue', 'mine']) {
      const line = await window.text(await window.find(`#today .queue[data-queue="${queue}"]`));
      assert.ok(line.includes(late), `${late} under ${queue}: ${line}`);
    }
    for (const [queue, count] of counts) {
      await openToday();
      await window.click(await window.find(`#today .queue[data-queue="${queue}"] .count-link`));
      await window.waitFor(`#claims-queue[data-queue="${queue}"]`);
      if (count === 0) {
        await window.waitFor('#claims-empty');
      } else {
        await window.waitForText('#claims-count', (text) => text.startsWith(`${count} тадан`));
        const rows = await window.execute("return document.querySelectorAll('#claims-table tbody tr').length");
        assert.equal(rows, Math.min(count, 100), `${queue}: the rows listed`);
      }
    }
    // The chip names the line; clearing it shows every claim again.
    await window.click(await window.find('#claims-queue-clear'));
    await window.waitGone('#claims-queue');
    // A claim under a line opens that claim.
    await openToday();
    const first = await window.execute("const b = document.querySelector('#today .queue table button'); return b && b.textContent");
    assert.ok(first, 'a line lists its first claims');
    await window.click(await window.find('#today .queue table button'));
    await window.waitForText('#screen-heading', (text) => text === first);
    // ↓ moves along the Today links.
    await openToday();
    await window.execute("document.querySelector('#today [data-today-link]').focus()");
    await window.keys('\uE015');
    const moved = await window.execute("return document.activeElement === document.querySelectorAll('#today [data-today-link]')[1]");
    assert.ok(moved, 'the arrow key moved to the next link');

    // A person's card from the registry, found as "Nilufar Rakhimova" (any order, Russian-style
    // Latin): the policy in full, the claim on it, and a new claim on the same policy.
    await window.click(await window.find('nav button[data-screen="registry"]'));
    const search = await window.waitFor('#registry-search');
    await window.type(search, 'Nilufar Rakhimova');
    await window.waitForText('#registry-search-results tbody tr', (text) => text.includes('Раҳимова Нилуфар'));
    await window.keys('\uE015');
    const focused = await window.execute("return document.activeElement && document.activeElement.dataset.card !== undefined");
    assert.ok(focused, '↓ from the search goes to the first result');
    await window.keys('\uE007');
    await window.waitForText('#person-card-heading', (text) => text.includes('Раҳимова Нилуфар'));
    const claims = await window.text(await window.find('#person-card-claims'));
    assert.ok(claims.includes(late), `the card lists the claim ${late}: ${claims}`);
    await window.screenshot('person-card-uz-Cyrl');
    await window.click(await window.find('#person-card-register'));
    await window.waitForText('#screen-heading', (text) => text === 'Янги аризани рўйхатга олиш');
    const policy = await window.waitForText('#claim-policy');
    assert.ok(policy.includes('MKS 0000102'), policy);
  });
});

test('exports: the list to XLSX, the payments register, a long import cancelled, the rejected rows to CSV', async () => {
  await window.failWithScreenshot('exports', async () => {
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.waitFor('#claims-export');
    const list = path.join(desk.work, 'аризалар.xlsx');
    desk.answerDialog(list);
    await window.click(await window.find('#claims-export'));
    const saved = await window.waitForText('#claims-exported');
    assert.match(saved, /^[1-9]\d* та қатор сақланди: /, saved);
    assert.equal(fs.readFileSync(list).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
    assert.equal(fs.statSync(list).mode & 0o077, 0, 'the owner alone reads it');

    await window.click(await window.find('#claims-payments-open'));
    const register = path.join(desk.work, 'тўловлар.xlsx');
    desk.answerDialog(register);
    await window.click(await window.waitFor('#claims-payments-save'));
    await window.waitForText('#claims-exported', (text) => text.includes('тўловлар.xlsx'));
    assert.ok(fs.existsSync(register));
    await window.screenshot('claims-exports-uz-Cyrl');

    // A long import cancelled half way stores nothing.
    const big = path.join(desk.work, 'катта.csv');
    const starts = `01.01.${YEAR - 1}`;
    const ends = `31.12.${YEAR + 1}`;
    const lines = ['policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl'];
    for (let n = 300000; n < 380000; n += 1) {
      lines.push(`KAT,${n},${starts},${starts},${ends},,5000000,Катта Файл,12.10.1963,${pinfl('121063', n)}`);
    }
    fs.writeFileSync(big, lines.join('\n'));
    await window.click(await window.find('nav button[data-screen="registry"]'));
    desk.answerDialog(big);
    await window.click(await window.waitFor('#registry-browse'));
    await window.waitForText('#registry-file', (text) => text === 'катта.csv');
    await window.click(await window.find('#registry-import'));
    await window.click(await window.waitFor('#registry-cancel'));
    await window.waitForText('#registry-error', (text) => text === 'Бекор қилинди: ҳеч нарса сақланмади.');
    assert.throws(() => cli(desk.dbPath, ['policies', 'find', 'KAT 300001']), 'not one row of the cancelled file stored');

    // A file with a bad row: the rejected row saved to be corrected.
    const bad = path.join(desk.work, 'хато.csv');
    fs.writeFileSync(bad, `${lines[0]}\nKAT,0000001,${starts},${starts},${ends},,5000000,Хато Қатор,12.10.1963,31210630000001\n`);
    desk.answerDialog(bad);
    await window.click(await window.find('#registry-browse'));
    await window.waitForText('#registry-file', (text) => text === 'хато.csv');
    await window.click(await window.find('#registry-import'));
    await window.waitFor('#registry-export-rejected');
    const rejected = path.join(desk.work, 'рад-этилган.csv');
    desk.answerDialog(rejected);
    await window.click(await window.find('#registry-export-rejected'));
    await window.waitForText('#registry-exported', (text) => text.startsWith('1 та қатор сақланди'));
    const csv = fs.readFileSync(rejected, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.equal(csv[0], 'Қатор,policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,Муаммо');
    assert.match(csv[1], /^2,KAT,0000001,.*,31210630000001,"pinfl: ЖШШИР/, csv[1]);
    await window.screenshot('registry-rejected-uz-Cyrl');
  });
});
