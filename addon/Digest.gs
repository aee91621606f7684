/**
 * The Monday digest: every Monday morning, an email from the manager's own account listing,
 * person by person, the KPIs off target, the values still missing, the KPIs back on target and
 * the open issues — what the service's digest endpoint says, formatted for a phone.
 *
 * "Email me a Monday digest" installs one time-driven trigger (hourly, the most an add-on may
 * ask for). Each run checks the spreadsheet's own time zone: from Monday 07:00 until this
 * week's digest is sent, it fetches the digest and sends it; at any other time it does nothing.
 * So a run that meets a full mail quota or a busy service (HTTP 429) simply leaves the digest
 * for the next hour. "Stop the Monday digest" removes the trigger.
 *
 * The trigger runs without an open spreadsheet, so what it needs (spreadsheet id, title, time
 * zone, the week last sent) is kept in the user's properties. Only `var` and `function`
 * declarations here: the Node tests load every .gs file into one context.
 */

var DIGEST_HANDLER = 'sendMondayDigest';
var DIGEST_PROPERTY = 'SCORECARD_DIGESTS';
var DIGEST_HOUR = 7;
var DIGEST_MONDAY = 1; // Utilities.formatDate's "u": 1 is Monday … 7 is Sunday
var DIGEST_LINE = 40; // plain-text lines wrap at this width, for a phone

// ---------------------------------------------------------------- menu

/** Menu: email me this spreadsheet's digest every Monday from 07:00. */
function turnOnMondayDigest() {
  withAlert_(function () {
    var spreadsheet = SpreadsheetApp.getActive();
    var timeZone = spreadsheet.getSpreadsheetTimeZone();
    var digests = digestSettings_();
    var week = digestWeek_(clock_(), timeZone);
    var known = digests[spreadsheet.getId()];
    digests[spreadsheet.getId()] = {
      title: spreadsheet.getName(),
      timeZone: timeZone,
      // Turned on after this Monday's 07:00: the first digest comes next Monday.
      sentWeek: known ? known.sentWeek : (week.due ? week.monday : ''),
    };
    saveDigestSettings_(digests);
    if (!digestTriggers_(spreadsheet).length) {
      ScriptApp.newTrigger(DIGEST_HANDLER).timeBased().everyHours(1).create();
    }
    SpreadsheetApp.getUi().alert('Every Monday from ' + DIGEST_HOUR + ':00 (' + timeZone +
      '), Scorecard will email ' + digestRecipient_() + ' a digest of "' +
      spreadsheet.getName() + '". Turn it off from the same menu.');
  });
}

/** Menu: stop the Monday digest of this spreadsheet. */
function turnOffMondayDigest() {
  withAlert_(function () {
    var spreadsheet = SpreadsheetApp.getActive();
    var digests = digestSettings_();
    var wasOn = Boolean(digests[spreadsheet.getId()]);
    delete digests[spreadsheet.getId()];
    saveDigestSettings_(digests);
    var triggers = digestTriggers_(spreadsheet);
    triggers.forEach(function (trigger) {
      ScriptApp.deleteTrigger(trigger);
    });
    SpreadsheetApp.getUi().alert(wasOn || triggers.length
      ? 'The Monday digest is off.'
      : 'The Monday digest was not on.');
  });
}

// ---------------------------------------------------------------- the trigger

/** Time-driven trigger: send each due digest; anything that cannot go now waits an hour. */
function sendMondayDigest(e) {
  // Each spreadsheet's trigger runs this, and two runs may overlap: the later one finds the
  // user's lock taken and leaves the sending to the first, so no digest goes out twice.
  var lock = LockService.getUserLock();
  if (!lock.tryLock(0)) {
    return;
  }
  try {
    sendDueDigests_();
  } finally {
    lock.releaseLock();
  }
}

/** Send each due digest once per week; what cannot go now is left for the next run. */
function sendDueDigests_() {
  var digests = digestSettings_();
  var now = clock_();
  Object.keys(digests).forEach(function (spreadsheetId) {
    var entry = digests[spreadsheetId];
    var week = digestWeek_(now, entry.timeZone);
    if (!week.due || entry.sentWeek === week.monday) {
      return;
    }
    var outcome = deliverDigest_(spreadsheetId, entry);
    entry.lastAttempt = now.toISOString();
    entry.waiting = outcome.waiting || '';
    if (!outcome.waiting) {
      entry.sentWeek = week.monday;
    }
  });
  saveDigestSettings_(digests);
}

/** Fetch and send one digest: {waiting: reason} when it must wait for the next run. */
function deliverDigest_(spreadsheetId, entry) {
  // Check the mail quota first, so a full quota costs the service nothing.
  if (MailApp.getRemainingDailyQuota() < 1) {
    return { waiting: 'mail quota' };
  }
  var digest;
  try {
    digest = callBackend_('get', API_PREFIX + '/spreadsheets/' +
      encodeURIComponent(spreadsheetId) + '/digest');
  } catch (err) {
    var message = String((err && err.message) || err);
    // A busy service (429), one that is down or out of reach: try again next hour.
    if ([MESSAGES.quota, MESSAGES.unavailable, MESSAGES.unreachable].indexOf(message) !== -1) {
      return { waiting: message };
    }
    // Anything else will not mend itself in an hour: say so once, by email, this week.
    MailApp.sendEmail({
      to: digestRecipient_(),
      subject: 'Scorecard digest — ' + (entry.title || 'your spreadsheet') + ': not sent',
      body: 'Scorecard could not build this week\'s digest:\n' + message,
      name: 'Scorecard',
    });
    return {};
  }
  var mail = digestEmail_(digest, entry.title);
  MailApp.sendEmail({
    to: digestRecipient_(),
    subject: mail.subject,
    body: mail.text,
    htmlBody: mail.html,
    name: 'Scorecard',
  });
  return {};
}

// ---------------------------------------------------------------- the email

/** {subject, text, html} for a digest: short lines, one section per person. */
function digestEmail_(digest, title) {
  var people = digest.people || [];
  var count = function (key) {
    return people.reduce(function (sum, person) { return sum + (person[key] || []).length; }, 0);
  };
  var name = digest.title || title || 'Scorecard';
  var summary = [
    count('off_target') + ' off target',
    count('missing') + ' missing',
    count('open_issues') + ' open ' + (count('open_issues') === 1 ? 'issue' : 'issues'),
  ].join(', ');
  var sections = people.map(digestSections_);
  var asOf = String(digest.as_of || '').slice(0, 16).replace('T', ' ') + ' UTC';
  var text = ['Scorecard digest — ' + name, 'As of ' + asOf, ''];
  var html = ['<div style="font-family:Arial,sans-serif;font-size:15px;line-height:1.4;' +
    'max-width:480px">', '<h2 style="font-size:18px;margin:0 0 4px">' + escapeHtml_(name) +
    '</h2>', '<p style="margin:0 0 12px;color:#555">' + escapeHtml_(summary) + '<br>As of ' +
    escapeHtml_(asOf) + '</p>'];
  if (!people.length) {
    text.push('No scorecard tabs yet.');
    html.push('<p>No scorecard tabs yet.</p>');
  }
  sections.forEach(function (section) {
    text.push(section.heading);
    html.push('<h3 style="font-size:16px;margin:12px 0 4px">' + escapeHtml_(section.heading) +
      '</h3>');
    if (!section.groups.length) {
      text.push('  Nothing needs attention.', '');
      html.push('<p style="margin:0">Nothing needs attention.</p>');
      return;
    }
    section.groups.forEach(function (group) {
      text.push('  ' + group.label + ':');
      group.lines.forEach(function (line) {
        wrap_(line, DIGEST_LINE).forEach(function (part, index) {
          text.push((index ? '      ' : '    ') + part);
        });
      });
      html.push('<p style="margin:6px 0 2px"><b>' + escapeHtml_(group.label) + '</b></p>' +
        '<ul style="margin:0;padding-left:18px">' + group.lines.map(function (line) {
          return '<li>' + escapeHtml_(line) + '</li>';
        }).join('') + '</ul>');
    });
    text.push('');
  });
  html.push('</div>');
  return {
    subject: 'Scorecard digest — ' + shorten_(name, 40) + ': ' + summary,
    text: text.join('\n').replace(/\n+$/, '') + '\n',
    html: html.join('\n'),
  };
}

/** One person's heading and groups of lines; empty groups are left out. */
function digestSections_(person) {
  var value = function (kpi) {
    var latest = kpi.latest === null || kpi.latest === undefined ? 'no value' : String(kpi.latest);
    return kpi.kpi + ': ' + latest + ' (target ' + kpi.target + ')';
  };
  var groups = [
    { label: 'Off target', lines: (person.off_target || []).map(function (kpi) {
      return String(kpi.status).split(' ')[0] + ' ' + value(kpi);
    }) },
    { label: 'Missing values', lines: (person.missing || []).map(function (item) {
      return '– ' + item.kpi + ': no value for ' + item.period;
    }) },
    { label: 'Back on target', lines: (person.back_on_target || []).map(function (kpi) {
      return '✓ ' + value(kpi);
    }) },
    { label: 'Open issues', lines: (person.open_issues || []).map(function (issue) {
      return '‼ ' + issue.kpi + ', since ' + issue.since + ' (' + (issue.status || 'Open') + ')';
    }) },
  ];
  return {
    heading: person.person + (person.role ? ' (' + person.role + ')' : ''),
    groups: groups.filter(function (group) { return group.lines.length; }),
  };
}

/** Break text at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrap_(text, width) {
  var lines = [];
  String(text).replace(/\s+/g, ' ').trim().split(' ').forEach(function (word) {
    var last = lines.length - 1;
    if (last >= 0 && (lines[last] + ' ' + word).length <= width) {
      lines[last] += ' ' + word;
    } else {
      lines.push(word);
    }
  });
  return lines.length ? lines : [''];
}

function shorten_(text, width) {
  text = String(text).replace(/\s+/g, ' ').trim();
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}

function escapeHtml_(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------- time and settings

/** The time now; the tests replace it. */
function clock_() {
  return new Date();
}

/** This week's Monday (ISO date) in `timeZone`, and whether its 07:00 has passed. */
function digestWeek_(now, timeZone) {
  var parts = Utilities.formatDate(now, timeZone, 'yyyy-MM-dd u H').split(' ');
  var day = parts[0].split('-').map(Number);
  var weekday = Number(parts[1]);
  var hour = Number(parts[2]);
  var monday = new Date(Date.UTC(day[0], day[1] - 1, day[2] - (weekday - DIGEST_MONDAY)));
  return {
    monday: monday.toISOString().slice(0, 10),
    due: weekday > DIGEST_MONDAY || hour >= DIGEST_HOUR,
  };
}

function digestRecipient_() {
  return Session.getEffectiveUser().getEmail();
}

function digestTriggers_(spreadsheet) {
  return ScriptApp.getUserTriggers(spreadsheet).filter(function (trigger) {
    return trigger.getHandlerFunction() === DIGEST_HANDLER;
  });
}

function digestSettings_() {
  var raw = PropertiesService.getUserProperties().getProperty(DIGEST_PROPERTY);
  var parsed = raw ? parseJson_(raw) : {};
  return parsed && typeof parsed === 'object' ? parsed : {};
}

function saveDigestSettings_(digests) {
  PropertiesService.getUserProperties().setProperty(DIGEST_PROPERTY, JSON.stringify(digests));
}
