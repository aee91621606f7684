'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { SCORECARDS, TOKEN, VOCABULARY, fixture, loadAddon, run } = require('./gas.js');
const { openPage } = require('./dom.js');

const EVIL = '<img src=x onerror=alert(1)>';

function sidebar(world, menuFunction) {
  run(world, menuFunction);
  return openPage(world, world.sidebars[world.sidebars.length - 1].getContent());
}

/** Replaces one recorded answer for the rest of the test. */
function answerWith(world, path, answer) {
  world.handler = (request) => (new URL(request.url).pathname.endsWith(path) ? answer : null);
}

test('the validation report puts rejected KPIs first, with the failing criterion and the fix', () => {
  const world = loadAddon();
  const page = sidebar(world, 'validateScorecard');
  assert.deepEqual(page.calls, ['getCheckForm', 'getSchedule', 'validateActiveTab']);
  const report = fixture('validate_tab').body;
  const rejected = report.results.filter((r) => !r.accepted);
  assert.ok(rejected.length >= 1);
  const text = page.byId('output').textContent;
  assert.match(text, new RegExp('Validation of “' + SCORECARDS[0].title + '”'));
  assert.ok(text.includes(rejected.length + ' of ' + report.results.length + ' KPIs need'));
  const first = text.indexOf(rejected[0].name);
  const accepted = report.results.find((r) => r.accepted);
  assert.ok(first >= 0 && first < text.indexOf(accepted.name), 'rejected KPIs come first');
  assert.ok(text.includes(rejected[0].verdict));
  const failing = Object.values(rejected[0].criteria).flatMap((c) => c.findings)
    .find((f) => f.severity === 'fail');
  const label = VOCABULARY.criteria.find((c) => c.value === failing.criterion).label;
  assert.ok(text.includes(label + failing.message + failing.suggestion));
});

test('the report speaks no rule ids, request counts or pass/warn/fail outside its details fold', () => {
  const world = loadAddon();
  const page = sidebar(world, 'validateScorecard');
  const output = page.byId('output');
  const visible = output.childNodes.filter((node) => node.className !== 'details')
    .map((node) => node.textContent).join(' ');
  const rules = fixture('validate_tab').body.results.flatMap((r) =>
    Object.values(r.criteria).flatMap((c) => c.findings.map((f) => f.rule)));
  assert.ok(rules.length);
  for (const rule of rules) { assert.equal(visible.includes(rule), false, rule); }
  assert.doesNotMatch(visible, /\b(pass|warn|fail)\b|Sheets requests/);
  const details = output.childNodes.find((node) => node.className === 'details');
  assert.match(details.textContent, /Sheets requests: 1 read/);
  assert.ok(details.textContent.includes(rules[0]));
});

test('server text is shown as text only, never as HTML', () => {
  const world = loadAddon();
  const report = fixture('validate_tab');
  report.body.results[0].name = EVIL;
  report.body.results[0].verdict = EVIL;
  answerWith(world, '/validate', report);
  const page = sidebar(world, 'validateScorecard');
  assert.ok(page.byId('output').textContent.includes(EVIL));
  assert.equal(page.document.created.includes('IMG'), false);
  assert.equal(page.byId('output').textContent.includes(TOKEN), false);
});

test('the sync result names every flagged KPI with its reason, grouped by person', () => {
  const world = loadAddon();
  const page = sidebar(world, 'refreshTrends');
  const sync = fixture('sync').body;
  const output = page.byId('output');
  const text = output.textContent;
  assert.match(text, /^What needs attention/);
  const people = output.childNodes.filter((n) => n.className === 'person');
  assert.deepEqual(people.map((p) => p.childNodes[0].textContent),
    [...new Set(sync.attention.map((a) => a.person))]);
  for (const item of sync.attention) {
    assert.ok(text.includes(item.kpi), item.kpi);
    for (const flag of item.flags) { assert.ok(text.includes(flag.word + ': ' + flag.reason), flag.reason); }
  }
  assert.ok(text.includes(sync.on_target + ' KPIs on target.'));
  const visible = output.childNodes.filter((n) => n.className !== 'details').map((n) => n.textContent).join(' ');
  assert.doesNotMatch(visible, /Sheets requests|cells changed|flags raised/);
});

test('near-target KPIs read as "almost", right after the off-target ones of their person', () => {
  const world = loadAddon();
  const page = sidebar(world, 'refreshTrends');
  const sync = fixture('sync').body;
  const near = sync.attention.filter((item) => item.almost);
  assert.ok(near.length, 'the demo has near misses');
  const rows = page.byId('output').descendants().filter((n) => n.tagName === 'LI' &&
    n.childNodes[0] && n.childNodes[0].className === 'kpi-link');
  const shown = rows.map((li) => ({ kpi: li.childNodes[0].textContent, line: li.childNodes[1].textContent }));
  for (const item of near) {
    const row = shown.find((r) => r.kpi === item.kpi);
    assert.ok(row.line.startsWith('almost · ' + item.status), row.line);
  }
  for (const item of sync.attention.filter((a) => !a.almost)) {
    assert.ok(!shown.find((r) => r.kpi === item.kpi).line.startsWith('almost'), item.kpi);
  }
  for (const person of new Set(sync.attention.map((a) => a.person))) {
    const mine = sync.attention.filter((a) => a.person === person);
    const rank = mine.map((a) => (a.status === '✗ Off target' ? 0 : a.almost ? 1 : 2));
    assert.deepEqual(rank, rank.slice().sort());
    const order = shown.filter((r) => mine.some((a) => a.kpi === r.kpi)).map((r) => r.kpi);
    assert.deepEqual(order, mine.map((a) => a.kpi));
  }
});

test('clicking a flagged KPI selects its row in the sheet', () => {
  const world = loadAddon();
  const page = sidebar(world, 'refreshTrends');
  const item = fixture('sync').body.attention[1];
  const link = page.document.body.descendants()
    .find((n) => n.className === 'kpi-link' && n.textContent === item.kpi);
  world.spreadsheet.setActiveSheet(world.other);
  link.click();
  const active = world.spreadsheet.getActiveSheet();
  assert.equal(active.getSheetId(), item.tab_id);
  assert.equal(active.getActiveRange().getRow(), item.row);
});

test('the schedule reads as the service says it, and can be paused', () => {
  const world = loadAddon();
  const page = sidebar(world, 'refreshTrends');
  const schedule = page.byId('schedule');
  assert.ok(schedule.textContent.startsWith(fixture('schedule').body.summary));
  const toggle = page.byId('schedule-toggle');
  assert.equal(toggle.textContent, 'Pause');
  world.scheduleFixture = 'schedule_off';
  toggle.click();
  const sent = world.requests.filter((r) => r.url.endsWith('/enrolment')).map((r) => r.method);
  assert.deepEqual(sent.slice(-2), ['delete', 'get']);
  assert.ok(page.byId('schedule').textContent.startsWith(fixture('schedule_off').body.summary));
  assert.equal(page.byId('schedule-toggle').textContent, 'Turn on scheduled sync');
});

test('"Check a new KPI" asks for the deciding fields first, blank dropdowns, the tab\'s role', () => {
  const world = loadAddon();
  const page = sidebar(world, 'showKpiCheck');
  assert.equal(page.byId('check-form').hidden, false);
  const first = page.byId('check-fields').descendants().filter((n) => n.name).map((n) => n.name);
  assert.deepEqual(first, VOCABULARY.fields.filter((f) => f.deciding).map((f) => f.name));
  const more = page.byId('check-more-fields').descendants().filter((n) => n.name).map((n) => n.name);
  assert.deepEqual(more, VOCABULARY.fields.filter((f) => !f.deciding).map((f) => f.name));
  const direction = page.byId('field-direction');
  assert.equal(direction.value, '');
  assert.deepEqual(direction.options.map((o) => o.textContent),
    ['choose…'].concat(VOCABULARY.fields.find((f) => f.name === 'direction').values));
  assert.equal(page.byId('check-role').value, SCORECARDS[0].role);
});

test('"Check" sends the form and brings the verdict into view, focused, with "Add"', () => {
  const world = loadAddon();
  const page = sidebar(world, 'showKpiCheck');
  page.byId('field-name').value = 'Weekly busy checklist';
  page.byId('field-target').value = '95';
  page.byId('check-form').dispatch('submit');
  const sent = world.requests[world.requests.length - 1];
  assert.match(sent.url, /\/api\/v1\/kpis\/validate$/);
  assert.equal(sent.body.role, SCORECARDS[0].role);
  assert.equal(sent.body.kpis[0].name, 'Weekly busy checklist');
  assert.equal(sent.body.kpis[0].direction, '');
  const box = page.byId('check-result');
  const verdict = fixture('validate_kpis').body.results[0];
  assert.ok(box.textContent.includes(verdict.verdict));
  assert.equal(box.scrolledIntoView, true);
  assert.equal(page.document.activeElement, box);
  assert.equal(box.getAttribute('aria-live'), 'polite');
  page.byId('add-kpi').click();
  const added = world.requests[world.requests.length - 1];
  assert.match(added.url, new RegExp('/scorecards/' + SCORECARDS[0].tab_id + '/kpis$'));
  assert.equal(added.body.kpi.name, 'Weekly busy checklist');
  assert.match(box.textContent, new RegExp('Added as row ' + fixture('add_kpi').body.row));
});

test('a failed call shows the add-on\'s words in the status line, as an error', () => {
  const world = loadAddon();
  answerWith(world, '/validate', fixture('error_quota_exhausted'));
  const page = sidebar(world, 'validateScorecard');
  const status = page.byId('status');
  assert.match(status.textContent, /Sheets allowance for this minute/);
  assert.equal(status.className, 'error');
  assert.equal(page.byId('validate-button').disabled, false);
});

test('the new-scorecard dialog creates the chosen scorecard and says so', () => {
  const world = loadAddon();
  const catalogue = fixture('templates');
  catalogue.body.templates[0].title = 'Role ' + EVIL;
  answerWith(world, '/templates', catalogue);
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  const roles = form.elements.role.options.map((option) => option.textContent);
  assert.equal(roles[0], 'choose…');
  assert.equal(roles[1], 'Role ' + EVIL);
  const template = catalogue.body.templates.find((t) => t.role === 'software_engineer');
  form.elements.role.value = template.role;
  form.elements.role.dispatch('change');
  assert.equal(page.byId('description').textContent, template.description);
  const [box] = page.byId('optional-kpis').getElementsByTagName('input');
  box.checked = true;
  form.elements.person.value = ' Jo Park ';
  form.dispatch('submit');
  const sent = world.requests[world.requests.length - 1];
  assert.deepEqual(sent.body, { role: template.role, person: 'Jo Park',
    kpis: template.default_kpis.map((k) => k.name).concat([template.optional_kpis[0].name]) });
  const made = fixture('provision').body.scorecard;
  assert.match(page.byId('status').textContent, new RegExp('Added “' + made.title + '” with ' + made.kpis + ' KPIs'));
  page.timers.forEach((fn) => fn());
  assert.equal(page.host.closed, true);
  assert.equal(page.document.created.includes('IMG'), false);
});

test('for a person who already has a scorecard the dialog says so, offers to open it, explains the KPIs', () => {
  const world = loadAddon();
  world.provisionFixture = 'provision_existing';
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  const existing = fixture('provision_existing').body.scorecard;
  form.elements.role.value = existing.role;
  form.elements.role.dispatch('change');
  const [box] = page.byId('optional-kpis').getElementsByTagName('input');
  box.checked = true;
  form.elements.person.value = existing.person;
  form.dispatch('submit');
  const text = page.byId('status').textContent;
  assert.ok(text.startsWith(existing.person + ' already has a'), text);
  assert.match(text, /— open it/);
  assert.ok(text.includes(box.value + ' is not on it yet'));
  assert.equal(page.byId('open-button').hidden, false);
  world.spreadsheet.setActiveSheet(world.other);
  page.byId('open-button').click();
  assert.equal(world.spreadsheet.getActiveSheet().getSheetId(), existing.tab_id);
  assert.equal(page.host.closed, true);
});

test('a failed create offers a retry that sends the same request again', () => {
  const world = loadAddon();
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  form.elements.role.value = 'software_engineer';
  form.elements.person.value = 'Jo Park';
  world.fetchThrows = true;
  form.dispatch('submit');
  assert.match(page.byId('status').textContent, /not answering right now/);
  assert.equal(page.byId('retry-button').hidden, false);
  world.fetchThrows = false;
  page.byId('retry-button').click();
  const posts = world.requests.filter((r) => r.method === 'post');
  assert.equal(posts.length, 1);
  assert.deepEqual(posts[0].body, { role: 'software_engineer', person: 'Jo Park' });
  assert.match(page.byId('status').textContent, /^Added/);
});

test('the dialog asks for a person before calling the server', () => {
  const world = loadAddon();
  run(world, 'showNewScorecardDialog');
  const page = openPage(world, world.dialogs[0].html.getContent());
  const form = page.byId('new-scorecard');
  form.elements.role.value = 'software_engineer';
  form.dispatch('submit');
  assert.deepEqual(page.calls, ['getTemplates']);
  assert.match(page.byId('status').textContent, /type the person/);
});
