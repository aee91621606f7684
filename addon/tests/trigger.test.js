'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { GOOD_ROW, HEADER, loadAddon, run } = require('./gas.js');

const VERDICT = HEADER.indexOf('Verdict') + 1;

function edit(world, row, column, rows, columns) {
  const range = world.sheet.getRange(row, column, rows || 1, columns || 1);
  run(world, 'onEditCheck', { range, source: world.spreadsheet });
}

test('turning checking on installs one on-edit trigger for this spreadsheet', () => {
  const world = loadAddon();
  run(world, 'turnOnRowChecking');
  run(world, 'turnOnRowChecking');
  assert.equal(world.triggers.length, 1);
  const trigger = world.triggers[0];
  assert.deepEqual([trigger.handler, trigger.kind, trigger.source], ['onEditCheck', 'onEdit', world.spreadsheet]);
  assert.match(world.alerts[0], /Checking new rows is on/);
  assert.equal(world.alerts[1], 'Checking new rows is already on.');
});

test('turning checking off removes the trigger', () => {
  const world = loadAddon();
  run(world, 'turnOnRowChecking');
  run(world, 'turnOffRowChecking');
  run(world, 'turnOffRowChecking');
  assert.equal(world.triggers.length, 0);
  assert.deepEqual(world.alerts.slice(1), ['Checking new rows is off.', 'Checking new rows was not on.']);
});

test('a completed row is checked once and gets its verdict', () => {
  const world = loadAddon();
  edit(world, 2, 11);
  assert.equal(world.requests.length, 1);
  const sent = world.requests[0];
  assert.match(sent.url, /\/api\/v1\/kpis\/validate$/);
  assert.equal(sent.body.kpis.length, 1);
  assert.equal(sent.body.kpis[0].name, 'On-time delivery');
  assert.equal(sent.body.kpis[0].review_forum, 'Monday ops meeting');
  assert.equal(sent.body.kpis[0].last_reviewed, '');
  assert.equal(world.sheet.cell(2, VERDICT), '✓ Meets all three criteria');
});

test('a failing row gets the failed criteria, the reason and a suggestion', () => {
  const busy = GOOD_ROW.slice();
  busy[0] = 'Weekly busy checklist done';
  const world = loadAddon({ grid: [HEADER, busy] });
  edit(world, 2, 1);
  assert.equal(world.sheet.cell(2, VERDICT), '✗ Not yet: Drives a business result — ' +
    'This counts activity, not a result. Try: Measure the outcome the checklist protects.');
});

test('an incomplete row is not sent', () => {
  const half = GOOD_ROW.slice(0, 6);
  const world = loadAddon({ grid: [HEADER, half] });
  edit(world, 2, 3);
  assert.equal(world.requests.length, 0);
  assert.equal(world.sheet.writes.length, 0);
});

test('typing a period value does not re-check the definition', () => {
  const world = loadAddon();
  edit(world, 2, HEADER.indexOf('2025-01-13') + 1);
  assert.equal(world.requests.length, 0);
});

test('columns are found by header text wherever they are', () => {
  const order = [15, 0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const header = order.map((i) => HEADER[i]);
  const row = order.map((i) => (i < GOOD_ROW.length ? GOOD_ROW[i] : ''));
  const world = loadAddon({ grid: [['Scorecard for Dana'], header.map((h) => h.toUpperCase()), row] });
  edit(world, 3, 2, 1, 5);
  assert.equal(world.requests[0].body.kpis[0].definition, GOOD_ROW[1]);
  assert.equal(world.requests[0].body.kpis[0].owner, 'Dana');
  assert.equal(world.sheet.cell(3, 1), '✓ Meets all three criteria');
});

test('a pasted block checks only its complete rows, in one request', () => {
  const busy = GOOD_ROW.slice();
  busy[0] = 'Busy work';
  const world = loadAddon({ grid: [HEADER, GOOD_ROW, GOOD_ROW.slice(0, 3), busy] });
  edit(world, 1, 1, 4, 12);
  assert.equal(world.requests.length, 1);
  assert.equal(world.requests[0].body.kpis.length, 2);
  assert.equal(world.sheet.cell(2, VERDICT), '✓ Meets all three criteria');
  assert.equal(world.sheet.cell(3, VERDICT), '');
  assert.match(world.sheet.cell(4, VERDICT), /^✗ Not yet/);
});

test('edits on other tabs are ignored', () => {
  const world = loadAddon();
  run(world, 'onEditCheck', { range: world.other.getRange(1, 1), source: world.spreadsheet });
  assert.equal(world.requests.length, 0);
});

test('a backend failure becomes a toast and leaves the sheet alone', () => {
  const world = loadAddon();
  world.handler = () => ({ status: 503, text: 'down' });
  edit(world, 2, 1);
  assert.equal(world.sheet.writes.length, 0);
  assert.deepEqual(world.spreadsheet.toasts.map((t) => t.message),
    ['KPI not checked: The Scorecard service is unavailable; try again shortly.']);
});

test('a verdict that starts like a formula is still text', () => {
  const world = loadAddon();
  world.judge = () => ({ results: [{ index: 0, name: 'x', accepted: false, criteria: {
    in_control: { status: 'fail', findings: [{ rule: 'r', severity: 'error', message: '=HYPERLINK("x")', suggestion: '' }] },
  } }] });
  edit(world, 2, 1);
  assert.match(world.sheet.cell(2, VERDICT), /^✗/);
});
