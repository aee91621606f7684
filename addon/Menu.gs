/**
 * Scorecard editor add-on: the sheet's menu and what each item opens.
 *
 * The add-on is split by concern: Menu.gs (this file), Sidebar.gs (the server
 * functions the sidebar and dialog call), Trigger.gs (the optional on-edit check),
 * Sheet.gs (what the add-on reads of the sheet itself), Backend.gs (the one place
 * that talks to the Scorecard service) and Messages.gs (what a manager reads when
 * something goes wrong). Apps Script loads every .gs file into one global scope.
 *
 * Entry points are declared with `function` so that Apps Script (and the Node
 * tests, which load these files with node:vm) see them as globals. Names ending in
 * `_` are private: Apps Script hides them from menus and google.script.run.
 */

var SIDEBAR_TITLE = 'Scorecard';

/** Menu items in order; null draws a separator. Each names a global function. */
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
  var html = HtmlService.createHtmlOutputFromFile('NewScorecard').setWidth(460).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, 'Add a role scorecard');
}

/** Menu: stamp "Last reviewed" with today's date on the selected KPI rows. */
function markReviewedToday() {
  withAlert_(function () {
    var sheet = SpreadsheetApp.getActiveSheet();
    if (!isScorecardTab_(sheet)) {
      throw new Error(notAScorecard_(sheet.getName()));
    }
    var rows = selectedRows_(sheet);
    if (!rows.length) {
      throw new Error('Select one or more KPI rows, then try again.');
    }
    var answer = callBackend_('post', scorecardPath_(sheet) + '/reviewed', { rows: rows }, {
      tab: sheet.getName(),
      invalid: 'None of the selected rows holds a KPI. Select KPI rows (not the header or blank ' +
        'rows), then try again.',
    });
    var stamped = answer.stamped;
    SpreadsheetApp.getActive().toast(
      'Marked ' + stamped + (stamped === 1 ? ' KPI' : ' KPIs') + ' reviewed today.', 'Scorecard');
  });
}

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
