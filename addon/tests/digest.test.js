'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { SPREADSHEET_ID, TOKEN, fixture, loadAddon, run } = require('./gas.js');

/** The demo team's digest, as GET /api/v1/spreadsheets/{sid}/digest answered it. */
const DIGEST = fixture('digest').body;

// Monday 2026-11-30, 07:30 in London (UTC+0 in winter) and the hours around it.
const SUNDAY_LATE = new Date('2026-11-29T23:30:00Z');
const MONDAY_EARLY = new Date('2026-11-30T06:30:00Z');
const MONDAY_MORNING = new Date('2026-11-30T07:30:00Z');
const MONDAY_LATER = new Date('2026-11-30T08:30:00Z');
const NEXT_MONDAY = new Date('2026-12-07T07:05:00Z');

function world(options) {
  const w = loadAddon(options);
  w.at = (date) => { w.context.clock_ = () => new Date(date.getTime()); };
  w.at(new Date('2026-11-25T10:00:00Z')); // a Wednesday, when the manager turns it on
  return w;
}

function tick(w, date) {
  w.at(date);
  run(w, 'sendMondayDigest', {});
}

const digestRequests = (w) => w.requests.filter((r) => r.url.endsWith('/digest'));

test('turning the digest on installs one hourly trigger; the first email waits for Monday', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  run(w, 'turnOnMondayDigest');
  const triggers = w.triggers.filter((t) => t.handler === 'sendMondayDigest');
  assert.equal(triggers.length, 1);
  assert.deepEqual([triggers[0].kind, triggers[0].everyHours], ['timeBased', 1]);
  assert.match(w.alerts[0], /Every Monday from 7:00 \(Europe\/London\), Scorecard will email dana@example\.com/);
  tick(w, new Date('2026-11-26T10:00:00Z')); // Thursday: this week is already past its Monday
  assert.equal(digestRequests(w).length, 0);
  assert.equal(w.mails.length, 0);
});

test('a run that overlaps another sends nothing, and the lock is released after a run', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  w.userLockHeld = true; // another run of the trigger is sending right now
  tick(w, MONDAY_MORNING);
  assert.equal(digestRequests(w).length, 0);
  assert.equal(w.mails.length, 0);
  w.userLockHeld = false;
  tick(w, MONDAY_MORNING);
  assert.equal(w.mails.length, 1);
  assert.equal(w.userLockHeld, false);
});

test('the trigger sends once from Monday 07:00 in the spreadsheet\'s time zone', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  tick(w, SUNDAY_LATE);
  tick(w, MONDAY_EARLY);
  assert.equal(w.mails.length, 0);
  tick(w, MONDAY_MORNING);
  tick(w, MONDAY_LATER);
  assert.equal(w.mails.length, 1);
  const [request] = digestRequests(w);
  assert.equal(request.method, 'get');
  assert.match(request.url, new RegExp('/api/v1/spreadsheets/' + SPREADSHEET_ID + '/digest$'));
  assert.equal(request.params.headers.Authorization, 'Bearer ' + TOKEN);
  assert.equal(w.mails[0].to, 'dana@example.com');
  tick(w, NEXT_MONDAY);
  assert.equal(w.mails.length, 2);
});

test('Monday morning is judged in the spreadsheet\'s own time zone', () => {
  const w = world();
  w.spreadsheet.timeZone = 'Asia/Tokyo';
  run(w, 'turnOnMondayDigest');
  tick(w, new Date('2026-11-29T21:30:00Z')); // Monday 06:30 in Tokyo
  assert.equal(w.mails.length, 0);
  tick(w, new Date('2026-11-29T22:30:00Z')); // Monday 07:30 in Tokyo, still Sunday in London
  assert.equal(w.mails.length, 1);
});

test('the email reads well on a phone: short lines, one section per person, plain HTML', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  tick(w, MONDAY_MORNING);
  const [mail] = w.mails;
  assert.equal(mail.subject,
    'Scorecard digest — Team scorecards (demo): 6 off target, 4 missing, 3 open issues');
  assert.equal(mail.name, 'Scorecard');
  const lines = mail.body.split('\n');
  assert.deepEqual(lines.slice(0, 10), [
    'Scorecard digest — Team scorecards (demo)',
    'As of 2026-11-25 09:30 UTC',
    '',
    'Dana Ruiz (Accounting rep)',
    '  Off target:',
    '    ✗ Collection Effectiveness Index: 59.5',
    '      (target 90)',
    '    ≈ % of AR more than 60 days past due:',
    '      10.3 (target 10)',
    '  Missing values:',
  ]);
  const sam = lines.indexOf('Sam Lee (Customer support)');
  assert.deepEqual(lines.slice(lines.indexOf('  Open issues:', sam), lines.indexOf('  Open issues:', sam) + 3), [
    '  Open issues:',
    '    ‼ Median first response time, since',
    '      2026-10-05 (Open)',
  ]);
  assert.ok(lines.includes('Alex Kim (Sales rep)'));
  assert.ok(lines.includes('Priya Shah (Marketing coordinator)'));
  assert.ok(lines.includes('  Back on target:'));
  assert.ok(lines.every((line) => line.length <= 46), 'every line fits a phone');
  assert.match(mail.htmlBody, /<h3[^>]*>Dana Ruiz \(Accounting rep\)<\/h3>/);
  assert.match(mail.htmlBody, /<li>✗ Collection Effectiveness Index: 59\.5 \(target 90\)<\/li>/);
  assert.match(mail.htmlBody, /<li>‼ Median first response time, since 2026-10-05 \(Open\)<\/li>/);
  assert.doesNotMatch(mail.htmlBody, /<(script|img|table|style)/);
});

test('text from the sheet is escaped in the email\'s HTML', () => {
  const w = world();
  const digest = JSON.parse(JSON.stringify(DIGEST));
  digest.people[0].person = '<img src=x onerror=alert(1)>';
  digest.people[0].off_target[0].kpi = 'A & B <b>';
  w.handler = (request) => (request.url.endsWith('/digest') ? { status: 200, body: digest } : null);
  run(w, 'turnOnMondayDigest');
  tick(w, MONDAY_MORNING);
  const html = w.mails[0].htmlBody;
  assert.doesNotMatch(html, /<img|A & B|<b>\s*</);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /A &amp; B &lt;b&gt;/);
});

test('a full mail quota leaves the digest for the next hour, without asking the service', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  w.mailQuota = 0;
  tick(w, MONDAY_MORNING);
  assert.equal(digestRequests(w).length, 0);
  assert.equal(w.mails.length, 0);
  assert.equal(JSON.parse(w.userProperties.SCORECARD_DIGESTS)[SPREADSHEET_ID].waiting, 'mail quota');
  w.mailQuota = 5;
  tick(w, MONDAY_LATER);
  assert.equal(w.mails.length, 1);
  assert.equal(w.mailQuota, 4);
});

test('a busy service (429) leaves the digest for the next hour', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  w.handler = (request) => (request.url.endsWith('/digest') ? fixture('error_quota_exhausted') : null);
  tick(w, MONDAY_MORNING);
  assert.equal(w.mails.length, 0);
  w.handler = null;
  tick(w, MONDAY_LATER);
  assert.equal(w.mails.length, 1);
  assert.equal(digestRequests(w).length, 2);
});

test('an error that will not mend itself is emailed once, not retried all week', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  w.handler = (request) => (request.url.endsWith('/digest') ? fixture('error_forbidden') : null);
  tick(w, MONDAY_MORNING);
  tick(w, MONDAY_LATER);
  assert.equal(w.mails.length, 1);
  assert.match(w.mails[0].subject, /not sent$/);
  assert.ok(w.mails[0].body.endsWith(w.context.MESSAGES.forbidden), w.mails[0].body);
  assert.equal(digestRequests(w).length, 1);
});

test('turning the digest off removes the trigger and sends nothing more', () => {
  const w = world();
  run(w, 'turnOnMondayDigest');
  run(w, 'turnOffMondayDigest');
  run(w, 'turnOffMondayDigest');
  assert.equal(w.triggers.length, 0);
  assert.deepEqual(w.alerts.slice(1), ['The Monday digest is off.', 'The Monday digest was not on.']);
  tick(w, MONDAY_MORNING);
  assert.equal(w.mails.length, 0);
});
