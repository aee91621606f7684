'use strict';
/**
 * A small Apps Script world for Node: every .gs file runs in one node:vm context
 * whose globals are hand-written fakes of SpreadsheetApp, UrlFetchApp, ScriptApp,
 * HtmlService, PropertiesService, Session, MailApp and Utilities. The fakes keep state (cells,
 * triggers, alerts, requests) so tests assert outcomes. The backend answers with
 * the fixtures the Python tests record from the real API (fixtures/*.json).
 * Nothing touches the network.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ADDON_DIR = path.join(__dirname, '..');
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-identity-token.c2lnbmF0dXJl';
const BACKEND = 'https://scorecard.example.com';
const FIXTURES = path.join(__dirname, 'fixtures');

/** One answer the real API gave, as recorded by tests/api/test_addon_fixtures.py. */
function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name + '.json'), 'utf8'));
}

/** Every recorded error answer, by file name. */
function errorFixtures() {
  return fs.readdirSync(FIXTURES).filter((f) => f.startsWith('error_'))
    .map((f) => f.replace(/\.json$/, '')).sort().map((name) => ({ name, answer: fixture(name) }));
}

const SPREADSHEET_ID = fixture('sync').body.spreadsheet_id;
/** The service's closed list of error codes, written from its ErrorCode. */
const ERROR_CODES = fixture('codes').codes;
const SCORECARDS = fixture('scorecards').body.scorecards;
const VOCABULARY = fixture('templates').body.vocabulary;
/** The header row the service provisions: the vocabulary's headers, then a period. */
const HEADER = VOCABULARY.fields.map((field) => field.header).concat(['2026-11-02', 'Verdict']);

class FakeRange {
  constructor(sheet, row, column, rows, columns) {
    Object.assign(this, { sheet, row, column, rows: rows || 1, columns: columns || 1 });
  }
  getSheet() { return this.sheet; }
  getRow() { return this.row; }
  getColumn() { return this.column; }
  getLastRow() { return this.row + this.rows - 1; }
  getLastColumn() { return this.column + this.columns - 1; }
  getNumRows() { return this.rows; }
  getNumColumns() { return this.columns; }
  getValues() {
    this.sheet.reads += 1;
    const out = [];
    for (let r = 0; r < this.rows; r++) {
      const line = [];
      for (let c = 0; c < this.columns; c++) { line.push(this.sheet.cell(this.row + r, this.column + c)); }
      out.push(line);
    }
    return out;
  }
  getDisplayValues() { return this.getValues().map((line) => line.map((v) => String(v))); }
  setValue(value) {
    if (this.rows !== 1 || this.columns !== 1) { throw new Error('setValue on a multi-cell range'); }
    this.sheet.setCell(this.row, this.column, value);
    return this;
  }
}

class FakeSheet {
  constructor(name, id, grid, metadata) {
    this.name = name;
    this.id = id;
    this.grid = grid.map((line) => line.slice());
    this.metadata = metadata || {};
    this.rowTags = [];  // [{key, value, row}]: developer metadata on a row (1-based)
    this.selection = [];
    this.reads = 0;
    this.writes = [];
  }
  getDeveloperMetadata() {
    return Object.keys(this.metadata).map((key) => ({
      getKey: () => key, getValue: () => this.metadata[key] }));
  }
  /** Finds row metadata by key, as Sheet.createDeveloperMetadataFinder().withKey(k).find() does. */
  createDeveloperMetadataFinder() {
    const sheet = this;
    let wanted = null;
    const finder = {
      withKey(key) { wanted = key; return finder; },
      find() {
        return sheet.rowTags.filter((tag) => wanted === null || tag.key === wanted).map((tag) => ({
          getKey: () => tag.key, getValue: () => tag.value,
          getLocation: () => ({ getRow: () => sheet.getRange(tag.row, 1, 1, sheet.getLastColumn()) }),
        }));
      },
    };
    return finder;
  }
  setActiveSelection(range) { this.selection = [range]; return range; }
  getName() { return this.name; }
  getSheetId() { return this.id; }
  getLastRow() { return this.grid.length; }
  getLastColumn() { return this.grid.reduce((w, line) => Math.max(w, line.length), 0); }
  cell(row, column) {
    const line = this.grid[row - 1] || [];
    return line[column - 1] === undefined ? '' : line[column - 1];
  }
  setCell(row, column, value) {
    while (this.grid.length < row) { this.grid.push([]); }
    const line = this.grid[row - 1];
    while (line.length < column) { line.push(''); }
    line[column - 1] = value;
    this.writes.push({ row, column, value });
  }
  getRange(row, column, rows, columns) {
    if (typeof row !== 'number') { throw new Error('A1 notation is not faked'); }
    return new FakeRange(this, row, column, rows, columns);
  }
  /** Test helper: select [row, column, rows, columns] blocks. */
  select(...blocks) { this.selection = blocks.map((b) => this.getRange(...b)); }
  getActiveRange() { return this.selection[0] || null; }
  getActiveRangeList() {
    if (!this.selection.length) { return null; }
    const ranges = this.selection;
    return { getRanges: () => ranges.slice() };
  }
}

class FakeSpreadsheet {
  constructor(id, sheets) {
    this.id = id;
    this.sheets = sheets;
    this.active = sheets[0];
    this.toasts = [];
    this.timeZone = 'Europe/London';
  }
  getId() { return this.id; }
  getName() { return 'Team scorecards'; }
  getSpreadsheetTimeZone() { return this.timeZone; }
  getSheets() { return this.sheets.slice(); }
  getSheetByName(name) { return this.sheets.find((sheet) => sheet.name === name) || null; }
  getActiveSheet() { return this.active; }
  setActiveSheet(sheet) { this.active = sheet; return sheet; }
  toast(message, title) { this.toasts.push({ message: String(message), title }); }
}

/** HtmlOutput: content plus the chainable setters the add-on uses. */
class FakeHtmlOutput {
  constructor(content) { this.content = content; this.title = ''; }
  setTitle(title) { this.title = title; return this; }
  setWidth(width) { this.width = width; return this; }
  setHeight(height) { this.height = height; return this; }
  getContent() { return this.content; }
}

function escapeHtml(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Utilities.formatDate for the patterns the add-on uses: yyyy, MM, dd, u (1 = Monday), H. */
function formatDate(date, timeZone, pattern) {
  const parts = {};
  new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', hourCycle: 'h23', weekday: 'short' })
    .formatToParts(date).forEach((part) => { parts[part.type] = part.value; });
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return pattern.replace(/yyyy|MM|dd|u|H/g, (token) => ({
    yyyy: parts.year, MM: parts.month, dd: parts.day, u: String(weekday), H: String(Number(parts.hour)),
  })[token]);
}

function readAddonFile(name) {
  return fs.readFileSync(path.join(ADDON_DIR, name + '.html'), 'utf8');
}

/** Templates: standard `<?= name ?>` scriptlets are escaped, like HtmlService does. */
function fakeTemplate(name) {
  const template = {
    evaluate() {
      const source = readAddonFile(name);
      if (/<\?!=|<\?(?!=)/.test(source)) { throw new Error('only printing scriptlets are faked'); }
      return new FakeHtmlOutput(source.replace(/<\?=\s*(\w+)\s*\?>/g,
        (_, key) => escapeHtml(template[key] === undefined ? '' : template[key])));
    },
  };
  return template;
}

/**
 * A tiny Scorecard backend: routes requests like the service does and records them.
 * `handler(request)` may return {status, body|text} to override a route.
 */
function fakeBackend(world) {
  return function respond(url, params) {
    const request = {
      url,
      method: String(params.method || 'get').toLowerCase(),
      params,
      body: params.payload === undefined ? undefined : JSON.parse(params.payload),
    };
    world.requests.push(request);
    const override = world.handler && world.handler(request);
    const answer = override || route(world, request);
    const text = answer.text !== undefined ? answer.text : JSON.stringify(answer.body);
    return { getResponseCode: () => answer.status, getContentText: () => text };
  };
}

/** Routes like the service does; every answer is a recorded fixture. */
function route(world, request) {
  const p = new URL(request.url).pathname;
  const sid = '/api/v1/spreadsheets/' + SPREADSHEET_ID;
  const routes = [
    ['get', '/api/v1/templates', 'templates'],
    ['post', '/api/v1/kpis/validate', 'validate_kpis'],
    ['post', sid + '/sync', 'sync'],
    ['get', sid + '/digest', world.digestFixture],
    ['get', sid + '/scorecards', 'scorecards'],
    ['post', sid + '/scorecards', world.provisionFixture],
    ['get', sid + '/enrolment', world.scheduleFixture],
    ['post', sid + '/enrolment', 'enrolment'],
    ['delete', sid + '/enrolment', 'unenrolment'],
  ];
  for (const [method, route, name] of routes) {
    if (request.method === method && p === route) { return fixture(name); }
  }
  const tab = new RegExp('^' + sid + '/scorecards/(\\d+)/(validate|reviewed|kpis)$').exec(p);
  if (request.method === 'post' && tab) {
    return fixture({ reviewed: 'reviewed', validate: 'validate_tab', kpis: 'add_kpi' }[tab[2]]);
  }
  return fixture('error_spreadsheet_not_found');
}

/** The add-on's Apps Script files, in the order Apps Script shows them (by name). */
function scriptFiles() {
  return fs.readdirSync(ADDON_DIR).filter((name) => name.endsWith('.gs')).sort();
}

/**
 * Loads every .gs file into a fresh context. Options: authMode ('FULL' | 'NONE'),
 * backendUrl (Script Property; null = unset), token, grid (the active tab's cells).
 * The active tab is the demo's first scorecard, tagged as the service tags it.
 */
function loadAddon(options) {
  const opts = Object.assign({ authMode: 'FULL', backendUrl: BACKEND, token: TOKEN }, options);
  const card = SCORECARDS[0];
  const tag = (s) => ({ 'scorecard.tab': JSON.stringify({ person: s.person, role: s.role, template_version: 1 }) });
  const rows = [HEADER].concat(Array.from({ length: card.kpis }, (_, i) => ['KPI ' + (i + 1)]));
  const sheet = new FakeSheet(card.title, card.tab_id, opts.grid || rows, tag(card));
  sheet.rowTags.push({ key: 'scorecard.header', value: 'header', row: 1 });
  const other = new FakeSheet('Notes', 456, [['just', 'notes'], ['more', 'notes']]);
  const tabs = [sheet, other].concat(SCORECARDS.slice(1).map((s) =>
    new FakeSheet(s.title, s.tab_id, [HEADER], tag(s))));
  const made = fixture('provision').body.scorecard;
  tabs.push(new FakeSheet(made.title, made.tab_id, [HEADER], tag(made)));
  const spreadsheet = new FakeSpreadsheet(SPREADSHEET_ID, tabs);
  const world = {
    sheet, other, spreadsheet,
    requests: [], alerts: [], sidebars: [], dialogs: [], menus: [], triggers: [],
    handler: null, provisionFixture: 'provision', scheduleFixture: 'schedule',
    properties: opts.backendUrl === null ? {} : { SCORECARD_BACKEND_URL: opts.backendUrl },
    userProperties: {}, mails: [], mailQuota: 100, digestFixture: 'digest',
    // The fake clock (ms) moves only when the add-on sleeps. Each sleep starts the next
    // function in `meanwhile` (another execution, such as a concurrent edit's trigger),
    // which may sleep in turn. The document cache expires by this clock.
    clock: 0, meanwhile: [], cache: {}, uuids: 0,
  };
  const needsAuth = (service) => {
    if (opts.authMode === 'NONE') { throw new Error(service + ' is not allowed in AuthMode.NONE'); }
  };
  const ui = {
    ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL' },
    createAddonMenu() {
      const menu = { items: [], addItem(label, fn) { this.items.push([label, fn]); return this; },
        addSeparator() { this.items.push(null); return this; },
        addToUi() { world.menus.push(this.items); } };
      return menu;
    },
    alert(...args) { world.alerts.push(args.length === 1 ? String(args[0]) : String(args[1])); return 'OK'; },
    showSidebar(html) { world.sidebars.push(html); },
    showModalDialog(html, title) { world.dialogs.push({ html, title }); },
  };
  const globals = {
    SpreadsheetApp: {
      getUi: () => ui,
      getActive: () => spreadsheet,
      getActiveSpreadsheet: () => spreadsheet,
      getActiveSheet: () => spreadsheet.getActiveSheet(),
    },
    UrlFetchApp: {
      fetch(url, params) {
        needsAuth('UrlFetchApp');
        if (world.fetchThrows) { throw new Error('Address unavailable: ' + url); }
        return fakeBackend(world)(url, params);
      },
    },
    ScriptApp: {
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL' },
      getIdentityToken() { needsAuth('ScriptApp.getIdentityToken'); return opts.token; },
      newTrigger(handler) {
        const trigger = { handler, source: null, kind: null,
          getHandlerFunction() { return handler; } };
        const builder = {
          forSpreadsheet(ss) { trigger.source = ss; return builder; },
          onEdit() { trigger.kind = 'onEdit'; return builder; },
          // An add-on's time-driven trigger belongs to the document it was made in.
          timeBased() { trigger.kind = 'timeBased'; trigger.source = spreadsheet; return builder; },
          everyHours(hours) {
            if (hours < 1) { throw new Error('add-on triggers run at most hourly'); }
            trigger.everyHours = hours; return builder;
          },
          create() { world.triggers.push(trigger); return trigger; },
        };
        return builder;
      },
      getUserTriggers(ss) { return world.triggers.filter((t) => t.source === ss); },
      deleteTrigger(trigger) { world.triggers = world.triggers.filter((t) => t !== trigger); },
    },
    HtmlService: {
      createHtmlOutputFromFile: (name) => new FakeHtmlOutput(readAddonFile(name)),
      createTemplateFromFile: (name) => fakeTemplate(name),
    },
    PropertiesService: {
      getScriptProperties() {
        needsAuth('PropertiesService');
        return { getProperty: (key) => (key in world.properties ? world.properties[key] : null) };
      },
      getUserProperties() {
        needsAuth('PropertiesService');
        const store = world.userProperties;
        return {
          getProperty: (key) => (key in store ? store[key] : null),
          setProperty(key, value) { store[key] = String(value); return this; },
        };
      },
    },
    Session: {
      getActiveUser: () => ({ getEmail: () => 'dana@example.com' }),
      getEffectiveUser: () => ({ getEmail: () => 'dana@example.com' }),
    },
    MailApp: {
      getRemainingDailyQuota: () => world.mailQuota,
      sendEmail(message) {
        needsAuth('MailApp');
        if (world.mailQuota < 1) { throw new Error('Service invoked too many times for one day: email.'); }
        world.mailQuota -= 1;
        world.mails.push(message);
      },
    },
    LockService: {
      // One user lock: `world.userLockHeld` stands for another run of the user's script.
      getUserLock: () => ({
        tryLock() {
          if (world.userLockHeld) { return false; }
          world.userLockHeld = true;
          return true;
        },
        releaseLock() { world.userLockHeld = false; },
      }),
    },
    Utilities: {
      formatDate,
      getUuid: () => 'uuid-' + (world.uuids += 1),
      sleep(ms) {
        world.clock += ms;
        const next = world.meanwhile.shift();
        if (next) { next(); }  // another execution starts while this one waits
      },
    },
    CacheService: {
      getDocumentCache() {
        const store = world.cache;
        return {
          get(key) {
            const entry = store[key];
            return entry && entry.until > world.clock ? entry.value : null;
          },
          put(key, value, seconds) {
            store[key] = { value: String(value), until: world.clock + 1000 * (seconds || 600) };
          },
          remove(key) { delete store[key]; },
        };
      },
    },
    Logger: { log() {} },
    console: { log() {}, warn() {}, error() {} },
  };
  const context = vm.createContext(globals);
  for (const name of scriptFiles()) {
    vm.runInContext(fs.readFileSync(path.join(ADDON_DIR, name), 'utf8'), context, { filename: name });
  }
  world.context = context;
  world.authMode = opts.authMode;
  return world;
}

/** Calls a server function the way google.script.run does: result or thrown message. */
function run(world, name, ...args) {
  const fn = world.context[name];
  if (typeof fn !== 'function') { throw new Error(name + ' is not a global function'); }
  return fn(...args);
}

module.exports = {
  BACKEND, ERROR_CODES, HEADER, SCORECARDS, SPREADSHEET_ID, TOKEN, VOCABULARY,
  FakeSheet, errorFixtures, fixture, loadAddon, readAddonFile, run, scriptFiles,
};
