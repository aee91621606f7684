'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { TOKEN, loadAddon, run } = require('./gas.js');

const ADDON = path.join(__dirname, '..');

test('the token goes only into the Authorization header', () => {
  const world = loadAddon();
  run(world, 'syncSpreadsheet');
  const request = world.requests[0];
  assert.equal(request.params.headers.Authorization, 'Bearer ' + TOKEN);
  assert.equal(request.url.includes(TOKEN), false);
  assert.equal(request.params.payload.includes(TOKEN), false);
});

test('no HTML the add-on serves contains the token', () => {
  const world = loadAddon();
  run(world, 'validateScorecard');
  run(world, 'refreshTrends');
  run(world, 'showKpiCheck');
  run(world, 'showNewScorecardDialog');
  const pages = world.sidebars.concat(world.dialogs.map((d) => d.html));
  assert.equal(pages.length, 4);
  for (const page of pages) {
    assert.equal(page.getContent().includes(TOKEN), false);
  }
});

test('no value returned to the sidebar or dialog contains the token', () => {
  const world = loadAddon();
  const returned = [
    run(world, 'validateActiveTab'),
    run(world, 'syncSpreadsheet'),
    run(world, 'checkKpi', { kpi: { name: 'x' } }),
    run(world, 'getCheckForm'),
    run(world, 'createScorecard', { role: 'operations', person: 'Dana' }),
  ];
  for (const value of returned) {
    assert.equal(JSON.stringify(value).includes(TOKEN), false);
  }
});

test('client-side code never asks for the token nor injects HTML', () => {
  for (const file of ['Sidebar.html', 'NewScorecard.html']) {
    const source = fs.readFileSync(path.join(ADDON, file), 'utf8');
    for (const forbidden of ['getIdentityToken', 'getOAuthToken', 'Authorization', 'innerHTML',
      'outerHTML', 'insertAdjacentHTML', 'document.write', '<?!=']) {
      assert.equal(source.includes(forbidden), false, file + ' contains ' + forbidden);
    }
  }
});
