// Every screen in the other two languages (issue 19): the whole journey runs in Uzbek Cyrillic
// (claims.test.mjs); here a desk with claims in every state is swept screen by screen and tab
// by tab in Uzbek Latin and in Russian. On a Latin screen no Cyrillic letter may appear but in
// what was typed in Cyrillic (names, places) and in claim and document numbers as issued
// (ТШ-2026-000001); on a Russian screen no Uzbek letter (ў қ ғ ҳ) but in typed text and in
// the schedule's texts, which exist only in Uzbek and are marked as Uzbek (lang="uz-Cyrl").
// The same sweep runs at 1024×768: nothing cut, nothing overlapping.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { cleanup, cli, driver, pinfl, startDesk } from './harness.mjs';

const YEAR = new Date().getFullYear();
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

/** What the data typed in Cyrillic: allowed on a Latin screen as typed. */
const TYPED = ['ТШ', 'Ҳолматов Шерзод', 'Юсупова Нилуфар', 'Тошматов Бобур', 'Тошкент', 'Самарқанд', 'Йиқилди', 'ўзи',
  'Каримова Нилуфар', 'Раҳимов Баҳодир', 'Тизим Администратори', 'Ҳужжатлар уч ой ичида тақдим этилмади.'];

let desk;
let window;
const numbers = {};

function prepare(made) {
  const as = {};
  const register = path.join(made.work, 'register.csv');
  const starts = `01.01.${YEAR - 1}`;
  const ends = `31.12.${YEAR + 1}`;
  fs.writeFileSync(register, [
    'policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch',
    `MKS,0000001,${starts},${starts},${ends},${starts},10000000,Ҳолматов Шерзод,12.10.1963,${pinfl('121063', 1)},AA0000001,+998901234567,Тошкент,KR-1,20000000,Тошкент`,
    `MKS,0000002,${starts},${starts},${ends},${starts},5000000,Юсупова Нилуфар,12.10.1963,${pinfl('121063', 2)},AA0000002,,,,,Самарқанд`,
    `MKS,0000003,${starts},${starts},${ends},${starts},5000000,Тошматов Бобур,12.10.1963,${pinfl('121063', 3)},AA0000003,,,,,Тошкент`,
    '',
  ].join('\n'));
  cli(made.dbPath, ['settings', 'set', '--branch', 'ТШ'], { user: 'admin' });
  cli(made.dbPath, ['policies', 'import', register], as);
  const claim = (policy, event, notice) => cli(made.dbPath, [
    'claim', 'new', '--policy', policy, '--branch', 'ТШ', '--claimant', 'Ҳолматов Шерзод',
    '--event-date', event, '--place', 'Тошкент', '--circumstances', 'Йиқилди', '--notice-date', notice, '--fracture',
  ], as).split(/\s+/)[0];
  const receiveAll = (number) => {
    for (const item of ['application', 'policy_original', 'insured_passport', 'medical_certificate', 'medical_record_extract', 'xray_images']) {
      cli(made.dbPath, ['claim', 'doc-receive', number, item, '--date', day(-10)], as);
    }
  };
  // Waiting on documents, one in; paid with a deferred item; refused.
  numbers.open = claim('MKS 0000002', day(-40), day(-38));
  cli(made.dbPath, ['claim', 'doc-receive', numbers.open, 'application', '--date', day(-30)], as);
  numbers.paid = claim('MKS 0000001', day(-30), day(-29));
  receiveAll(numbers.paid);
  const request = path.join(made.work, 'calc.json');
  fs.writeFileSync(request, '{"injuries": [{"item": "71а"}, {"item": "72"}]}');
  cli(made.dbPath, ['claim', 'calc', numbers.paid, request], as);
  cli(made.dbPath, ['decide', numbers.paid, 'approve', '--on', day(-3)], as);
  cli(made.dbPath, ['decide', numbers.paid, 'sign', '--on', day(-2)], as);
  const shown = JSON.parse(cli(made.dbPath, ['decide', numbers.paid, 'show', '--json'], as));
  for (const payee of shown.decisions.at(-1).payees) {
    cli(made.dbPath, ['decide', numbers.paid, 'pay', '--payee', String(payee.id), '--amount', payee.amount, '--order', 'PT-17', '--on', day(-1)], as);
  }
  numbers.refused = claim('MKS 0000003', day(-30), day(-29));
  receiveAll(numbers.refused);
  cli(made.dbPath, ['decide', numbers.refused, 'refuse', '--ground', '3.1d', '--explanation', 'Ҳужжатлар уч ой ичида тақдим этилмади.', '--on', day(-1)], as);
}

before(async () => {
  desk = await startDesk({ prepare });
  window = driver(desk);
});

after(async () => {
  if (!desk) return;
  const stragglers = await cleanup(desk);
  assert.deepEqual(stragglers, [], 'every process the run started ended with its group');
});

/** The page's words a person reads, without what is marked as another language's text. */
const pageText = () =>
  window.execute(`
    const page = document.documentElement.lang || '';
    const clone = document.body.cloneNode(true);
    for (const marked of clone.querySelectorAll('[lang]')) {
      if (marked.getAttribute('lang') !== page) marked.remove();
    }
    // A field's placeholder and a select's options are read too (an option may be marked).
    const placeholders = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map((field) => field.placeholder);
    const options = [...document.querySelectorAll('option')]
      .filter((option) => !option.hasAttribute('lang') || option.getAttribute('lang') === page)
      .map((option) => option.textContent);
    return [clone.innerText, ...placeholders, ...options].join('\\n');
  `);

/** Words of `text` with a letter of `letters`, but what was typed and the numbers as issued. */
function strangers(text, letters) {
  // Claim and document numbers as issued: ТШ-2026-000001, ТШ-2026-Д0001.
  let rest = text.replace(/[А-ЯЁЎҚҒҲ]{1,4}-\d{4}-[А-ЯЁЎҚҒҲ]?\d+/g, ' ');
  for (const typed of TYPED) rest = rest.split(typed).join(' ');
  return [...new Set(rest.split(/[\s,.;:()«»"'|·—–/]+/).filter((word) => letters.test(word)))];
}

const CYRILLIC = /[\u0400-\u04ff]/;
const UZBEK = /[ўқғҳЎҚҒҲ]/;

async function visit(name, language, open) {
  await open();
  await window.painted();
  await window.screenshot(`sweep-${name}-${language}`);
  return { name, text: await pageText() };
}

async function openClaim(number, tab) {
  await window.click(await window.find('nav button[data-screen="claims"]'));
  const search = await window.waitFor('#claims-search');
  await window.clear(search);
  await window.type(search, number);
  await window.click(await window.waitFor(`#claims-table tr[data-claim="${number}"] button`));
  await window.waitForText('#screen-heading', (text) => text === number);
  await window.click(await window.find(`#claim-tab-${tab}`));
  await window.waitFor(`#claim-panel-${tab}`);
}

/** The Calculator with an item picked on a sum insured. */
async function openCalculator() {
  await window.click(await window.find('nav button[data-screen="calculator"]'));
  await window.waitFor('details summary');
  if ((await window.findAll('#calc-payable')).length === 0) {
    const sum = await window.find('#calc-sum-insured');
    await window.clear(sum);
    await window.type(sum, '6000000');
    const search = await window.find('#calc-search');
    await window.clear(search);
    await window.type(search, '97');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="97б"]'));
  }
  await window.waitFor('#calc-payable');
}

/** Every screen and tab, in `language`. */
async function sweep(language) {
  await window.click(await window.find(`#language-select option[value="${language}"]`));
  await window.waitFor(`html[lang="${language}"]`);
  const seen = [];
  const screen = (name) => async () => {
    await window.click(await window.find(`nav button[data-screen="${name}"]`));
    await window.waitFor('#screen-heading');
  };
  seen.push(await visit('today', language, async () => {
    await screen('today')();
    await window.waitFor('#today .queue');
  }));
  seen.push(await visit('claims', language, async () => {
    await screen('claims')();
    await window.waitFor('#claims-table');
  }));
  for (const tab of ['summary', 'documents', 'decision', 'history']) {
    seen.push(await visit(`claim-${tab}`, language, () => openClaim(numbers.paid, tab)));
  }
  seen.push(await visit('claim-open-documents', language, () => openClaim(numbers.open, 'documents')));
  seen.push(await visit('claim-refused-decision', language, () => openClaim(numbers.refused, 'decision')));
  seen.push(await visit('new-claim', language, async () => {
    await screen('claims')();
    await window.click(await window.find('#claims-new'));
    await window.waitFor('#claim-policy-search, #claim-policy');
    // The form keeps its draft: the policy picked in the first sweep is there in the second.
    if ((await window.findAll('#claim-policy')).length === 0) {
      await window.type(await window.find('#claim-policy-search'), 'MKS 0000001');
      await window.click(await window.waitFor('#claim-policy-search-results tr[data-policy="MKS 0000001"] button'));
    }
    await window.waitFor('#claim-policy');
  }));
  seen.push(await visit('calculator', language, openCalculator));
  seen.push(await visit('registry', language, async () => {
    await screen('registry')();
    const search = await window.waitFor('#registry-search');
    await window.clear(search);
    await window.type(search, 'kholmatov');
    await window.click(await window.waitFor('#registry-search-results button[data-card]'));
    await window.waitFor('#person-card-claims');
  }));
  seen.push(await visit('settings', language, screen('settings')));
  seen.push(await visit('about', language, screen('about')));
  seen.push(await visit('shortcuts', language, async () => {
    await window.keys('\uE031');
    await window.waitFor('#shortcuts');
  }));
  await window.keys('\uE00C');
  await window.waitGone('#shortcuts');
  return seen;
}

test('every screen in Uzbek Latin has no Cyrillic but what was typed and the numbers as issued', async () => {
  await window.failWithScreenshot('sweep-uz-Latn', async () => {
    const found = [];
    for (const { name, text } of await sweep('uz-Latn')) {
      const words = strangers(text, CYRILLIC);
      if (words.length > 0) found.push(`${name}: ${words.join(' ')}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
  });
});

test('every screen in Russian has no Uzbek letter but in typed text and in the schedule marked as Uzbek', async () => {
  await window.failWithScreenshot('sweep-ru', async () => {
    const found = [];
    for (const { name, text } of await sweep('ru')) {
      const words = strangers(text, UZBEK);
      if (words.length > 0) found.push(`${name}: ${words.join(' ')}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
  });
});

/** What does not fit on the screen as it is: amounts cut, the header's parts overlapping. */
const layoutProblems = () =>
  window.execute(`
    const problems = [];
    const visible = (element) => element.getClientRects().length > 0;
    for (const cell of document.querySelectorAll('td.num, dd, .payable, .amount, [id$="-payable"]')) {
      if (visible(cell) && cell.scrollWidth > cell.clientWidth + 1) problems.push('cut: ' + cell.textContent.trim().slice(0, 40));
    }
    const parts = [...document.querySelectorAll('.topbar > *')].filter(visible).map((part) => part.getBoundingClientRect());
    for (let i = 0; i < parts.length; i += 1) {
      for (let j = i + 1; j < parts.length; j += 1) {
        const [a, b] = [parts[i], parts[j]];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push('header parts overlap');
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
    return problems;
  `);

test('at 1024×768 and 1280×800 nothing is cut and nothing overlaps, in every language', async () => {
  await window.failWithScreenshot('layout', async () => {
    const found = [];
    for (const [width, height] of [[1024, 768], [1280, 800]]) {
      await window.setSize(width, height);
      for (const language of ['uz-Cyrl', 'uz-Latn', 'ru']) {
        await window.click(await window.find(`#language-select option[value="${language}"]`));
        await window.waitFor(`html[lang="${language}"]`);
        for (const [name, open] of [
          ['today', async () => { await window.click(await window.find('nav button[data-screen="today"]')); await window.waitFor('#today .queue'); }],
          ['claims', async () => { await window.click(await window.find('nav button[data-screen="claims"]')); await window.waitFor('#claims-table'); }],
          ['decision', () => openClaim(numbers.paid, 'decision')],
          ['summary', () => openClaim(numbers.paid, 'summary')],
          ['calculator', openCalculator],
        ]) {
          await open();
          await window.painted();
          const problems = await layoutProblems();
          if (problems.length > 0) {
            found.push(`${width}×${height} ${language} ${name}: ${problems.join('; ')}`);
            await window.screenshot(`layout-${width}-${language}-${name}`);
          }
        }
      }
      await window.screenshot(`layout-${width}x${height}-calculator`);
    }
    assert.deepEqual(found, [], found.join('\n'));
  });
});
