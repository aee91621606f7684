/**
 * The one place that talks to the Scorecard service.
 *
 * Trust boundary: the Google identity token is read and sent only here, on the
 * Apps Script server. Sidebar and dialog code call server functions through
 * google.script.run and receive plain results or readable error messages; they
 * never see the token, the request headers or raw error bodies.
 */

/** Where the backend lives unless the Script Property SCORECARD_BACKEND_URL says otherwise. */
var DEFAULT_BACKEND_URL = 'https://YOUR_PROJECT_ID.appspot.com';
var BACKEND_URL_PROPERTY = 'SCORECARD_BACKEND_URL';
var API_PREFIX = '/api/v1';

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
    throw new Error(notConfigured_());
  }
  return url;
}

/**
 * Calls the backend as the signed-in user and returns the parsed JSON body.
 * Throws an Error whose message a manager can act on (see Messages.gs); `context`
 * ({tab}) lets that message name the tab. The token stays here.
 */
function callBackend_(method, path, body, context) {
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
    throw new Error(MESSAGES.unreachable);
  }
  var status = response.getResponseCode();
  var parsed = parseJson_(response.getContentText());
  if (status >= 200 && status < 300 && parsed !== undefined) {
    return parsed;
  }
  throw new Error(describeFailure_(status, parsed, context || {}));
}

function parseJson_(text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return undefined;
  }
}
