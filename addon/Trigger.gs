/**
 * The optional on-edit check. It writes nothing itself: it asks the service to
 * validate the edited scorecard tab, and the service writes the verdicts in its
 * one write, with the same wording as "Validate scorecard".
 */

var EDIT_CHECK_HANDLER = 'onEditCheck';

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
      'Checking new rows is on: after each edit of a scorecard tab, Scorecard checks its ' +
      'KPI rows and updates their Verdict cells.');
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

/** Installable on-edit trigger: the service re-validates the edited scorecard tab. */
function onEditCheck(e) {
  if (!e || !e.range) {
    return;
  }
  var sheet = e.range.getSheet();
  if (e.range.getLastRow() < 2 || !isScorecardTab_(sheet)) {
    return;
  }
  try {
    callBackend_('post', scorecardPath_(sheet) + '/validate', {}, { tab: sheet.getName() });
  } catch (err) {
    // A trigger has no dialog to show; a toast tells the person without touching the sheet.
    SpreadsheetApp.getActive().toast('Row not checked: ' + err.message, 'Scorecard', 10);
  }
}

function editCheckTriggers_(spreadsheet) {
  return ScriptApp.getUserTriggers(spreadsheet).filter(function (trigger) {
    return trigger.getHandlerFunction() === EDIT_CHECK_HANDLER;
  });
}
