'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { TOKEN, loadAddon, run } = require('./gas.js');

const SA = 'scorecard@team-project.iam.gserviceaccount.com';

function errorBody(code, message, fields) {
  return { error: { code, message, fields: fields || {} } };
}

const CASES = [
  {
    name: 'not_shared with the account in fields',
    answer: { status: 403, body: errorBody('not_shared', 'Share it.', { service_account: SA }) },
    shown: 'Share this spreadsheet with ' + SA + ' as Editor, then try again.',
  },
  {
    name: 'not_shared with the account only in the message',
    answer: { status: 403, body: errorBody('not_shared', 'Share this spreadsheet with ' + SA + ' as Editor.') },
    shown: 'Share this spreadsheet with ' + SA + ' as Editor, then try again.',
  },
  {
    name: 'quota_exhausted',
    answer: { status: 429, body: errorBody('quota_exhausted', 'Sheets quota spent') },
    shown: "Google's Sheets quota is used up for this minute. Try again in a minute.",
  },
  {
    name: '401 without a body',
    answer: { status: 401, text: '' },
    shown: 'Scorecard could not confirm who you are. Reload the spreadsheet, then try again.',
  },
  {
    name: '401 with the service\'s advice',
    answer: { status: 401, body: errorBody('unauthenticated', 'Your Google sign-in has expired.') },
    shown: 'Scorecard could not confirm who you are. Reload the spreadsheet, then try again.\n' +
      'Your Google sign-in has expired.',
  },
  {
    name: '403 forbidden',
    answer: { status: 403, body: errorBody('forbidden', 'You need edit access to this spreadsheet.') },
    shown: 'You need edit access to this spreadsheet.',
  },
  {
    name: '404 with a message',
    answer: { status: 404, body: errorBody('not_found', 'Tab 123 is not a scorecard.') },
    shown: 'Tab 123 is not a scorecard.',
  },
  {
    name: '404 without a body',
    answer: { status: 404, text: 'Not Found' },
    shown: /not a scorecard the service knows/,
  },
  {
    name: '409 conflict',
    answer: { status: 409, body: errorBody('conflict', 'lease held') },
    shown: 'A sync is already running for this spreadsheet; try again in a minute.',
  },
  {
    name: '422 lists the fields',
    answer: { status: 422, body: errorBody('validation_failed', 'Some fields are wrong.',
      { person: 'type a name', role: 'unknown role "ceo"' }) },
    shown: 'Some fields are wrong.\n• person: type a name\n• role: unknown role "ceo"',
  },
  {
    name: '500',
    answer: { status: 500, body: errorBody('internal', 'Traceback…') },
    shown: 'The Scorecard service is unavailable; try again shortly.',
  },
  {
    name: '502 with an HTML page',
    answer: { status: 502, text: '<html><body>Bad Gateway</body></html>' },
    shown: 'The Scorecard service is unavailable; try again shortly.',
  },
  {
    name: '503',
    answer: { status: 503, body: errorBody('unavailable', 'certs down') },
    shown: 'The Scorecard service is unavailable; try again shortly.',
  },
  {
    name: '200 with a body that is not JSON',
    answer: { status: 200, text: '<html>login page</html>' },
    shown: 'The Scorecard service is unavailable; try again shortly.',
  },
];

for (const c of CASES) {
  test('server functions explain: ' + c.name, () => {
    const world = loadAddon();
    world.handler = () => c.answer;
    assert.throws(() => run(world, 'syncSpreadsheet'), (error) => {
      if (c.shown instanceof RegExp) { assert.match(error.message, c.shown); } else { assert.equal(error.message, c.shown); }
      assert.equal(error.message.includes(TOKEN), false);
      return true;
    });
  });
}

test('menu actions show the message in an alert', () => {
  const world = loadAddon();
  world.sheet.select([2, 1, 1, 1]);
  world.handler = () => ({ status: 409, body: errorBody('conflict', 'busy') });
  run(world, 'markReviewedToday');
  assert.deepEqual(world.alerts, ['A sync is already running for this spreadsheet; try again in a minute.']);
  assert.deepEqual(world.spreadsheet.toasts, []);
});

test('an unreachable backend is reported as unavailable', () => {
  const world = loadAddon();
  world.fetchThrows = true;
  assert.throws(() => run(world, 'getTemplates'), /The Scorecard service is unavailable/);
});

test('no identity token (openid scope missing) asks to reinstall, sends nothing', () => {
  const world = loadAddon({ token: null });
  assert.throws(() => run(world, 'syncSpreadsheet'), /Reinstall the Scorecard add-on/);
  assert.equal(world.requests.length, 0);
});
