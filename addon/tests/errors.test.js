'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { TOKEN, errorFixtures, fixture, loadAddon, run } = require('./gas.js');

/** What the add-on says for each error the real API answered with (fixtures/error_*.json). */
const SHOWN = {
  error_forbidden: /^You need edit access to this spreadsheet to use Scorecard\. Ask its owner/,
  error_layout_ambiguous: /^Scorecard cannot read “.+”: Two columns are headed 'Owner'/,
  error_sync_running: 'Scorecard is already updating this spreadsheet. Try again in a minute.',
  error_not_shared: 'Scorecard cannot open this spreadsheet yet. Click Share, add ' +
    fixture('error_not_shared').body.error.fields.share_with +
    ' as Editor (untick "Notify people"), then try again.',
  error_quota_exhausted: /Sheets allowance for this minute\. Nothing was changed; try again in a minute\./,
  error_spreadsheet_not_found: /cannot find this spreadsheet/,
  error_tab_not_found: /^“.+” is not a scorecard tab\. Open a scorecard tab, or make one with Scorecard → Add a role scorecard…$/,
  error_unauthenticated: /could not confirm who you are\. Reload the spreadsheet/,
  error_unavailable: /busy or down right now\. Nothing was changed/,
  error_validation_failed: 'Some of what was entered needs fixing:\n• person: blank',
};

test('every recorded error has the add-on\'s own words, never the API\'s message', () => {
  const names = errorFixtures().map((e) => e.name);
  assert.deepEqual(names, Object.keys(SHOWN).sort());
});

for (const { name, answer } of errorFixtures()) {
  test('the add-on explains ' + name + ' in words about the sheet', () => {
    const world = loadAddon();
    world.handler = () => answer;
    assert.throws(() => run(world, 'validateActiveTab'), (error) => {
      const shown = SHOWN[name];
      if (shown instanceof RegExp) { assert.match(error.message, shown); } else { assert.equal(error.message, shown); }
      if (name !== 'error_layout_ambiguous') {  // that one quotes the service's repair advice
        assert.notEqual(error.message, answer.body.error.message);
      }
      assert.equal(error.message.includes('GET '), false);
      assert.equal(error.message.includes(TOKEN), false);
      return true;
    });
  });
}

const BARE = [
  ['401 without a body', { status: 401, text: '' }, /could not confirm who you are/],
  ['500 with a traceback', { status: 500, text: 'Traceback…' }, /busy or down right now/],
  ['502 with an HTML page', { status: 502, text: '<html><body>Bad Gateway</body></html>' }, /busy or down/],
  ['200 with a body that is not JSON', { status: 200, text: '<html>login page</html>' }, /busy or down/],
  ['409 from a proxy', { status: 409, text: '' }, /already updating this spreadsheet/],
  ['a code this add-on does not know', { status: 400, body: { error: { code: 'new_thing', message: 'Do X.', fields: {} } } }, /^Do X\.$/],
];

for (const [label, answer, shown] of BARE) {
  test('answers without a known code still read well: ' + label, () => {
    const world = loadAddon();
    world.handler = () => answer;
    assert.throws(() => run(world, 'syncSpreadsheet'), (error) => shown.test(error.message));
  });
}

test('"Mark reviewed today" on rows without a KPI says so in its own words', () => {
  const world = loadAddon();
  world.sheet.select([2, 1, 1, 1]);
  world.handler = () => fixture('error_validation_failed');
  run(world, 'markReviewedToday');
  assert.deepEqual(world.alerts, ['None of the selected rows holds a KPI. Select KPI rows ' +
    '(not the header or blank rows), then try again.']);
});

test('menu actions show the message in an alert', () => {
  const world = loadAddon();
  world.sheet.select([2, 1, 1, 1]);
  world.handler = () => fixture('error_quota_exhausted');
  run(world, 'markReviewedToday');
  assert.equal(world.alerts.length, 1);
  assert.match(world.alerts[0], /Sheets allowance for this minute/);
  assert.deepEqual(world.spreadsheet.toasts, []);
});

test('an unreachable backend is reported as not answering', () => {
  const world = loadAddon();
  world.fetchThrows = true;
  assert.throws(() => run(world, 'getTemplates'), /Scorecard is not answering right now/);
});

test('no identity token (openid scope missing) asks to reinstall, sends nothing', () => {
  const world = loadAddon({ token: null });
  assert.throws(() => run(world, 'syncSpreadsheet'), /Reinstall the Scorecard add-on/);
  assert.equal(world.requests.length, 0);
});
