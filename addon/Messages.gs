/**
 * What a manager reads when a call fails: the add-on's own words about the sheet,
 * chosen by the error's stable code. The API's messages stay precise for API
 * users; here they are only a last resort for a code the add-on does not know.
 * A caller's `context` may name the tab ({tab}) and say what a refused input means
 * for that action ({invalid}).
 */

var MESSAGES = {
  unreachable: 'Scorecard is not answering right now. Check your connection and try again ' +
    'in a few minutes.',
  unavailable: 'Google Sheets or the Scorecard service is busy or down right now. Nothing was ' +
    'changed; try again in a few minutes.',
  quota: 'Scorecard has used up Google\'s Sheets allowance for this minute. Nothing was ' +
    'changed; try again in a minute.',
  conflict: 'Scorecard is already updating this spreadsheet. Try again in a minute.',
  signIn: 'Scorecard could not confirm who you are. Reload the spreadsheet, then try again. ' +
    'If this keeps happening, sign out of Google and back in.',
  forbidden: 'You need edit access to this spreadsheet to use Scorecard. Ask its owner to ' +
    'share it with you as Editor.',
  spreadsheetGone: 'Scorecard cannot find this spreadsheet. Reload it and try again.',
  noToken: 'Google did not provide a sign-in token. Reinstall the Scorecard add-on and accept ' +
    'its permissions, then try again.',
  // The add-on sent something the service could not use: nothing the manager typed is at fault.
  addonFault: 'Scorecard could not understand this request, so nothing was changed. Reload ' +
    'the spreadsheet and try again; if it keeps happening, tell whoever installed Scorecard.',
  tooMuch: 'That is more than Scorecard takes in one go, so nothing was changed. Select fewer ' +
    'rows or shorten the longest text, then try again.',
  updating: 'Scorecard is being updated right now. Nothing was changed; try again in a few ' +
    'minutes.',
  badTemplates: 'Scorecard\'s role templates have a problem, so it cannot do this right now. ' +
    'Nothing was changed; tell whoever installed Scorecard.',
  sheetsRefused: 'Google Sheets refused Scorecard\'s change, so nothing was changed. Try ' +
    'again; if it keeps happening, tell whoever installed Scorecard.',
  willRetry: 'Scorecard could not finish updating this spreadsheet; it will try again by ' +
    'itself in a few minutes. Nothing needs doing.',
};

/**
 * Each code the service can answer with -> the add-on's sentence: (fields, context,
 * message) -> text. A Node test checks this covers the service's closed list of codes
 * (fixtures/codes.json, written from the service's ErrorCode).
 */
var ERROR_WORDS = {
  not_shared: function (fields) {
    var who = fields.share_with || 'the Scorecard service account (ask whoever installed ' +
      'the add-on for its address)';
    return 'Scorecard cannot open this spreadsheet yet. Click Share, add ' + who +
      ' as Editor (untick "Notify people"), then try again.';
  },
  tab_not_found: function (fields, context) { return notAScorecard_(context.tab); },
  layout_ambiguous: function (fields, context, message) {
    return 'Scorecard cannot read ' + tabName_(context.tab) + ': ' + message;
  },
  tab_too_large: function (fields, context) { return tooLarge_(context.tab); },
  cell_too_long: function (fields, context) {
    return 'A cell of ' + tabName_(context.tab) + ' would hold more text than Google Sheets ' +
      'allows (50,000 characters). Shorten the longest definition or note, then try again.';
  },
  invalid_text: function (fields, context) {
    return 'Some text on ' + tabName_(context.tab) + ' holds characters Google Sheets cannot ' +
      'store, often left by a copy and paste. Retype the cells you pasted last, then try again.';
  },
  out_of_grid: function (fields, context) {
    return tabName_(context.tab) + ' lost rows or columns while Scorecard was updating it. ' +
      'Nothing was changed; try again.';
  },
  spreadsheet_not_found: function () { return MESSAGES.spreadsheetGone; },
  not_found: function () { return MESSAGES.addonFault; },
  not_available: function () {
    return 'Make the spreadsheet in Google Sheets first, then open Scorecard from its ' +
      'Extensions menu.';
  },
  quota_exhausted: function () { return MESSAGES.quota; },
  sheets_unavailable: function () { return MESSAGES.unavailable; },
  unavailable: function () { return MESSAGES.unavailable; },
  upstream_error: function () { return MESSAGES.unavailable; },
  internal: function () { return MESSAGES.unavailable; },
  not_migrated: function () { return MESSAGES.updating; },
  sync_retry: function () { return MESSAGES.willRetry; },
  invalid_template: function () { return MESSAGES.badTemplates; },
  sheets_rejected: function () { return MESSAGES.sheetsRefused; },
  conflict: function () { return MESSAGES.conflict; },
  sync_running: function () { return MESSAGES.conflict; },
  unauthenticated: function () { return MESSAGES.signIn; },
  forbidden: function () { return MESSAGES.forbidden; },
  validation_failed: function (fields, context) { return context.invalid || fixTheseFields_(fields); },
  invalid_request: function (fields, context) { return context.invalid || fixTheseFields_(fields); },
  bad_request: function () { return MESSAGES.addonFault; },
  malformed_json: function () { return MESSAGES.addonFault; },
  unsupported_media_type: function () { return MESSAGES.addonFault; },
  method_not_allowed: function () { return MESSAGES.addonFault; },
  payload_too_large: function () { return MESSAGES.tooMuch; },
};

/** Fallbacks by HTTP status when a body carries no code the add-on knows. */
function byStatus_(status) {
  if (status === 401) { return 'unauthenticated'; }
  if (status === 403) { return 'forbidden'; }
  if (status === 409) { return 'conflict'; }
  if (status === 413) { return 'payload_too_large'; }
  if (status === 429) { return 'quota_exhausted'; }
  if (status === 422 || status === 400) { return 'validation_failed'; }
  if (status === 405 || status === 415) { return 'bad_request'; }
  if (status === 404) { return 'tab_not_found'; }
  return 'unavailable';
}

/** The readable message for a failed call, from the `{"error": {...}}` body if any. */
function describeFailure_(status, body, context) {
  var error = (body && typeof body === 'object' && body.error) || {};
  var message = typeof error.message === 'string' ? error.message : '';
  var fields = (error.fields && typeof error.fields === 'object') ? error.fields : {};
  if (ERROR_WORDS.hasOwnProperty(error.code)) {
    return ERROR_WORDS[error.code](fields, context, message);
  }
  if (message && status >= 400 && status < 500) {
    return message;  // a code this add-on does not know yet: the service's own advice
  }
  var code = status >= 200 && status < 300 ? 'unavailable' : byStatus_(status);
  return ERROR_WORDS[code](fields, context, message);
}

/** The add-on's words for a tab the sync could not refresh ({tab, code, message}). */
function describeTabError_(problem) {
  var words = ERROR_WORDS.hasOwnProperty(problem.code) ? ERROR_WORDS[problem.code] : null;
  return words ? words({}, { tab: problem.tab }, problem.message) : problem.message;
}

function tabName_(tab) {
  return tab ? '“' + tab + '”' : 'this tab';
}

function notAScorecard_(tab) {
  return tabName_(tab) + ' is not a scorecard tab. Open a scorecard tab, or make one with ' +
    'Scorecard → Add a role scorecard…';
}

/** The tab is over the service's size limit: say how big it is, from the sheet itself. */
function tooLarge_(tab) {
  var sheet = tab ? SpreadsheetApp.getActive().getSheetByName(tab) : null;
  var size = '';
  if (sheet) {
    size = ' (' + Math.max(sheet.getLastRow() - 1, 0).toLocaleString('en-US') + ' rows × ' +
      sheet.getLastColumn().toLocaleString('en-US') + ' columns)';
  }
  return (tab ? '“' + tab + '”' : 'This tab') + ' is too big to score' + size + '; split it, ' +
    'or move old periods to an archive tab.';
}

function fixTheseFields_(fields) {
  var problems = Object.keys(fields).map(function (name) {
    return '• ' + name.replace(/_/g, ' ') + ': ' + fields[name];
  });
  return problems.length
    ? 'Some of what was entered needs fixing:\n' + problems.join('\n')
    : 'Some of what was entered needs fixing. Check the form and try again.';
}

function notConfigured_() {
  return 'The Scorecard add-on is not set up yet: ask whoever installed it to set the Script ' +
    'Property ' + BACKEND_URL_PROPERTY + ' to the service URL (https://…).';
}
