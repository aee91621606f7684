/**
 * Scorecard editor add-on: the sheet's menu, the sidebar and dialogs, and the one
 * place that talks to the Scorecard backend.
 *
 * Trust boundary: the Google identity token is read and sent only here, on the
 * Apps Script server. Sidebar and dialog code call the functions below through
 * google.script.run and receive plain results or readable error messages; they
 * never see the token, the backend URL's headers or raw responses.
 *
 * Entry points are declared with `function` so that Apps Script (and the Node
 * tests, which load this file with node:vm) see them as globals. Names ending in
 * `_` are private: Apps Script hides them from menus and google.script.run.
 */

/** Where the backend lives unless the Script Property SCORECARD_BACKEND_URL says otherwise. */
var DEFAULT_BACKEND_URL = 'https://YOUR_PROJECT_ID.appspot.com';
var BACKEND_URL_PROPERTY = 'SCORECARD_BACKEND_URL';
var API_PREFIX = '/api/v1';
var EDIT_CHECK_HANDLER = 'onEditCheck';
var SIDEBAR_TITLE = 'Scorecard';

/** Menu items in order; null draws a separator. Each names a global function below. */
var MENU_ITEMS = [
  ['Validate scorecard', 'validateScorecard'],
  ['Refresh trends', 'refreshTrends'],
  ['Add a role scorecard…', 'showNewScorecardDialog'],
  ['Check a new KPI…', 'showKpiCheck'],
  ['Mark reviewed today', 'markReviewedToday'],
  null,
  ['Turn on checking new rows', 'turnOnRowChecking'],
  ['Turn off checking new rows', 'turnOffRowChecking'],
];

/** Definition columns: JSON field -> header text a manager sees (the service's layout). */
var DEFINITION_HEADERS = {
  name: 'KPI',
  definition: 'Definition',
  owner: 'Owner',
  business_result: 'Business result',
  control: "Owner's control",
  unit: 'Unit',
  direction: 'Better when',
  target: 'Target',
  cadence: 'Cadence',
  data_source: 'Data source',
  review_forum: 'Reviewed in',
  last_reviewed: 'Last reviewed',
};
var VERDICT_HEADER = 'Verdict';
/** A row is checked once all of these are filled; "Last reviewed" may stay blank. */
var REQUIRED_FIELDS = [
  'name', 'definition', 'owner', 'business_result', 'control', 'unit',
  'direction', 'target', 'cadence', 'data_source', 'review_forum',
];
var HEADER_SCAN_ROWS = 5;
var MAX_ROWS_PER_EDIT = 50;
var MAX_FIELD_LENGTH = 2000;

var CRITERIA_LABELS = {
  drives_result: 'Drives a business result',
  in_control: "Within the owner's control",
  feedback_loop: 'Feedback loop the team uses',
};
var PASSING_STATUSES = ['pass', 'passed', 'met', 'ok'];

var MESSAGES = {
  quota: "Google's Sheets quota is used up for this minute. Try again in a minute.",
  unavailable: 'The Scorecard service is unavailable; try again shortly.',
  conflict: 'A sync is already running for this spreadsheet; try again in a minute.',
  signIn: 'Scorecard could not confirm who you are. Reload the spreadsheet, then try again.',
  notConfigured: 'The Scorecard add-on is not set up yet: ask whoever installed it to set ' +
    'the Script Property ' + BACKEND_URL_PROPERTY + ' to the service URL (https://…).',
  noToken: 'Google did not provide a sign-in token. Reinstall the Scorecard add-on and accept ' +
    'its permissions, then try again.',
};

// ---------------------------------------------------------------- menu

/** Builds the add-on menu; runs in AuthMode.NONE, so it touches nothing else. */
function onOpen(e) {
  var menu = SpreadsheetApp.getUi().createAddonMenu();
  MENU_ITEMS.forEach(function (item) {
    if (item) {
      menu.addItem(item[0], item[1]);
    } else {
      menu.addSeparator();
    }
  });
  menu.addToUi();
}

/** Runs once when a user installs the add-on: show the menu straight away. */
function onInstall(e) {
  onOpen(e);
}

/** Menu: open the sidebar, which validates the active tab. */
function validateScorecard() {
  showSidebar_('validate');
}

/** Menu: open the sidebar, which recomputes trends and flags for every scorecard tab. */
function refreshTrends() {
  showSidebar_('sync');
}

/** Menu: open the sidebar on the "Check a new KPI" form. */
function showKpiCheck() {
  showSidebar_('check');
}

/** Menu: the dialog that adds a scorecard tab for a role and a person. */
function showNewScorecardDialog() {
  var html = HtmlService.createHtmlOutputFromFile('NewScorecard').setWidth(460).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Add a role scorecard');
}

/** Menu: stamp "Last reviewed" with today's date on the selected KPI rows. */
function markReviewedToday() {
  withAlert_(function () {
    var sheet = SpreadsheetApp.getActiveSheet();
    var layout = readLayout_(sheet);
    if (!layout) {
      throw new Error('This tab is not a scorecard. Select KPI rows on a scorecard tab first.');
    }
    var rows = selectedKpiRows_(sheet, layout);
    if (!rows.length) {
      throw new Error('Select one or more KPI rows (below the header), then try again.');
    }
    callBackend_('post', scorecardPath_(sheet) + '/reviewed', { rows: rows });
    SpreadsheetApp.getActive().toast(
      'Marked ' + rows.length + (rows.length === 1 ? ' KPI' : ' KPIs') + ' reviewed today.',
      'Scorecard');
  });
}

/** Menu: install the on-edit trigger that checks each KPI row once it is filled in. */
function turnOnRowChecking() {
  withAlert_(function () {
    var spreadsheet = SpreadsheetApp.getActive();
    if (editCheckTriggers_(spreadsheet).length) {
      SpreadsheetApp.getUi().alert('Checking new rows is already on.');
      return;
    }
    ScriptApp.newTrigger(EDIT_CHECK_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
    SpreadsheetApp.getUi().alert(
      'Checking new rows is on: when a KPI row has all its definition columns filled, ' +
      'its verdict appears in the "' + VERDICT_HEADER + '" column.');
  });
}

/** Menu: remove this user's on-edit trigger for this spreadsheet. */
function turnOffRowChecking() {
  withAlert_(function () {
    var triggers = editCheckTriggers_(SpreadsheetApp.getActive());
    triggers.forEach(function (trigger) {
      ScriptApp.deleteTrigger(trigger);
    });
    SpreadsheetApp.getUi().alert(triggers.length
      ? 'Checking new rows is off.'
      : 'Checking new rows was not on.');
  });
}

// ---------------------------------------------------------------- called by the sidebar and dialog

/** Sidebar: validate the active tab; returns {tab, report}. */
function validateActiveTab() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var report = callBackend_('post', scorecardPath_(sheet) + '/validate', {});
  return { tab: sheet.getName(), report: report };
}

/** Sidebar: recompute trends and flags for every scorecard tab; returns the sync result. */
function syncSpreadsheet() {
  return callBackend_('post', spreadsheetPath_() + '/sync', {});
}

/** Sidebar: check one KPI definition before its row is added; returns the validation report. */
function checkKpi(form) {
  var body = { kpis: [cleanKpi_(form && form.kpi)] };
  var role = cleanText_(form && form.role, 100);
  if (role) {
    body.role = role;
  }
  return callBackend_('post', API_PREFIX + '/kpis/validate', body);
}

/**
 * Sidebar: the role of the scorecard tab the user is on, so a KPI checked from that tab is
 * judged for that role; '' when the active tab is not a scorecard.
 */
function activeTabRole() {
  var sheetId = SpreadsheetApp.getActiveSheet().getSheetId();
  var body = callBackend_('get', spreadsheetPath_() + '/scorecards');
  var tabs = (body && body.scorecards) || [];
  for (var i = 0; i < tabs.length; i++) {
    if (tabs[i].tab_id === sheetId) {
      return String(tabs[i].role || '');
    }
  }
  return '';
}

/** Dialog and sidebar: the role templates offered by the service. */
function getTemplates() {
  var body = callBackend_('get', API_PREFIX + '/templates');
  return (body && body.templates) || [];
}

/** Dialog: add a scorecard tab for {role, person, kpis?}; returns the scorecard and opens it. */
function createScorecard(form) {
  var role = cleanText_(form && form.role, 100);
  var person = cleanText_(form && form.person, 100);
  if (!role || !person) {
    throw new Error('Pick a role and type the person the scorecard is for.');
  }
  var body = { role: role, person: person };
  if (form.kpis && form.kpis.length) {
    body.kpis = form.kpis.map(function (name) { return cleanText_(name, 200); })
      .filter(function (name) { return name; });
  }
  var scorecard = callBackend_('post', spreadsheetPath_() + '/scorecards', body).scorecard;
  activateTab_(scorecard && scorecard.tab_id);
  return scorecard;
}

// ---------------------------------------------------------------- on-edit trigger

/** Installable on-edit trigger: check KPI rows whose definition columns are all filled. */
function onEditCheck(e) {
  if (!e || !e.range) {
    return;
  }
  var sheet = e.range.getSheet();
  var layout = readLayout_(sheet);
  if (!layout || !editTouchesDefinitions_(e.range, layout)) {
    return;
  }
  var first = Math.max(e.range.getRow(), layout.headerRow + 1);
  var last = Math.min(e.range.getLastRow(), first + MAX_ROWS_PER_EDIT - 1);
  if (last < first) {
    return;
  }
  var grid = sheet.getRange(first, 1, last - first + 1, layout.width).getDisplayValues();
  var rows = [];
  var kpis = [];
  grid.forEach(function (cells, offset) {
    var kpi = kpiFromCells_(cells, layout);
    if (isComplete_(kpi)) {
      rows.push(first + offset);
      kpis.push(kpi);
    }
  });
  if (kpis.length) {
    writeVerdicts_(sheet, layout, rows, kpis);
  }
}

function writeVerdicts_(sheet, layout, rows, kpis) {
  var report;
  try {
    report = callBackend_('post', API_PREFIX + '/kpis/validate', { kpis: kpis });
  } catch (err) {
    // A trigger has no dialog to show; a toast tells the person without touching the sheet.
    SpreadsheetApp.getActive().toast('KPI not checked: ' + err.message, 'Scorecard', 10);
    return;
  }
  var results = (report && report.results) || [];
  rows.forEach(function (row, index) {
    var result = resultFor_(results, index);
    if (result) {
      sheet.getRange(row, layout.columns.verdict).setValue(verdictText_(result));
    }
  });
}

function resultFor_(results, index) {
  for (var i = 0; i < results.length; i++) {
    if (results[i] && results[i].index === index) {
      return results[i];
    }
  }
  return results[index];
}

/** One-cell verdict; always starts with a symbol so a message is never read as a formula. */
function verdictText_(result) {
  if (result.accepted) {
    return '✓ Meets all three criteria';
  }
  var failing = [];
  var firstMessage = '';
  Object.keys(result.criteria || {}).forEach(function (key) {
    var criterion = result.criteria[key] || {};
    if (PASSING_STATUSES.indexOf(String(criterion.status).toLowerCase()) === -1) {
      failing.push(CRITERIA_LABELS[key] || key);
      var finding = (criterion.findings || [])[0];
      if (!firstMessage && finding) {
        firstMessage = finding.message + (finding.suggestion ? ' Try: ' + finding.suggestion : '');
      }
    }
  });
  var text = '✗ Not yet: ' + (failing.join('; ') || 'see the sidebar');
  return firstMessage ? text + ' — ' + firstMessage : text;
}

// ---------------------------------------------------------------- the sheet's layout

/** Finds the header row by its text; null when the tab is not a scorecard. */
function readLayout_(sheet) {
  var width = sheet.getLastColumn();
  var height = Math.min(HEADER_SCAN_ROWS, sheet.getLastRow());
  if (width < 1 || height < 1) {
    return null;
  }
  var grid = sheet.getRange(1, 1, height, width).getDisplayValues();
  for (var r = 0; r < grid.length; r++) {
    var columns = columnsFromHeader_(grid[r]);
    if (columns.name && columns.definition && columns.verdict) {
      return { headerRow: r + 1, width: width, columns: columns };
    }
  }
  return null;
}

/** Field -> 1-based column, matched on the header text, ignoring case and curly quotes. */
function columnsFromHeader_(headerCells) {
  var wanted = {};
  Object.keys(DEFINITION_HEADERS).forEach(function (field) {
    wanted[normaliseHeader_(DEFINITION_HEADERS[field])] = field;
  });
  wanted[normaliseHeader_(VERDICT_HEADER)] = 'verdict';
  var columns = {};
  headerCells.forEach(function (cell, index) {
    var field = wanted[normaliseHeader_(cell)];
    if (field && !columns[field]) {
      columns[field] = index + 1;
    }
  });
  return columns;
}

function normaliseHeader_(text) {
  return String(text).replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

function editTouchesDefinitions_(range, layout) {
  var from = range.getColumn();
  var to = range.getLastColumn();
  return Object.keys(DEFINITION_HEADERS).some(function (field) {
    var column = layout.columns[field];
    return column && column >= from && column <= to;
  });
}

function kpiFromCells_(cells, layout) {
  var kpi = {};
  Object.keys(DEFINITION_HEADERS).forEach(function (field) {
    var column = layout.columns[field];
    kpi[field] = column ? cleanText_(cells[column - 1], MAX_FIELD_LENGTH) : '';
  });
  return kpi;
}

function isComplete_(kpi) {
  return REQUIRED_FIELDS.every(function (field) { return kpi[field]; });
}

/** Sheet row numbers of the selected KPI rows (below the header, with a KPI name). */
function selectedKpiRows_(sheet, layout) {
  var list = sheet.getActiveRangeList();
  var ranges = list ? list.getRanges() : [sheet.getActiveRange()];
  var lastRow = sheet.getLastRow();
  if (lastRow <= layout.headerRow) {
    return [];
  }
  var names = sheet.getRange(layout.headerRow + 1, layout.columns.name,
    lastRow - layout.headerRow, 1).getDisplayValues();
  var picked = {};
  ranges.forEach(function (range) {
    if (!range) {
      return;
    }
    var from = Math.max(range.getRow(), layout.headerRow + 1);
    var to = Math.min(range.getLastRow(), lastRow);
    for (var row = from; row <= to; row++) {
      if (String(names[row - layout.headerRow - 1][0]).trim()) {
        picked[row] = true;
      }
    }
  });
  return Object.keys(picked).map(Number).sort(function (a, b) { return a - b; });
}

function editCheckTriggers_(spreadsheet) {
  return ScriptApp.getUserTriggers(spreadsheet).filter(function (trigger) {
    return trigger.getHandlerFunction() === EDIT_CHECK_HANDLER;
  });
}

function activateTab_(tabId) {
  var spreadsheet = SpreadsheetApp.getActive();
  spreadsheet.getSheets().forEach(function (sheet) {
    if (sheet.getSheetId() === tabId) {
      spreadsheet.setActiveSheet(sheet);
    }
  });
}

// ---------------------------------------------------------------- input hygiene

function cleanText_(value, maxLength) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value).trim().slice(0, maxLength);
}

function cleanKpi_(kpi) {
  var clean = {};
  Object.keys(DEFINITION_HEADERS).forEach(function (field) {
    clean[field] = cleanText_(kpi && kpi[field], MAX_FIELD_LENGTH);
  });
  return clean;
}

// ---------------------------------------------------------------- the backend

function spreadsheetPath_() {
  return API_PREFIX + '/spreadsheets/' + encodeURIComponent(SpreadsheetApp.getActive().getId());
}

function scorecardPath_(sheet) {
  return spreadsheetPath_() + '/scorecards/' + encodeURIComponent(String(sheet.getSheetId()));
}

/** The backend's base URL from Script Properties, checked; never ends with '/'. */
function backendUrl_() {
  var configured = PropertiesService.getScriptProperties().getProperty(BACKEND_URL_PROPERTY);
  var url = String(configured || DEFAULT_BACKEND_URL).trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^\/\s]+/.test(url) || url.indexOf('YOUR_PROJECT_ID') !== -1) {
    throw new Error(MESSAGES.notConfigured);
  }
  return url;
}

/**
 * Calls the backend as the signed-in user and returns the parsed JSON body.
 * Throws an Error whose message a manager can act on; the token stays here.
 */
function callBackend_(method, path, body) {
  var url = backendUrl_() + path;
  var token = ScriptApp.getIdentityToken();
  if (!token) {
    throw new Error(MESSAGES.noToken);
  }
  var options = {
    method: method,
    contentType: 'application/json',
    muteHttpExceptions: true,
    headers: { Authorization: 'Bearer ' + token },
  };
  if (body !== undefined) {
    options.payload = JSON.stringify(body);
  }
  var response;
  try {
    response = UrlFetchApp.fetch(url, options);
  } catch (err) {
    // DNS failures, timeouts and allowlist refusals all mean "not reachable now".
    throw new Error(MESSAGES.unavailable);
  }
  var status = response.getResponseCode();
  var parsed = parseJson_(response.getContentText());
  if (status >= 200 && status < 300 && parsed !== undefined) {
    return parsed;
  }
  throw new Error(describeFailure_(status, parsed));
}

function parseJson_(text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return undefined;
  }
}

/** The readable message for a failed call: status plus the `{"error": {...}}` body, if any. */
function describeFailure_(status, body) {
  var error = (body && typeof body === 'object' && body.error) || {};
  var message = typeof error.message === 'string' ? error.message : '';
  var fields = (error.fields && typeof error.fields === 'object') ? error.fields : {};
  if (error.code === 'not_shared') {
    return 'Share this spreadsheet with ' + serviceAccountOf_(fields, message) +
      ' as Editor, then try again.';
  }
  if (error.code === 'quota_exhausted' || status === 429) {
    return MESSAGES.quota;
  }
  if (status >= 500 || (status >= 200 && status < 300)) {
    return MESSAGES.unavailable;
  }
  return describeClientError_(status, message, fields);
}

function describeClientError_(status, message, fields) {
  if (status === 401) {
    return message ? MESSAGES.signIn + '\n' + message : MESSAGES.signIn;
  }
  if (status === 409) {
    return MESSAGES.conflict;
  }
  if (status === 400 || status === 422) {
    var problems = Object.keys(fields).map(function (name) {
      return '• ' + name + ': ' + fields[name];
    });
    var lead = message || 'Some values need fixing.';
    return problems.length ? lead + '\n' + problems.join('\n') : lead;
  }
  if (status === 403) {
    return message || 'You need edit access to this spreadsheet.';
  }
  if (status === 404) {
    return message || 'Not found: this tab is not a scorecard the service knows. ' +
      'Use Scorecard → Add a role scorecard… first.';
  }
  return message || 'The Scorecard service refused the request (HTTP ' + status + ').';
}

function serviceAccountOf_(fields, message) {
  if (typeof fields.service_account === 'string' && fields.service_account) {
    return fields.service_account;
  }
  var found = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(message);
  return found ? found[0] : "the Scorecard service account (ask your administrator for its address)";
}

// ---------------------------------------------------------------- UI plumbing

function showSidebar_(mode) {
  var template = HtmlService.createTemplateFromFile('Sidebar');
  template.mode = mode;
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(SIDEBAR_TITLE));
}

/** Runs a menu action; any failure becomes an alert with its readable message. */
function withAlert_(action) {
  try {
    action();
  } catch (err) {
    SpreadsheetApp.getUi().alert('Scorecard', String((err && err.message) || err),
      SpreadsheetApp.getUi().ButtonSet.OK);
  }
}
