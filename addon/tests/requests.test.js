'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { BACKEND, GOOD_ROW, HEADER, SPREADSHEET_ID, TOKEN, loadAddon, run } = require('./gas.js');

const plain = (value) => JSON.parse(JSON.stringify(value));
const SID = '/api/v1/spreadsheets/' + SPREADSHEET_ID;

function assertSent(request, method, path, body) {
  assert.equal(request.url, BACKEND + path);
  assert.equal(request.method, method);
  assert.equal(request.params.contentType, 'application/json');
  assert.equal(request.params.muteHttpExceptions, true);
  assert.deepEqual(plain(request.params.headers), { Authorization: 'Bearer ' + TOKEN });
  assert.deepEqual(request.body, body);
}

test('validating sends the active spreadsheet and tab ids', () => {
  const world = loadAddon();
  const answer = run(world, 'validateActiveTab');
  assert.equal(world.requests.length, 1);
  assertSent(world.requests[0], 'post', SID + '/scorecards/123/validate', {});
  assert.equal(answer.tab, 'Dana — Operations');
  assert.equal(answer.report.results[0].accepted, true);
});

test('refreshing trends posts a sync of the whole spreadsheet', () => {
  const world = loadAddon();
  const result = run(world, 'syncSpreadsheet');
  assertSent(world.requests[0], 'post', SID + '/sync', {});
  assert.equal(result.changed_cells, 14);
});

test('checking a KPI posts its trimmed definition to the stateless endpoint', () => {
  const world = loadAddon();
  const kpi = { name: '  Weekly busy checklist ', owner: 'Dana', unknown: 'dropped' };
  const report = run(world, 'checkKpi', { role: 'operations', kpi });
  const sent = world.requests[0];
  assert.equal(sent.url, BACKEND + '/api/v1/kpis/validate');
  assert.equal(sent.body.role, 'operations');
  assert.equal(sent.body.kpis.length, 1);
  assert.equal(sent.body.kpis[0].name, 'Weekly busy checklist');
  assert.equal(sent.body.kpis[0].owner, 'Dana');
  assert.equal(sent.body.kpis[0].definition, '');
  assert.equal('unknown' in sent.body.kpis[0], false);
  assert.equal(Object.keys(sent.body.kpis[0]).length, 12);
  assert.equal(report.results[0].accepted, false);
});

test('checking a KPI without a role leaves the role out', () => {
  const world = loadAddon();
  run(world, 'checkKpi', { role: '', kpi: { name: 'x' } });
  assert.equal('role' in world.requests[0].body, false);
});

test('the active tab\'s role comes from the spreadsheet\'s scorecard list', () => {
  const world = loadAddon();
  assert.equal(run(world, 'activeTabRole'), 'operations');
  assert.equal(world.requests[0].url, BACKEND + SID + '/scorecards');
  assert.equal(world.requests[0].method, 'get');
  assert.equal(world.requests[0].params.payload, undefined);
  world.scorecards = [{ tab_id: 456, title: 'Notes', role: 'sales_rep', person: 'Ann' }];
  world.spreadsheet.setActiveSheet(world.spreadsheet.getSheets()[0]);
  assert.equal(run(world, 'activeTabRole'), '');
});

test('templates come from GET /api/v1/templates with no body', () => {
  const world = loadAddon();
  const templates = run(world, 'getTemplates');
  const sent = world.requests[0];
  assert.equal(sent.url, BACKEND + '/api/v1/templates');
  assert.equal(sent.method, 'get');
  assert.equal(sent.params.payload, undefined);
  assert.equal(sent.params.headers.Authorization, 'Bearer ' + TOKEN);
  assert.equal(templates[0].role, 'operations');
});

test('adding a scorecard posts role, person and KPIs, then opens the new tab', () => {
  const world = loadAddon();
  const scorecard = run(world, 'createScorecard',
    { role: 'operations', person: ' Dana ', kpis: ['On-time delivery', 'Order cycle time'] });
  assertSent(world.requests[0], 'post', SID + '/scorecards',
    { role: 'operations', person: 'Dana', kpis: ['On-time delivery', 'Order cycle time'] });
  assert.equal(scorecard.tab_id, 777);
  assert.equal(world.spreadsheet.getActiveSheet().getSheetId(), 777);
});

test('adding a scorecard without a person is refused before any request', () => {
  const world = loadAddon();
  assert.throws(() => run(world, 'createScorecard', { role: 'operations', person: '  ' }),
    /Pick a role and type the person/);
  assert.equal(world.requests.length, 0);
});

test('"Mark reviewed today" sends the selected KPI rows, header and blanks left out', () => {
  const blank = Array(12).fill('');
  const world = loadAddon({ grid: [HEADER, GOOD_ROW, GOOD_ROW, blank, GOOD_ROW, GOOD_ROW] });
  world.sheet.select([1, 1, 3, 4], [4, 2, 2, 1], [6, 1, 1, 1], [3, 5, 1, 1]);
  run(world, 'markReviewedToday');
  assertSent(world.requests[0], 'post', SID + '/scorecards/123/reviewed', { rows: [2, 3, 5, 6] });
  assert.deepEqual(world.spreadsheet.toasts.map((t) => t.message),
    ['Marked 4 KPIs reviewed today.']);
  assert.deepEqual(world.alerts, []);
});

test('"Mark reviewed today" on a tab that is not a scorecard explains, sends nothing', () => {
  const world = loadAddon();
  world.spreadsheet.setActiveSheet(world.other);
  world.other.select([1, 1, 1, 1]);
  run(world, 'markReviewedToday');
  assert.equal(world.requests.length, 0);
  assert.match(world.alerts[0], /not a scorecard/);
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
