'use strict';
/**
 * A small Apps Script world for Node: Code.gs runs in a node:vm context whose
 * globals are hand-written fakes of SpreadsheetApp, UrlFetchApp, ScriptApp,
 * HtmlService, PropertiesService and Session. The fakes keep state (cells,
 * triggers, alerts, requests) so tests assert outcomes. Nothing touches the network.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ADDON_DIR = path.join(__dirname, '..');
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.secret-identity-token.c2lnbmF0dXJl';
const BACKEND = 'https://scorecard.example.com';
const SPREADSHEET_ID = '1AbCdEfGhIjKlMnOp';

/** The header row of a scorecard tab, as provisioned by the service. */
const HEADER = ['KPI', 'Definition', 'Owner', 'Business result', "Owner's control", 'Unit',
  'Better when', 'Target', 'Cadence', 'Data source', 'Reviewed in', 'Last reviewed',
  '2025-01-06', '2025-01-13', 'Latest', 'Verdict'];

/** One complete KPI definition row (12 definition cells). */
const GOOD_ROW = ['On-time delivery', 'Orders shipped by promised date / orders shipped',
  'Dana', 'Customer retention', 'direct', '%', 'higher', '95', 'weekly', 'ERP shipments report',
  'Monday ops meeting', ''];

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
  constructor(name, id, grid) {
    this.name = name;
    this.id = id;
    this.grid = grid.map((line) => line.slice());
    this.selection = [];
    this.reads = 0;
    this.writes = [];
  }
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
  }
  getId() { return this.id; }
  getSheets() { return this.sheets.slice(); }
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

function route(world, request) {
  const p = new URL(request.url).pathname;
  const sid = '/api/v1/spreadsheets/' + SPREADSHEET_ID;
  if (request.method === 'get' && p === '/api/v1/templates') {
    return { status: 200, body: { templates: world.templates } };
  }
  if (request.method === 'post' && p === '/api/v1/kpis/validate') {
    return { status: 200, body: world.judge(request.body.kpis) };
  }
  if (request.method === 'get' && p === sid + '/scorecards') {
    return { status: 200, body: { scorecards: world.scorecards } };
  }
  if (request.method === 'post' && p === sid + '/sync') {
    return { status: 200, body: world.syncResult };
  }
  if (request.method === 'post' && p === sid + '/scorecards') {
    return { status: 201, body: { scorecard: { tab_id: 777, title: request.body.person + ' — ' + request.body.role, role: request.body.role, person: request.body.person } } };
  }
  const tab = new RegExp('^' + sid + '/scorecards/(\\d+)/(validate|reviewed)$').exec(p);
  if (request.method === 'post' && tab) {
    if (tab[2] === 'reviewed') { return { status: 200, body: { updated: request.body.rows.length } }; }
    return { status: 200, body: world.judge([{ name: 'On-time delivery' }]) };
  }
  return { status: 404, body: { error: { code: 'not_found', message: 'No route ' + p, fields: {} } } };
}

/** Accepts a KPI unless its name says "busy": enough to drive both verdicts. */
function defaultJudge(kpis) {
  return {
    results: kpis.map((kpi, index) => {
      const busy = /busy|checklist/i.test(kpi.name || '');
      return {
        index,
        name: kpi.name,
        accepted: !busy,
        criteria: {
          drives_result: {
            status: busy ? 'fail' : 'pass',
            findings: busy ? [{ rule: 'drives_result.busy_work', severity: 'error',
              message: 'This counts activity, not a result.',
              suggestion: 'Measure the outcome the checklist protects.' }] : [],
          },
          in_control: { status: 'pass', findings: [] },
          feedback_loop: { status: 'pass', findings: [] },
        },
      };
    }),
    scorecard: { findings: [] },
  };
}

/**
 * Loads Code.gs into a fresh context. Options: authMode ('FULL' | 'NONE'),
 * backendUrl (Script Property; null = unset), token, grid (the active tab's cells).
 */
function loadAddon(options) {
  const opts = Object.assign({ authMode: 'FULL', backendUrl: BACKEND, token: TOKEN }, options);
  const sheet = new FakeSheet('Dana — Operations', 123, opts.grid || [HEADER, GOOD_ROW]);
  const other = new FakeSheet('Notes', 456, [['just', 'notes']]);
  const spreadsheet = new FakeSpreadsheet(SPREADSHEET_ID, [sheet, other,
    new FakeSheet('New', 777, [])]);
  const world = {
    sheet, other, spreadsheet,
    requests: [], alerts: [], sidebars: [], dialogs: [], menus: [], triggers: [],
    handler: null, judge: defaultJudge,
    scorecards: [{ tab_id: 123, title: 'Dana — Operations', role: 'operations', person: 'Dana' }],
    templates: [{ role: 'operations', title: 'Operations lead', description: 'Runs delivery.',
      default_kpis: ['On-time delivery'], optional_kpis: ['Order cycle time'] }],
    syncResult: { tabs: 2, rows: 9, changed_cells: 14, flags: 3, requests: { reads: 1, writes: 1 }, tab_errors: [] },
    properties: opts.backendUrl === null ? {} : { SCORECARD_BACKEND_URL: opts.backendUrl },
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
    },
    Session: { getActiveUser: () => ({ getEmail: () => 'dana@example.com' }) },
    Logger: { log() {} },
    console: { log() {}, warn() {}, error() {} },
  };
  const context = vm.createContext(globals);
  vm.runInContext(fs.readFileSync(path.join(ADDON_DIR, 'Code.gs'), 'utf8'), context,
    { filename: 'Code.gs' });
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
  BACKEND, GOOD_ROW, HEADER, SPREADSHEET_ID, TOKEN,
  FakeSheet, loadAddon, readAddonFile, run,
};
