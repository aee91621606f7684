'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { GOOD_ROW, TOKEN, loadAddon, run } = require('./gas.js');
const { openPage } = require('./dom.js');

const EVIL = '<img src=x onerror=alert(1)>';

function sidebar(world, menuFunction) {
  run(world, menuFunction);
  return openPage(world, world.sidebars[world.sidebars.length - 1].getContent());
}

function busyReport(name) {
  return {
    results: [{ index: 0, name, accepted: false, criteria: {
      drives_result: { status: 'fail', findings: [{ rule: 'drives_result.busy_work', severity: 'error',
        message: 'Counts activity ' + EVIL, suggestion: 'Measure the result ' + EVIL }] },
      in_control: { status: 'pass', findings: [] },
    } }],
    scorecard: { findings: [{ rule: 'scorecard.size', severity: 'warning', message: 'Only one KPI.', suggestion: '' }] },
  };
}

test('the validation report renders per KPI, server text as text only', () => {
  const world = loadAddon();
  world.judge = () => busyReport(EVIL);
  const page = sidebar(world, 'validateScorecard');
  assert.deepEqual(page.calls, ['validateActiveTab']);
  const text = page.byId('output').textContent;
  assert.match(text, /Validation of “Dana — Operations”/);
  assert.match(text, /0 of 1 KPIs meet all three criteria/);
  assert.ok(text.includes(EVIL + ' Not yet'));
  assert.match(text, /Drives a business result: fail/);
  assert.ok(text.includes('Try: Measure the result ' + EVIL));
  assert.match(text, /The scorecard as a whole.*Only one KPI/);
  assert.equal(page.document.created.includes('IMG'), false);
  assert.equal(text.includes(TOKEN), false);
});

test('sync results show counts, requests, tab errors and flags', () => {
  const world = loadAddon();
  world.syncResult = { tabs: 2, rows: 9, changed_cells: 14, requests: { reads: 1, writes: 1 },
    tab_errors: [{ tab: 'Old tab', code: 'bad_layout', message: 'Header row missing.' }],
    flags: [{ tab: 'Dana — Operations', kpi: 'On-time delivery', level: 'discuss', code: 'consecutive_misses',
      reason: 'Missed target 3 periods running.', fix: 'Discuss it at the Monday ops meeting.' }] };
  const page = sidebar(world, 'refreshTrends');
  const text = page.byId('output').textContent;
  assert.match(text, /2 tabs, 9 KPI rows, 14 cells changed/);
  assert.match(text, /Sheets requests: 1 read, 1 write/);
  assert.match(text, /Old tab: Header row missing\./);
  assert.match(text, /discuss Dana — Operations · On-time delivery: Missed target 3 periods running\./);
  assert.match(text, /Try: Discuss it at the Monday ops meeting\./);
});

test('a flag count renders too', () => {
  const world = loadAddon();
  const page = sidebar(world, 'refreshTrends');
  assert.match(page.byId('output').textContent, /3 flags raised\./);
});

test('the "Check a new KPI" form sends the definition and shows the verdict', () => {
  const world = loadAddon();
  const page = sidebar(world, 'showKpiCheck');
  const form = page.byId('check-form');
  assert.equal(form.hidden, false);
  assert.deepEqual(page.calls, ['getTemplates', 'activeTabRole']);
  assert.equal(form.elements.role.options.length, 1);
  assert.equal(form.elements.role.value, 'operations'); // the active tab's role
  const fields = ['name', 'definition', 'owner', 'business_result', 'control', 'unit', 'direction',
    'target', 'cadence', 'data_source', 'review_forum', 'last_reviewed'];
  fields.forEach((field, index) => { form.elements[field].value = GOOD_ROW[index]; });
  form.elements.name.value = 'Weekly busy checklist';
  form.elements.role.value = 'operations';
  const event = form.dispatch('submit');
  assert.equal(event.defaultPrevented, true);
  const sent = world.requests[world.requests.length - 1];
  assert.match(sent.url, /\/api\/v1\/kpis\/validate$/);
  assert.equal(sent.body.role, 'operations');
  assert.equal(sent.body.kpis[0].name, 'Weekly busy checklist');
  assert.equal(sent.body.kpis[0].target, '95');
  const text = page.byId('output').textContent;
  assert.match(text, /Check of “Weekly busy checklist”/);
  assert.match(text, /Try: Measure the outcome the checklist protects\./);
});

test('a failed call shows the readable message in the status line', () => {
  const world = loadAddon();
  world.handler = () => ({ status: 429, body: { error: { code: 'quota_exhausted', message: 'x', fields: {} } } });
  const page = sidebar(world, 'validateScorecard');
  const status = page.byId('status');
  assert.equal(status.textContent, "Google's Sheets quota is used up for this minute. Try again in a minute.");
  assert.equal(status.className, 'status error');
  assert.equal(page.byId('validate-button').disabled, false);
});

test('the new-scorecard dialog offers roles and creates the chosen scorecard', () => {
  const world = loadAddon();
  world.templates[0].title = 'Operations ' + EVIL;
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  const roles = form.elements.role.options.map((option) => option.textContent);
  assert.deepEqual(roles, ['Pick a role', 'Operations ' + EVIL]);
  form.elements.role.value = 'operations';
  form.elements.role.dispatch('change');
  assert.equal(page.byId('description').textContent, 'Runs delivery.');
  assert.equal(page.byId('default-kpis').textContent, '✓ On-time delivery');
  const [box] = page.byId('optional-kpis').getElementsByTagName('input');
  box.checked = true;
  form.elements.person.value = ' Dana ';
  form.dispatch('submit');
  const sent = world.requests[world.requests.length - 1];
  assert.deepEqual(sent.body, { role: 'operations', person: 'Dana', kpis: ['On-time delivery', 'Order cycle time'] });
  assert.match(page.byId('status').textContent, /Added the tab “Dana — operations”/);
  page.timers.forEach((fn) => fn());
  assert.equal(page.host.closed, true);
  assert.equal(page.document.created.includes('IMG'), false);
});

test('the dialog asks for a person before calling the server', () => {
  const world = loadAddon();
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  form.elements.role.value = 'operations';
  form.dispatch('submit');
  assert.deepEqual(page.calls, ['getTemplates']);
  assert.match(page.byId('status').textContent, /type the person/);
});
