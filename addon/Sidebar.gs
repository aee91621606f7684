/**
 * Server functions the sidebar and the dialog call through google.script.run.
 * Each returns the service's answer as it is (the wire contract), plus what only
 * Apps Script knows (the active tab), and throws readable messages (Messages.gs);
 * the sync's tab errors carry the add-on's words in place of the service's.
 */

var MAX_FIELD_LENGTH = 2000;
var MAX_KPI_FIELDS = 30;

/** Sidebar: validate the active tab; returns {tab, tab_id, report}. */
function validateActiveTab() {
  var sheet = SpreadsheetApp.getActiveSheet();
  if (!isScorecardTab_(sheet)) {
    throw new Error(notAScorecard_(sheet.getName()));
  }
  var report = callBackend_('post', scorecardPath_(sheet) + '/validate', {},
    { tab: sheet.getName() });
  return { tab: sheet.getName(), tab_id: sheet.getSheetId(), report: report };
}

/**
 * Sidebar: recompute trends and flags for every scorecard tab; returns the sync result,
 * with the add-on's words for each tab it could not refresh.
 */
function syncSpreadsheet() {
  var result = callBackend_('post', spreadsheetPath_() + '/sync', {});
  (result.tab_errors || []).forEach(function (problem) {
    problem.message = describeTabError_(problem);
  });
  return result;
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

/** Dialog and sidebar: the role templates and the vocabulary, as the service serves them. */
function getTemplates() {
  return callBackend_('get', API_PREFIX + '/templates');
}

/** Sidebar: what the "Check a KPI" form needs: templates, vocabulary and the tab's role. */
function getCheckForm() {
  return { catalogue: getTemplates(), role: activeTabRole_() };
}

/** Dialog: add a scorecard tab for {role, person, kpis?}; opens it when it exists. */
function createScorecard(form) {
  var role = cleanText_(form && form.role, 100);
  var person = cleanText_(form && form.person, 100);
  if (!role || !person) {
    throw new Error('Pick a role and type the person the scorecard is for.');
  }
  var body = { role: role, person: person };
  var firstPeriod = cleanText_(form.first_period, 10);
  if (firstPeriod) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(firstPeriod)) {
      throw new Error('Type the date the history starts as YYYY-MM-DD, or leave it empty.');
    }
    body.first_period = firstPeriod;
  }
  if (form.kpis && form.kpis.length) {
    body.kpis = form.kpis.map(function (name) { return cleanText_(name, 200); })
      .filter(function (name) { return name; });
  }
  var answer = callBackend_('post', spreadsheetPath_() + '/scorecards', body);
  activateTab_(answer.scorecard && answer.scorecard.tab_id);
  return answer;
}

/** Dialog: open an existing scorecard tab by its id. */
function openScorecard(tabId) {
  if (!activateTab_(Number(tabId))) {
    throw new Error('That scorecard tab is gone: it may have been deleted.');
  }
  return true;
}

/** Sidebar: select a KPI's row ({tab_id, row}, row as the sheet numbers it) so it is in view. */
function selectKpiRow(target) {
  var sheet = activateTab_(Number(target && target.tab_id));
  var row = Number(target && target.row);
  if (!sheet || !(row >= 1)) {
    throw new Error('That KPI row is gone: refresh trends to see the sheet as it is now.');
  }
  sheet.setActiveSelection(sheet.getRange(row, 1, 1, Math.max(sheet.getLastColumn(), 1)));
  return true;
}

/** Sidebar: type a checked KPI into the active scorecard tab; returns {tab_id, row, report}. */
function addKpiToTab(kpi) {
  var sheet = SpreadsheetApp.getActiveSheet();
  if (!isScorecardTab_(sheet)) {
    throw new Error(notAScorecard_(sheet.getName()));
  }
  var added = callBackend_('post', scorecardPath_(sheet) + '/kpis', { kpi: cleanKpi_(kpi) },
    { tab: sheet.getName() });
  selectKpiRow({ tab_id: added.tab_id, row: added.row });
  return added;
}

/** Sidebar: the sync schedule, with the service's one-line summary. */
function getSchedule() {
  return callBackend_('get', spreadsheetPath_() + '/enrolment');
}

/** Sidebar: take the spreadsheet off the schedule (run history stays); returns the schedule. */
function pauseSchedule() {
  callBackend_('delete', spreadsheetPath_() + '/enrolment');
  return getSchedule();
}

/** Sidebar: put the spreadsheet back on the schedule; returns the schedule. */
function resumeSchedule() {
  callBackend_('post', spreadsheetPath_() + '/enrolment', {});
  return getSchedule();
}

/** The role of the active tab, from the metadata the service put on it; '' when none. */
function activeTabRole_() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var role = '';
  sheet.getDeveloperMetadata().forEach(function (meta) {
    if (meta.getKey() === SCORECARD_TAB_KEY) {
      var identity = parseJson_(meta.getValue());
      role = (identity && typeof identity.role === 'string') ? identity.role : '';
    }
  });
  return role;
}

/** A KPI as typed in the form: text values only, trimmed, capped; the service checks names. */
function cleanKpi_(kpi) {
  var clean = {};
  Object.keys(kpi || {}).slice(0, MAX_KPI_FIELDS).forEach(function (field) {
    if (/^[a-z_]{1,40}$/.test(field)) {
      clean[field] = cleanText_(kpi[field], MAX_FIELD_LENGTH);
    }
  });
  return clean;
}
