'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BACKEND, SCORECARDS, SPREADSHEET_ID, TOKEN, fixture, loadAddon, run } = require('./gas.js');

const plain = (value) => JSON.parse(JSON.stringify(value));
const SID = '/api/v1/spreadsheets/' + SPREADSHEET_ID;
const TAB = SCORECARDS[0];

function assertSent(request, method, path, body) {
  assert.equal(request.url, BACKEND + path);
  assert.equal(request.method, method);
  assert.equal(request.params.contentType, 'application/json');
  assert.equal(request.params.muteHttpExceptions, true);
  assert.deepEqual(plain(request.params.headers), { Authorization: 'Bearer ' + TOKEN });
  assert.deepEqual(request.body, body);
}

test('validating sends the active spreadsheet and tab ids and returns the report as is', () => {
  const world = loadAddon();
  const answer = plain(run(world, 'validateActiveTab'));
  assert.equal(world.requests.length, 1);
  assertSent(world.requests[0], 'post', SID + '/scorecards/' + TAB.tab_id + '/validate', {});
  assert.equal(answer.tab, TAB.title);
  assert.equal(answer.tab_id, TAB.tab_id);
  assert.deepEqual(answer.report, fixture('validate_tab').body);
});

test('validating a tab the service did not tag explains, and sends nothing', () => {
  const world = loadAddon();
  world.spreadsheet.setActiveSheet(world.other);
  assert.throws(() => run(world, 'validateActiveTab'), /“Notes” is not a scorecard tab/);
  assert.equal(world.requests.length, 0);
});

test('refreshing trends posts a sync of the whole spreadsheet', () => {
  const world = loadAddon();
  const result = plain(run(world, 'syncSpreadsheet'));
  assertSent(world.requests[0], 'post', SID + '/sync', {});
  assert.deepEqual(result, fixture('sync').body);
});

test('checking a KPI posts its trimmed definition to the stateless endpoint', () => {
  const world = loadAddon();
  const kpi = { name: '  Weekly busy checklist ', owner: 'Dana', 'bad key!': 'dropped' };
  const report = run(world, 'checkKpi', { role: 'operations', kpi });
  const sent = world.requests[0];
  assert.equal(sent.url, BACKEND + '/api/v1/kpis/validate');
  assert.deepEqual(sent.body, { role: 'operations', kpis: [{ name: 'Weekly busy checklist', owner: 'Dana' }] });
  assert.deepEqual(plain(report), fixture('validate_kpis').body);
});

test('checking a KPI without a role leaves the role out', () => {
  const world = loadAddon();
  run(world, 'checkKpi', { role: '', kpi: { name: 'x' } });
  assert.equal('role' in world.requests[0].body, false);
});

test('the check form gets the catalogue and the role of the tab it is on', () => {
  const world = loadAddon();
  const form = plain(run(world, 'getCheckForm'));
  const sent = world.requests[0];
  assert.equal(sent.url, BACKEND + '/api/v1/templates');
  assert.equal(sent.method, 'get');
  assert.equal(sent.params.payload, undefined);
  assert.deepEqual(form.catalogue, fixture('templates').body);
  assert.equal(form.role, TAB.role);
  world.spreadsheet.setActiveSheet(world.other);
  assert.equal(run(world, 'getCheckForm').role, '');
});

test('adding a scorecard posts role, person and KPIs, then opens the new tab', () => {
  const world = loadAddon();
  const answer = plain(run(world, 'createScorecard',
    { role: 'software_engineer', person: ' Jo Park ', kpis: ['A', ' '] }));
  assertSent(world.requests[0], 'post', SID + '/scorecards',
    { role: 'software_engineer', person: 'Jo Park', kpis: ['A'] });
  assert.deepEqual(answer, fixture('provision').body);
  assert.equal(world.spreadsheet.getActiveSheet().getSheetId(), answer.scorecard.tab_id);
});

test('adding a scorecard can start its history at an earlier period', () => {
  const world = loadAddon();
  run(world, 'createScorecard', { role: 'operations', person: 'Dana', first_period: '2026-01-05' });
  assertSent(world.requests[0], 'post', SID + '/scorecards',
    { role: 'operations', person: 'Dana', first_period: '2026-01-05' });
});

test('a start date that is not YYYY-MM-DD is refused before any request', () => {
  const world = loadAddon();
  assert.throws(
    () => run(world, 'createScorecard', { role: 'operations', person: 'Dana', first_period: '5/1/26' }),
    /YYYY-MM-DD/);
  assert.equal(world.requests.length, 0);
});

test('adding a scorecard without a person is refused before any request', () => {
  const world = loadAddon();
  assert.throws(() => run(world, 'createScorecard', { role: 'operations', person: '  ' }),
    /Pick a role and type the person/);
  assert.equal(world.requests.length, 0);
});

test('selecting a KPI row activates its tab and selects the whole row', () => {
  const world = loadAddon();
  world.spreadsheet.setActiveSheet(world.other);
  run(world, 'selectKpiRow', { tab_id: TAB.tab_id, row: 3 });
  const active = world.spreadsheet.getActiveSheet();
  assert.equal(active.getSheetId(), TAB.tab_id);
  const range = active.getActiveRange();
  assert.deepEqual([range.getRow(), range.getNumRows(), range.getColumn()], [3, 1, 1]);
  assert.throws(() => run(world, 'selectKpiRow', { tab_id: 999, row: 3 }), /row is gone/);
});

test('"Mark reviewed today" sends the selected rows below the header; the service picks KPIs', () => {
  const world = loadAddon();
  world.sheet.select([1, 1, 3, 4], [4, 2, 2, 1], [3, 5, 1, 1]);
  run(world, 'markReviewedToday');
  assertSent(world.requests[0], 'post', SID + '/scorecards/' + TAB.tab_id + '/reviewed', { rows: [2, 3, 4, 5] });
  const stamped = fixture('reviewed').body.stamped;
  assert.deepEqual(world.spreadsheet.toasts.map((t) => t.message),
    ['Marked ' + stamped + ' KPIs reviewed today.']);
  assert.deepEqual(world.alerts, []);
});

test('"Mark reviewed today" on a tab that is not a scorecard explains, sends nothing', () => {
  const world = loadAddon();
  world.spreadsheet.setActiveSheet(world.other);
  world.other.select([1, 1, 2, 1]);
  run(world, 'markReviewedToday');
  assert.equal(world.requests.length, 0);
  assert.match(world.alerts[0], /“Notes” is not a scorecard tab/);
});

test('the backend URL comes from the Script Property, trailing slash tolerated', () => {
  const world = loadAddon({ backendUrl: 'https://other.example.org/' });
  run(world, 'syncSpreadsheet');
  assert.equal(world.requests[0].url, 'https://other.example.org' + SID + '/sync');
});

for (const [label, url] of [['unset (placeholder default)', null], ['plain http', 'http://x.example.com']]) {
  test('a backend URL that is ' + label + ' is refused with setup advice', () => {
    const world = loadAddon({ backendUrl: url });
    assert.throws(() => run(world, 'syncSpreadsheet'), /Script Property SCORECARD_BACKEND_URL/);
    assert.equal(world.requests.length, 0);
  });
}

test('the documented default constant is an https placeholder', () => {
  const world = loadAddon();
  assert.match(world.context.DEFAULT_BACKEND_URL, /^https:\/\/YOUR_PROJECT_ID\./);
});

test('the add-on recognises scorecard tabs by the key the service serves', () => {
  const world = loadAddon();
  assert.equal(world.context.SCORECARD_TAB_KEY, fixture('templates').body.vocabulary.tab_key);
  assert.equal(world.context.HEADER_ROW_KEY, fixture('templates').body.vocabulary.header_key);
});
