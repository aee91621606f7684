/**
 * What the add-on reads of the sheet itself. It never parses headers or decides a
 * layout: the service finds columns by developer metadata and header text, and
 * answers with row numbers. The add-on only recognises a scorecard tab by the
 * metadata key the service puts on it (the vocabulary's `tab_key`; a test pins it).
 */

var SCORECARD_TAB_KEY = 'scorecard.tab';
var MAX_SELECTED_ROWS = 500;

/** Whether the service marked this tab as a scorecard (developer metadata on the sheet). */
function isScorecardTab_(sheet) {
  return sheet.getDeveloperMetadata().some(function (meta) {
    return meta.getKey() === SCORECARD_TAB_KEY;
  });
}

/** Sheet row numbers of the selection, below row 1, at most MAX_SELECTED_ROWS. */
function selectedRows_(sheet) {
  var list = sheet.getActiveRangeList();
  var ranges = list ? list.getRanges() : [sheet.getActiveRange()];
  var lastRow = sheet.getLastRow();
  var picked = {};
  ranges.forEach(function (range) {
    if (!range) {
      return;
    }
    var to = Math.min(range.getLastRow(), lastRow);
    for (var row = Math.max(range.getRow(), 2); row <= to; row++) {
      picked[row] = true;
    }
  });
  return Object.keys(picked).map(Number).sort(function (a, b) { return a - b; })
    .slice(0, MAX_SELECTED_ROWS);
}

/** The tab with this sheet id, or null. */
function tabById_(tabId) {
  var sheets = SpreadsheetApp.getActive().getSheets();
  for (var i = 0; i < sheets.length; i++) {
    if (sheets[i].getSheetId() === tabId) {
      return sheets[i];
    }
  }
  return null;
}

function activateTab_(tabId) {
  var sheet = tabById_(tabId);
  if (sheet) {
    SpreadsheetApp.getActive().setActiveSheet(sheet);
  }
  return sheet;
}

function cleanText_(value, maxLength) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value).trim().slice(0, maxLength);
}
