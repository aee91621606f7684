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
};

/** Each code the service can answer with -> the add-on's sentence (fields, context) -> text. */
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
  spreadsheet_not_found: function () { return MESSAGES.spreadsheetGone; },
  quota_exhausted: function () { return MESSAGES.quota; },
  sheets_unavailable: function () { return MESSAGES.unavailable; },
  unavailable: function () { return MESSAGES.unavailable; },
  upstream_error: function () { return MESSAGES.unavailable; },
  internal: function () { return MESSAGES.unavailable; },
  conflict: function () { return MESSAGES.conflict; },
  sync_running: function () { return MESSAGES.conflict; },
  unauthenticated: function () { return MESSAGES.signIn; },
  forbidden: function () { return MESSAGES.forbidden; },
  validation_failed: function (fields, context) { return context.invalid || fixTheseFields_(fields); },
  invalid_request: function (fields, context) { return context.invalid || fixTheseFields_(fields); },
};

/** Fallbacks by HTTP status when a body carries no code the add-on knows. */
function byStatus_(status) {
  if (status === 401) { return 'unauthenticated'; }
  if (status === 403) { return 'forbidden'; }
  if (status === 409) { return 'conflict'; }
  if (status === 429) { return 'quota_exhausted'; }
  if (status === 422 || status === 400) { return 'validation_failed'; }
  if (status === 404) { return 'tab_not_found'; }
  return 'unavailable';
}

/** The readable message for a failed call, from the `{"error": {...}}` body if any. */
function describeFailure_(status, body, context) {
  var error = (body && typeof body === 'object' && body.error) || {};
  var message = typeof error.message === 'string' ? error.message : '';
  var fields = (error.fields && typeof error.fields === 'object') ? error.fields : {};
  var code = ERROR_WORDS.hasOwnProperty(error.code) ? error.code : null;
  if (!code) {
    if (message && status >= 400 && status < 500) {
      return message;  // a code this add-on does not know yet: the service's own advice
    }
    code = status >= 200 && status < 300 ? 'unavailable' : byStatus_(status);
  }
  return ERROR_WORDS[code](fields, context, message);
}

function tabName_(tab) {
  return tab ? '“' + tab + '”' : 'this tab';
}

function notAScorecard_(tab) {
  return tabName_(tab) + ' is not a scorecard tab. Open a scorecard tab, or make one with ' +
    'Scorecard → Add a role scorecard…';
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
