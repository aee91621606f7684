'use strict';
/**
 * The sidebar and the dialog in headless Chromium, served by the recorded API
 * answers: what a manager sees, asserted as visible text and layout, and saved as
 * the screenshots the READMEs show (docs/addon/).
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const { fixture } = require('../tests/gas.js');
const { launch, missing, openAddonPage, screenshot, settled, tooWide } = require('./harness.js');

const SIDEBAR_WIDTH = 300;
const why = missing();

test('the add-on in a real browser', { skip: why ? 'browser tests skipped: ' + why : false }, async (t) => {
  const browser = await launch();
  t.after(() => browser.close());

  await t.test('the sync result names every flagged KPI, grouped by person, within 300 px', async () => {
    const { page, world } = await openAddonPage(browser,
      { page: 'Sidebar', mode: 'sync', width: SIDEBAR_WIDTH, height: 900 });
    await page.waitForSelector('#output .on-target');
    await settled(page);
    const text = await page.evaluate(() => document.getElementById('output').innerText);
    const sync = fixture('sync').body;
    assert.match(text, /^What needs attention/);
    for (const item of sync.attention) {
      assert.ok(text.includes(item.kpi), item.kpi);
      for (const flag of item.flags) { assert.ok(text.includes(flag.reason), flag.reason); }
    }
    const people = await page.$$eval('#output section.person h3', (nodes) => nodes.map((n) => n.innerText));
    assert.deepEqual(people, [...new Set(sync.attention.map((a) => a.person))]);
    assert.ok(text.includes(sync.on_target + ' KPIs on target.'));
    const almost = await page.$$eval('#output .almost', (nodes) => nodes.map((n) => n.innerText));
    assert.equal(almost.length, sync.attention.filter((a) => a.almost).length);
    assert.doesNotMatch(text, /Sheets requests|cells changed/, 'request counts stay in the closed fold');
    const schedule = await page.$eval('#schedule', (node) => node.innerText);
    assert.ok(schedule.startsWith(fixture('schedule').body.summary));
    assert.deepEqual(await tooWide(page, SIDEBAR_WIDTH), []);
    await screenshot(page, 'sidebar-sync.png', false);
    await page.click('#output .kpi-link');
    await page.waitForFunction(() => true);
    const first = sync.attention[0];
    assert.equal(world.spreadsheet.getActiveSheet().getSheetId(), first.tab_id);
    assert.equal(world.spreadsheet.getActiveSheet().getActiveRange().getRow(), first.row);
    await page.close();
  });

  await t.test('the validation report leads with what to change and hides the debug words', async () => {
    const { page } = await openAddonPage(browser,
      { page: 'Sidebar', mode: 'validate', width: SIDEBAR_WIDTH, height: 900 });
    await page.waitForSelector('#output h3');
    await settled(page);
    const text = await page.evaluate(() => document.getElementById('output').innerText);
    const report = fixture('validate_tab').body;
    const rejected = report.results.find((r) => !r.accepted);
    const accepted = report.results.find((r) => r.accepted);
    assert.ok(text.indexOf(rejected.name) < text.indexOf(accepted.name));
    assert.doesNotMatch(text, /\b(pass|warn|fail)\b|R\d\.\d+-|Sheets requests/);
    await screenshot(page, 'sidebar-validate.png', true);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 1200, 'report height ' + height + ' px');
    assert.deepEqual(await tooWide(page, SIDEBAR_WIDTH), []);
    await page.close();
  });

  await t.test('after "Check" the verdict is in view, focused and announced', async () => {
    const { page, world } = await openAddonPage(browser,
      { page: 'Sidebar', mode: 'check', width: SIDEBAR_WIDTH, height: 700 });
    await page.waitForSelector('#field-name');
    await settled(page);
    const deciding = await page.$$eval('#check-fields [name]', (nodes) => nodes.map((n) => n.name));
    assert.deepEqual(deciding, ['name', 'business_result', 'unit', 'direction', 'target']);
    assert.equal(await page.$eval('#field-direction', (n) => n.value), '');
    await page.type('#field-name', '% of customer statements sent by business day 5');
    await page.type('#field-business_result', 'cash collection');
    await page.type('#field-unit', '%');
    await page.select('#field-direction', 'higher');
    await page.type('#field-target', '100');
    await page.click('#check-submit');
    await page.waitForSelector('#check-result h2');
    await settled(page);
    const box = await page.$eval('#check-result', (node) => {
      const rect = node.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, focused: document.activeElement === node,
        live: node.getAttribute('aria-live'), text: node.innerText, viewport: window.innerHeight };
    });
    assert.ok(box.top >= 0 && box.top < box.viewport, 'verdict top at ' + box.top);
    assert.equal(box.focused, true);
    assert.equal(box.live, 'polite');
    assert.ok(box.text.includes(fixture('validate_kpis').body.results[0].verdict));
    assert.match(box.text, /Add this KPI to the tab/);
    const sent = world.requests[world.requests.length - 1].body;
    assert.equal(sent.kpis[0].direction, 'higher');
    assert.deepEqual(await tooWide(page, SIDEBAR_WIDTH), []);
    await screenshot(page, 'sidebar-check.png', false);
    await page.close();
  });

  await t.test('the dialog says a scorecard exists and offers to open it', async () => {
    const existing = fixture('provision_existing').body.scorecard;
    const { page } = await openAddonPage(browser, { page: 'NewScorecard', width: 460, height: 600,
      prepare: (world) => { world.provisionFixture = 'provision_existing'; } });
    await page.waitForFunction(() => document.querySelectorAll('#role option').length > 1);
    await page.select('#role', existing.role);
    await page.click('#optional-kpis input');
    await page.type('#person', existing.person);
    await page.click('#create-button');
    await page.waitForSelector('#open-button:not([hidden])');
    const status = await page.$eval('#status', (node) => node.innerText);
    assert.ok(status.startsWith(existing.person + ' already has a'), status);
    assert.match(status, /not on it yet/);
    await screenshot(page, 'dialog-existing.png', false);
    await page.close();
  });
});
