// The real Tovon window under Xvfb: title, Uzbek Cyrillic heading as text, the About
// panel's facts coming from the database through IPC, and the language switch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cleanup, dbInfo, driver, recordTiming, startDesk, switchUser } from './harness.mjs';

const CLAIMS_HEADING = {
  'uz-Cyrl': 'Суғурта ҳодисалари бўйича аризалар',
  'uz-Latn': 'Sugʻurta hodisalari boʻyicha arizalar',
  ru: 'Заявления по страховым случаям',
};
// What UTF-8 Cyrillic turns into when read as Latin-1: "Ð¡" and the like.
const MOJIBAKE = /[ÐÑ][\u0080-\u00bf]|\ufffd/;

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

const selectedLanguage = () => window.execute("return document.getElementById('language-select').value");

test('the window opens on the first screen, served by the app itself', async () => {
  await window.failWithScreenshot('first-screen', async () => {
    const heading = await window.waitForText('#screen-heading, #startup-error');
    recordTiming('launch_to_first_screen', Date.now() - desk.launchedAt);
    const url = await window.url();
    assert.match(url, /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/, `served by the custom protocol, not a dev server: ${url}`);
    const startupErrors = await window.findAll('#startup-error');
    assert.equal(startupErrors.length, 0, `the window shows an error page: ${heading}`);
    assert.equal(await window.title(), 'Tovon');
    await window.screenshot('today-uz-Cyrl');
  });
});

test('the heading is Uzbek Cyrillic text, not mojibake', async () => {
  await window.failWithScreenshot('heading', async () => {
    const heading = await window.waitForText('#screen-heading');
    assert.doesNotMatch(heading, MOJIBAKE);
    assert.equal(heading, 'Бугунги иш', 'the first screen after sign-in is Today (issue 19)');
    const charset = await window.execute('return document.characterSet');
    assert.equal(charset, 'UTF-8');
    const font = await window.execute(
      "return document.fonts.check('16px \"Noto Sans\"', 'ҳғқў') && getComputedStyle(document.body).fontFamily",
    );
    assert.match(String(font), /Noto Sans/, 'the shipped font renders the Uzbek letters');
  });
});

test('the About panel shows the schema version read from the database through IPC', async () => {
  await window.failWithScreenshot('about', async () => {
    await window.click(await window.find('nav button[data-screen="about"]'));
    const schemaVersion = await window.waitForText('#about-schema-version');
    const dbPath = await window.waitForText('#about-db-path');
    const info = dbInfo(desk);
    assert.equal(dbPath, desk.dbPath, 'the panel names the file the app opened');
    assert.equal(Number(schemaVersion), info.schema_version);
    assert.ok(info.schema_version >= 1);
    assert.equal(await window.waitForText('#about-sqlite-version'), info.sqlite_version);
    await window.screenshot('about-uz-Cyrl');
  });
});

test('the language switch changes the heading and is remembered by the database', async () => {
  await window.failWithScreenshot('language', async () => {
    await window.click(await window.find('nav button[data-screen="claims"]'));
    // Clicking the option selects it (WebDriver); clicking the <select> first would
    // open GTK's native popup, which a headless run never closes.
    await window.click(await window.find('#language-select option[value="uz-Latn"]'));
    await window.waitForText('#screen-heading', (text) => text === CLAIMS_HEADING['uz-Latn']);
    assert.equal(await selectedLanguage(), 'uz-Latn');
    await window.screenshot('claims-uz-Latn');

    await window.refresh();
    const afterReload = await window.waitForText('#screen-heading');
    assert.equal(afterReload, 'Bugungi ish', 'the choice survives a reload, which starts at Today');
    assert.equal(await selectedLanguage(), 'uz-Latn');
    await window.screenshot('today-uz-Latn');
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.waitForText('#screen-heading', (text) => text === CLAIMS_HEADING['uz-Latn']);

    await window.click(await window.find('#language-select option[value="ru"]'));
    await window.waitForText('#screen-heading', (text) => text === CLAIMS_HEADING.ru);
    await window.screenshot('claims-ru');

    // The window language is each user's own: the administrator signs in to the desk's
    // language, and the officer finds Russian again at the next sign-in.
    await switchUser(window, 'admin');
    await window.waitFor('#screen-heading');
    assert.equal(await selectedLanguage(), 'uz-Cyrl', "the officer's choice is the officer's");
    await switchUser(window, 'officer');
    await window.waitFor('#screen-heading');
    assert.equal(await selectedLanguage(), 'ru', 'back at the next sign-in');
    await window.click(await window.find('nav button[data-screen="claims"]'));
    await window.waitForText('#screen-heading', (text) => text === CLAIMS_HEADING.ru);

    await window.click(await window.find('#language-select option[value="uz-Cyrl"]'));
    await window.waitForText('#screen-heading', (text) => text === CLAIMS_HEADING['uz-Cyrl']);
  });
});

// Money as shown: "2 100 000,00 сўм" with a thin no-break space between thousands.
const spaces = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

test('the calculator: two items picked, surgery ticked, the payable shown', async () => {
  await window.failWithScreenshot('calculator', async () => {
    await window.click(await window.find('nav button[data-screen="calculator"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Суғурта тўлови ҳисоби');
    await window.waitFor('details summary');
    await window.type(await window.find('#calc-sum-insured'), '6 000 000');

    const search = await window.find('#calc-search');
    await window.type(search, 'болдир суяги');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="97б"]'));
    await window.click(await window.waitFor('input[data-surgery="97б"]'));
    await window.clear(search);
    await window.type(search, '108');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="108"]'));

    const payable = await window.waitForText('#calc-payable', (text) => spaces(text) === '2 100 000,00 сўм');
    assert.equal(spaces(payable), '2 100 000,00 сўм', '97б 15 % + surgery 10 % + 108 10 % of 6 000 000');
    assert.equal(await window.waitForText('#calc-total-percent'), '35 %');
    const clauses = await window.execute("return [...document.querySelectorAll('table.lines td:last-child')].map(td => td.textContent)");
    assert.ok(clauses.includes('97-банд, 1-изоҳ'), `the add-on names its note: ${clauses}`);
    await window.screenshot('calculator-uz-Cyrl');
  });
});

test('the calculator: an item the table cannot pay is named, nothing is lost', async () => {
  await window.failWithScreenshot('calculator-error', async () => {
    const search = await window.find('#calc-search');
    await window.clear(search);
    await window.type(search, 'бош мия чайқалиши');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="5"]'));
    const message = await window.waitForText('#calc-error');
    assert.match(message, /^5 банди учун жадвалда фоиз йўқ .*D6/, 'in the user\'s language, naming the item and the decision');
    assert.equal((await window.findAll('li[data-picked]')).length, 3, 'the picked items stay');
    await window.click(await window.find('button[aria-label$=" 5"]'));
    const payable = await window.waitForText('#calc-payable', (text) => spaces(text) === '2 100 000,00 сўм');
    assert.ok(payable);
  });
});

test('the calculator by keyboard: Enter in the search adds the first match', async () => {
  await window.failWithScreenshot('calculator-keyboard', async () => {
    const search = await window.find('#calc-search');
    await window.clear(search);
    await window.type(search, 'кўкрак қафасини синиши');
    await window.waitFor('.schedule-panel > ul.items button[data-item="28"]');
    await window.type(search, '\uE007'); // Enter
    await window.waitFor('li[data-picked="28"]');
    const payable = await window.waitForText('#calc-payable', (text) => spaces(text) === '2 700 000,00 сўм');
    assert.ok(payable, '97б 15 + 10, 108 10, 28 10 = 45 % of 6 000 000');
    await window.screenshot('calculator-keyboard');
  });
});

test('the calculator in Uzbek Latin: schedule texts, lines and money follow the switch', async () => {
  await window.failWithScreenshot('calculator-latin', async () => {
    await window.click(await window.find('#language-select option[value="uz-Latn"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Sugʻurta toʻlovi hisobi');
    await window.waitForText('li[data-picked="28"] .label', (text) => text === 'Koʻkrak qafasini sinishi');
    const payable = await window.waitForText('#calc-payable', (text) => spaces(text) === '2 700 000,00 soʻm');
    assert.ok(payable, 'nothing picked is lost by the switch');
    await window.screenshot('calculator-uz-Latn');
    await window.click(await window.find('#language-select option[value="uz-Cyrl"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Суғурта тўлови ҳисоби');
  });
});

test('the calculator: a jaw by its bones, a doctor\'s conclusion, the burn-disease warning (D22, D27, D21)', async () => {
  await window.failWithScreenshot('calculator-version-2', async () => {
    const search = await window.find('#calc-search');
    await window.clear(search);
    await window.type(search, 'ёноқ суяги');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="37"]'));
    const asked = await window.waitForText('#calc-error', (text) => text.includes('суяк'));
    assert.match(asked, /^37 банди суяк бўйича танланади: юқори жағ, ёноқ суяги, пастки жағ, пастки жағнинг чиқиши \(D22\)/);
    await window.click(await window.waitFor('li[data-picked="37"] select[data-bone] option[value="upper_jaw"]'));
    await window.click(await window.find('.schedule-panel > ul.items button[data-item="37"]'));
    const bones = await window.findAll('li[data-picked="37"] select[data-bone]');
    assert.equal(bones.length, 2, 'each bone is its own injury');
    await window.execute(
      "const s = document.querySelectorAll('li[data-picked=\"37\"] select[data-bone]')[1]; s.value = 'cheekbone'; s.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    // 45 % before, + 5 % for the upper jaw; the cheekbone counts once with it (note 5).
    await window.waitForText('#calc-payable', (text) => spaces(text) === '3 000 000,00 сўм');
    const reasons = await window.execute("return [...document.querySelectorAll('table.lines tr.line-zeroed')].map(tr => tr.textContent)");
    assert.ok(reasons.some((text) => text.includes('37-банд, 5-изоҳ') && text.includes('D22')), `${reasons}`);

    await window.click(await window.find('#calc-add-conclusion'));
    await window.click(await window.waitFor('li[data-conclusion] select option[value="articles_107_108"]'));
    await window.type(await window.find('input[data-conclusion-percent]'), '15');
    await window.type(await window.find('input[data-conclusion-reference]'), '№ 12, 03.05.2026');
    // The conclusion's 15 % is capped at the section's largest item, 10 % (D27).
    await window.waitForText('#calc-payable', (text) => spaces(text) === '3 600 000,00 сўм');
    const lines = await window.execute("return [...document.querySelectorAll('table.lines tr')].map(tr => tr.textContent)");
    assert.ok(lines.some((text) => text.includes('7.1, иккинчи хатбоши (D27)') && text.includes('№ 12, 03.05.2026')), `${lines}`);

    await window.clear(search);
    await window.type(search, 'куйиш касаллиги');
    await window.click(await window.waitFor('.schedule-panel > ul.items button[data-item="60"]'));
    await window.waitForText('#calc-payable', (text) => spaces(text) === '4 200 000,00 сўм');
    const warnings = await window.execute("return [...document.querySelectorAll('ul.warnings li')].map(li => li.textContent)");
    assert.ok(warnings.some((text) => text.includes('D21') && text.includes('куйиш ёки совуқ уриш')), `${warnings}`);
    await window.screenshot('calculator-version-2');
    await window.execute("document.querySelector('.panel.result table.lines').scrollIntoView()");
    await window.painted();
    await window.screenshot('calculator-version-2-lines');

    // In Uzbek Latin the bones, the conclusion's section and its lines follow the switch.
    await window.click(await window.find('#language-select option[value="uz-Latn"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Sugʻurta toʻlovi hisobi');
    // The lines come back from the desk recalculated in the new script.
    await window.waitForText('table.lines', (text) => text.includes('Koʻkrak qafasini sinishi') && text.includes('yuqori jagʻning sinishi'));
    await window.waitForText('#calc-payable', (text) => spaces(text) === '4 200 000,00 soʻm');
    const latin = await window.execute(
      "const grid = document.querySelector('.calc-grid').cloneNode(true); grid.querySelectorAll('.id, td:first-child, strong').forEach((id) => id.remove()); return grid.textContent",
    );
    assert.ok(latin.includes('yuqori jagʻ') && latin.includes('107–108-bandlar'), 'Latin bones and sections');
    assert.ok(!/[А-Яа-яЁёЎўҚқҒғҲҳ]/.test(latin.replace(/№ 12, 03\.05\.2026/g, '')), `no Cyrillic on a Latin screen: ${latin.match(/[^\s]*[А-Яа-яЁёЎўҚқҒғҲҳ][^\s]*/g)}`);
    await window.screenshot('calculator-version-2-uz-Latn');
    await window.click(await window.find('#language-select option[value="uz-Cyrl"]'));
    await window.waitForText('#screen-heading', (text) => text === 'Суғурта тўлови ҳисоби');
  });
});
