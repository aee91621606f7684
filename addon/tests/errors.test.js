'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { ERROR_CODES, SCORECARDS, TOKEN, errorFixtures, fixture, loadAddon, run } = require('./gas.js');

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

/** What a manager's message must never carry: setting names, HTTP words, endpoints. */
const DEVELOPER_WORDS = /SCORECARD_|\bHTTP\b|\bGET\b|\bPOST\b|\/api\/|endpoint|\b[1-5]\d\d\b|_[a-z]+_|\bnull\b|undefined/;
const API_WORDS = 'The API said: see GET /api/v1/x, setting SCORECARD_X.';

test('the fixture lists the service\'s whole closed set of error codes', () => {
  const codes = ERROR_CODES.map((c) => c.code);
  assert.ok(codes.length >= 30, codes.length);
  assert.equal(new Set(codes).size, codes.length);
  for (const { answer } of errorFixtures()) { assert.ok(codes.includes(answer.body.error.code)); }
});

test('every error code the service can answer has the add-on\'s own words', () => {
  const world = loadAddon();
  const missing = ERROR_CODES.map((c) => c.code)
    .filter((code) => typeof world.context.ERROR_WORDS[code] !== 'function');
  assert.deepEqual(missing, [], 'codes without an add-on message');
});

for (const { code, status } of ERROR_CODES) {
  test('error ' + code + ' (' + status + ') reads as words about the sheet', () => {
    const world = loadAddon();
    world.handler = () => ({ status, body: { error: { code, message: API_WORDS, fields: {} } } });
    assert.throws(() => run(world, 'validateActiveTab'), (error) => {
      assert.ok(error.message.length > 20, error.message);
      if (code === 'layout_ambiguous') {  // quotes the service's repair advice, after its own words
        assert.ok(error.message.startsWith('Scorecard cannot read “'), error.message);
      } else {
        assert.doesNotMatch(error.message, DEVELOPER_WORDS);
        assert.equal(error.message.includes(API_WORDS), false, error.message);
      }
      return true;
    });
  });
}

test('a tab too big to score says how big, from the sheet, and what to do', () => {
  const world = loadAddon();
  world.handler = () => ({ status: 409, body: { error: { code: 'tab_too_large', message: API_WORDS, fields: {} } } });
  assert.throws(() => run(world, 'validateActiveTab'), (error) => {
    const rows = world.sheet.getLastRow() - 1;
    const columns = world.sheet.getLastColumn();
    assert.equal(error.message, '“' + SCORECARDS[0].title + '” is too big to score (' + rows +
      ' rows × ' + columns + ' columns); split it, or move old periods to an archive tab.');
    return true;
  });
});

test('tabs the sync could not refresh are explained in the add-on\'s words', () => {
  const world = loadAddon();
  const synced = fixture('sync');
  const refused = { tab: SCORECARDS[0].title, tab_id: SCORECARDS[0].tab_id, code: 'tab_too_large',
    message: 'Tab holds 90,000 cells (setting SCORECARD_MAX_TAB_CELLS).' };
  world.handler = (request) => (/\/sync$/.test(request.url)
    ? { status: 200, body: Object.assign({}, synced.body, { tab_errors: [refused] }) } : null);
  const result = run(world, 'syncSpreadsheet');
  assert.equal(result.tab_errors.length, 1);
  assert.match(result.tab_errors[0].message, /is too big to score \(\d+ rows × \d+ columns\)/);
  assert.doesNotMatch(result.tab_errors[0].message, DEVELOPER_WORDS);
});
