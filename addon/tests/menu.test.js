'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadAddon, run } = require('./gas.js');

const plain = (value) => JSON.parse(JSON.stringify(value));

const EXPECTED_MENU = [
  ['Validate scorecard', 'validateScorecard'],
  ['Refresh trends', 'refreshTrends'],
  ['Add a role scorecard…', 'showNewScorecardDialog'],
  ['Check a new KPI…', 'showKpiCheck'],
  ['Mark reviewed today', 'markReviewedToday'],
  null,
  ['Turn on checking new rows', 'turnOnRowChecking'],
  ['Turn off checking new rows', 'turnOffRowChecking'],
  null,
  ['Email me a Monday digest', 'turnOnMondayDigest'],
  ['Stop the Monday digest', 'turnOffMondayDigest'],
];

test('onOpen builds the add-on menu without authorization (AuthMode.NONE)', () => {
  const world = loadAddon({ authMode: 'NONE' });
  run(world, 'onOpen', { authMode: 'NONE' });
  assert.deepEqual(plain(world.menus), [EXPECTED_MENU]);
  assert.equal(world.requests.length, 0);
});

test('onInstall shows the same menu', () => {
  const world = loadAddon();
  run(world, 'onInstall', { authMode: 'FULL' });
  assert.deepEqual(plain(world.menus), [EXPECTED_MENU]);
});

test('every menu item names a global function', () => {
  const world = loadAddon();
  for (const item of EXPECTED_MENU.filter(Boolean)) {
    assert.equal(typeof world.context[item[1]], 'function', item[1]);
  }
  assert.equal(typeof world.context.onEditCheck, 'function');
});

test('menu items open the sidebar in the matching mode, HTML-escaped', () => {
  const world = loadAddon();
  run(world, 'validateScorecard');
  run(world, 'refreshTrends');
  run(world, 'showKpiCheck');
  const modes = world.sidebars.map((html) => /data-mode="([^"]*)"/.exec(html.getContent())[1]);
  assert.deepEqual(modes, ['validate', 'sync', 'check']);
  assert.ok(world.sidebars.every((html) => html.title === 'Scorecard'));
});

test('"Add a role scorecard…" opens the dialog', () => {
  const world = loadAddon();
  run(world, 'showNewScorecardDialog');
  assert.equal(world.dialogs.length, 1);
  assert.equal(world.dialogs[0].title, 'Add a role scorecard');
  assert.match(world.dialogs[0].html.getContent(), /id="new-scorecard"/);
});
