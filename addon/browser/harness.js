'use strict';
/**
 * Renders the add-on's HTML in headless Chromium with google.script.run served by
 * the same Apps Script world as the Node tests (../tests/gas.js): the real .gs
 * code runs in Node and answers with the fixtures recorded from the real API.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadAddon, run } = require('../tests/gas.js');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The READMEs' screenshots are rewritten only when asked (SCORECARD_WRITE_SCREENSHOTS=1), so a
// test run leaves the work tree as it found it; otherwise they go to a temporary folder.
const SCREENSHOTS = process.env.SCORECARD_WRITE_SCREENSHOTS === '1'
  ? path.join(__dirname, '..', '..', 'docs', 'addon')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-screens-'));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--hide-scrollbars', '--font-render-hinting=none'];

/** Why the browser tests cannot run here, or null when they can. */
function missing() {
  if (!fs.existsSync(CHROMIUM)) {
    return 'no Chromium at ' + CHROMIUM + ' (install the Debian package "chromium", or set CHROMIUM)';
  }
  try {
    require.resolve('puppeteer-core');
  } catch (error) {
    return 'puppeteer-core is not installed (run "npm ci" in addon/)';
  }
  return null;
}

/** A fresh headless Chromium with its own profile directory, removed on close. */
async function launch() {
  const puppeteer = require('puppeteer-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: false, userDataDir: profile, args: FLAGS,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

/** google.script.run and google.script.host for the page, calling back into Node. */
const SHIM = `
  window.__closed = false;
  function runner(onSuccess, onFailure) {
    return new Proxy({}, { get: function (_, name) {
      if (name === 'withSuccessHandler') { return function (fn) { return runner(fn, onFailure); }; }
      if (name === 'withFailureHandler') { return function (fn) { return runner(onSuccess, fn); }; }
      return function () {
        var args = Array.prototype.slice.call(arguments);
        window.__gasRun(String(name), JSON.stringify(args)).then(function (answer) {
          if (answer.ok) { if (onSuccess) { onSuccess(answer.value); } }
          else if (onFailure) { onFailure(new Error(answer.message)); }
        });
      };
    } });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () { window.__closed = true; } } } };
`;

/**
 * Opens one page of the add-on. `page` is 'Sidebar' (with `mode`) or 'NewScorecard';
 * `prepare(world)` may change the world (fixtures, active tab) before the page loads.
 */
async function openAddonPage(browser, { page: name, mode, width, height, prepare }) {
  const world = loadAddon();
  if (prepare) { prepare(world); }
  const html = name === 'Sidebar'
    ? (run(world, mode === 'sync' ? 'refreshTrends' : mode === 'check' ? 'showKpiCheck' : 'validateScorecard'),
      world.sidebars[world.sidebars.length - 1].getContent())
    : (run(world, 'showNewScorecardDialog'), world.dialogs[0].html.getContent());
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.setRequestInterception(true);
  // Nothing leaves the machine: the add-ons stylesheet from gstatic is refused like any URL.
  page.on('request', (request) => {
    if (/^(about|data):/.test(request.url())) { request.continue(); } else { request.abort(); }
  });
  await page.exposeFunction('__gasRun', (fn, argsJson) => {
    try {
      const value = run(world, fn, ...JSON.parse(argsJson));
      return { ok: true, value: JSON.parse(JSON.stringify(value === undefined ? null : value)) };
    } catch (error) {
      return { ok: false, message: error.message };
    }
  });
  // The shim goes first in <head>, as Apps Script's own google.script API does.
  await page.setContent(html.replace('<head>', '<head><script>' + SHIM + '</script>'), { waitUntil: 'load' });
  return { page, world };
}

/** Waits until no server call is pending. */
async function settled(page) {
  await page.waitForFunction(() => document.body.getAttribute('aria-busy') !== 'true' &&
    !document.getElementById('status').classList.contains('loading'));
}

/** Elements whose right edge goes past `limit` px (none, on a page that fits). */
function tooWide(page, limit) {
  return page.evaluate((max) => [...document.querySelectorAll('body *')]
    .filter((node) => node.getClientRects().length && node.getBoundingClientRect().right > max + 0.5)
    .map((node) => node.tagName + '.' + node.className + ' ' + Math.round(node.getBoundingClientRect().right))
    .concat(document.documentElement.scrollWidth > max ? ['page ' + document.documentElement.scrollWidth] : []),
  limit);
}

async function screenshot(page, name, fullPage) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: Boolean(fullPage) });
}

module.exports = { launch, missing, openAddonPage, screenshot, settled, tooWide };
