/**
 * The optional on-edit check. It writes nothing itself: it asks the service to
 * validate the edited scorecard tab, and the service writes the verdicts in its
 * one write, with the same wording as "Validate scorecard".
 *
 * Each check costs the service account 1 read and up to 1 write of its Sheets
 * quota (60 a minute for all the spreadsheets it serves), so the check runs only
 * for edits of a definition column (a header the service's vocabulary names; not
 * a period, not a service column), and only for the last edit of a burst: each
 * edit leaves its mark on the tab in the document cache, waits EDIT_QUIET_SECONDS,
 * and asks for the check only if no later edit of that tab replaced its mark. So
 * a tab is checked at most once per EDIT_QUIET_SECONDS, always after its last edit.
 */

var EDIT_CHECK_HANDLER = 'onEditCheck';
var EDIT_QUIET_SECONDS = 5;
var HEADER_ROW_KEY = 'scorecard.header';  // the vocabulary's `header_key` (a test pins it)
var DEFINITION_HEADERS_KEY = 'scorecard.definition-headers';
var DEFINITION_HEADERS_SECONDS = 6 * 60 * 60;  // CacheService keeps entries at most 6 hours

/** Menu: install the on-edit trigger that checks each KPI row once it is filled in. */
function turnOnRowChecking() {
  withAlert_(function () {
    var spreadsheet = SpreadsheetApp.getActive();
    if (editCheckTriggers_(spreadsheet).length) {
      SpreadsheetApp.getUi().alert('Checking new rows is already on.');
      return;
    }
    definitionHeaders_();  // fetched now, so the first edits need no call to decide
    ScriptApp.newTrigger(EDIT_CHECK_HANDLER).forSpreadsheet(spreadsheet).onEdit().create();
    SpreadsheetApp.getUi().alert(
      'Checking new rows is on: a few seconds after you change a KPI\'s definition on a ' +
      'scorecard tab, Scorecard checks its KPI rows and updates their Verdict cells.');
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

/** Installable on-edit trigger: the service re-validates a tab whose definitions changed. */
function onEditCheck(e) {
  if (!e || !e.range) {
    return;
  }
  var sheet = e.range.getSheet();
  if (!isScorecardTab_(sheet)) {
    return;
  }
  try {
    var header = headerRow_(sheet);
    if (e.range.getLastRow() <= header || !touchesDefinition_(sheet, e.range, header) ||
        !isLastEditAfterQuiet_(sheet)) {
      return;
    }
    callBackend_('post', scorecardPath_(sheet) + '/validate', {}, { tab: sheet.getName() });
  } catch (err) {
    // A trigger has no dialog to show; a toast tells the person without touching the sheet.
    SpreadsheetApp.getActive().toast('Row not checked: ' + err.message, 'Scorecard', 10);
  }
}

/** The header row's number: the row the service marked, else the first row. */
function headerRow_(sheet) {
  var marks = sheet.createDeveloperMetadataFinder().withKey(HEADER_ROW_KEY).find();
  return marks.length ? marks[0].getLocation().getRow().getRow() : 1;
}

/** Whether the edited columns include a definition column, by its header in the vocabulary. */
function touchesDefinition_(sheet, range, header) {
  var known = definitionHeaders_();
  var headers = sheet.getRange(header, range.getColumn(), 1, range.getNumColumns())
    .getDisplayValues()[0];
  return headers.some(function (text) {
    return known.indexOf(headerText_(text)) !== -1;
  });
}

/** The definition columns' headers as the service reads them (trimmed, lower case). */
function definitionHeaders_() {
  var cache = CacheService.getDocumentCache();
  var cached = cache.get(DEFINITION_HEADERS_KEY);
  if (cached) {
    return JSON.parse(cached);
  }
  var fields = callBackend_('get', API_PREFIX + '/templates').vocabulary.fields;
  var headers = fields.map(function (field) { return headerText_(field.header); });
  cache.put(DEFINITION_HEADERS_KEY, JSON.stringify(headers), DEFINITION_HEADERS_SECONDS);
  return headers;
}

function headerText_(text) {
  return String(text).split(/\s+/).filter(Boolean).join(' ').toLowerCase();
}

/**
 * Marks this edit as the tab's latest, waits, and says whether it still is: edits run
 * as separate executions, so of a burst only the last one goes on to ask for a check.
 */
function isLastEditAfterQuiet_(sheet) {
  var cache = CacheService.getDocumentCache();
  var key = 'scorecard.last-edit.' + sheet.getSheetId();
  var mine = Utilities.getUuid();
  cache.put(key, mine, EDIT_QUIET_SECONDS * 4);
  Utilities.sleep(EDIT_QUIET_SECONDS * 1000);
  var latest = cache.get(key);
  return latest === null || latest === mine;  // an evicted mark: check rather than miss one
}

function editCheckTriggers_(spreadsheet) {
  return ScriptApp.getUserTriggers(spreadsheet).filter(function (trigger) {
    return trigger.getHandlerFunction() === EDIT_CHECK_HANDLER;
  });
}
