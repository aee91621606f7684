'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { HEADER, SCORECARDS, VOCABULARY, fixture, loadAddon, run } = require('./gas.js');

function edit(world, sheet, row, column, rows, columns) {
  const range = sheet.getRange(row, column, rows || 1, columns || 1);
  run(world, 'onEditCheck', { range, source: world.spreadsheet });
}

/** 1-based columns of the fake tab: a definition column, the period, the service's Verdict. */
const KPI_COLUMN = HEADER.indexOf(VOCABULARY.fields[0].header) + 1;
const TARGET_COLUMN = HEADER.indexOf('Target') + 1;
const PERIOD_COLUMN = HEADER.indexOf('2026-11-02') + 1;
const VERDICT_COLUMN = HEADER.indexOf('Verdict') + 1;

const validations = (world) => world.requests.filter((r) => /\/validate$/.test(r.url));

/** A world with checking on (the vocabulary fetched then) and no request counted yet. */
function checking() {
  const world = loadAddon();
  run(world, 'turnOnRowChecking');
  world.requests = [];
  return world;
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

test('an edit of a definition column asks the service to validate the tab, once', () => {
  const world = checking();
  edit(world, world.sheet, 3, TARGET_COLUMN);
  assert.equal(world.requests.length, 1);
  assert.equal(world.requests[0].method, 'post');
  assert.match(world.requests[0].url, new RegExp('/scorecards/' + SCORECARDS[0].tab_id + '/validate$'));
  assert.deepEqual(world.requests[0].body, {});
  assert.deepEqual(world.sheet.writes, []);
  assert.deepEqual(world.spreadsheet.toasts, []);
});

test('an edit of a period value or of a service column sends no request at all', () => {
  const world = checking();
  edit(world, world.sheet, 2, PERIOD_COLUMN);
  edit(world, world.sheet, 2, PERIOD_COLUMN, 5, 1);
  edit(world, world.sheet, 4, VERDICT_COLUMN);
  assert.deepEqual(world.requests, []);
  assert.equal(world.clock, 0, 'nothing waited either');
});

test('a paste across period and definition columns counts as a definition edit', () => {
  const world = checking();
  edit(world, world.sheet, 2, KPI_COLUMN, 2, PERIOD_COLUMN);
  assert.equal(validations(world).length, 1);
});

test('the definition headers come from the served vocabulary, fetched once and cached', () => {
  const world = loadAddon();
  edit(world, world.sheet, 2, PERIOD_COLUMN);
  edit(world, world.sheet, 2, KPI_COLUMN);
  edit(world, world.sheet, 2, PERIOD_COLUMN);
  const asked = world.requests.map((r) => r.method + ' ' + new URL(r.url).pathname.replace(/.*\/api\/v1/, ''));
  assert.deepEqual(asked, ['get /templates', 'post /spreadsheets/' + world.spreadsheet.getId() +
    '/scorecards/' + SCORECARDS[0].tab_id + '/validate']);
});

test('a renamed header is not a definition column; the row the service marked is the header', () => {
  const world = checking();
  world.sheet.setCell(1, TARGET_COLUMN, 'Goal (renamed)');
  edit(world, world.sheet, 2, TARGET_COLUMN);
  assert.deepEqual(world.requests, []);
  // The service marked row 3 as the header: rows above it are not KPI rows.
  world.sheet.grid.unshift(['Team notes'], []);
  world.sheet.rowTags[0].row = 3;
  edit(world, world.sheet, 2, KPI_COLUMN);
  assert.deepEqual(world.requests, []);
  edit(world, world.sheet, 4, KPI_COLUMN);
  assert.equal(validations(world).length, 1);
});

test('a burst of edits sends one request, for the last edit', () => {
  const world = checking();
  const last = world.sheet.getRange(6, KPI_COLUMN, 1, 1);
  let lastDone = false;
  // Each edit's trigger starts while the one before waits out the quiet time.
  world.meanwhile.push(() => edit(world, world.sheet, 3, TARGET_COLUMN));
  world.meanwhile.push(() => edit(world, world.sheet, 4, TARGET_COLUMN));
  world.meanwhile.push(() => {
    run(world, 'onEditCheck', { range: last, source: world.spreadsheet });
    lastDone = validations(world).length === 1;
  });
  edit(world, world.sheet, 2, TARGET_COLUMN);
  assert.equal(validations(world).length, 1);
  assert.ok(lastDone, 'the last edit of the burst asked for the check');
});

test('edits further apart than the quiet time are each checked', () => {
  const world = checking();
  edit(world, world.sheet, 2, TARGET_COLUMN);
  edit(world, world.sheet, 3, TARGET_COLUMN);
  assert.equal(validations(world).length, 2);
  assert.equal(world.clock, 2 * 5000);
});

test('edits of two tabs at once are debounced per tab', () => {
  const world = checking();
  const second = world.spreadsheet.getSheets()[2];
  second.setCell(2, KPI_COLUMN, 'Win rate');
  second.rowTags.push({ key: 'scorecard.header', value: 'header', row: 1 });
  world.meanwhile.push(() => edit(world, second, 2, KPI_COLUMN));
  edit(world, world.sheet, 2, KPI_COLUMN);
  assert.deepEqual(validations(world).map((r) => r.url.split('/scorecards/')[1]).sort(),
    [SCORECARDS[0].tab_id + '/validate', second.getSheetId() + '/validate'].sort());
});

test('edits of the header row or of other tabs are ignored', () => {
  const world = checking();
  edit(world, world.sheet, 1, 1, 1, 5);
  edit(world, world.other, 2, 1);
  assert.equal(world.requests.length, 0);
});

test('a backend failure becomes a toast and leaves the sheet alone', () => {
  const world = loadAddon();
  world.handler = () => fixture('error_unavailable');
  edit(world, world.sheet, 2, KPI_COLUMN);
  assert.deepEqual(world.sheet.writes, []);
  assert.equal(world.spreadsheet.toasts.length, 1);
  assert.match(world.spreadsheet.toasts[0].message, /^Row not checked: .*busy or down/);
});
