'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { SCORECARDS, fixture, loadAddon, run } = require('./gas.js');

function edit(world, sheet, row, column, rows, columns) {
  const range = sheet.getRange(row, column, rows || 1, columns || 1);
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

test('an edit on a scorecard tab asks the service to validate it; the add-on writes nothing', () => {
  const world = loadAddon();
  edit(world, world.sheet, 2, 1, 3, 12);
  assert.equal(world.requests.length, 1);
  assert.match(world.requests[0].url, new RegExp('/scorecards/' + SCORECARDS[0].tab_id + '/validate$'));
  assert.deepEqual(world.requests[0].body, {});
  assert.deepEqual(world.sheet.writes, []);
  assert.deepEqual(world.spreadsheet.toasts, []);
});

test('edits of the header row or of other tabs are ignored', () => {
  const world = loadAddon();
  edit(world, world.sheet, 1, 1, 1, 5);
  edit(world, world.other, 2, 1);
  assert.equal(world.requests.length, 0);
});

test('a backend failure becomes a toast and leaves the sheet alone', () => {
  const world = loadAddon();
  world.handler = () => fixture('error_unavailable');
  edit(world, world.sheet, 2, 1);
  assert.deepEqual(world.sheet.writes, []);
  assert.equal(world.spreadsheet.toasts.length, 1);
  assert.match(world.spreadsheet.toasts[0].message, /^Row not checked: .*busy or down/);
});
