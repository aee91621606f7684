'use strict';
/**
 * Runs the add-on's HTML client code in node:vm against a minimal DOM, with
 * google.script.run wired to the Apps Script context of a `loadAddon()` world, so a
 * test drives sidebar -> server function -> fake backend -> rendered text.
 * The DOM has no HTML parser on purpose: setting innerHTML throws.
 */
const vm = require('node:vm');

class FakeNode {
  constructor() { this.childNodes = []; this.parentNode = null; }
  get firstChild() { return this.childNodes[0] || null; }
  appendChild(child) {
    if (child.parentNode) { child.parentNode.removeChild(child); }
    this.childNodes.push(child);
    child.parentNode = this;
    return child;
  }
  removeChild(child) {
    this.childNodes = this.childNodes.filter((node) => node !== child);
    child.parentNode = null;
    return child;
  }
  get textContent() { return this.childNodes.map((node) => node.textContent).join(''); }
  set textContent(text) {
    this.childNodes.forEach((node) => { node.parentNode = null; });
    this.childNodes = [];
    if (text !== '' && text !== null && text !== undefined) { this.appendChild(new FakeText(String(text))); }
  }
}

class FakeText extends FakeNode {
  constructor(data) { super(); this.data = data; }
  get textContent() { return this.data; }
}

class FakeElement extends FakeNode {
  constructor(tagName, attributes) {
    super();
    this.tagName = tagName.toUpperCase();
    this.attributes = Object.assign({}, attributes);
    this.className = this.attributes.class || '';
    this.hidden = 'hidden' in this.attributes;
    this.disabled = 'disabled' in this.attributes;
    this.value = this.attributes.value || '';
    this.checked = false;
    this.listeners = {};
  }
  get id() { return this.attributes.id || ''; }
  set id(value) { this.attributes.id = String(value); }
  focus() { if (this.ownerDocument) { this.ownerDocument.activeElement = this; } }
  scrollIntoView() { this.scrolledIntoView = true; }
  set innerHTML(_) { throw new Error('innerHTML is not allowed'); }
  get innerHTML() { throw new Error('innerHTML is not allowed'); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  dispatch(type) {
    const event = { type, target: this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    (this.listeners[type] || []).forEach((listener) => listener(event));
    return event;
  }
  descendants() {
    return this.childNodes.filter((n) => n instanceof FakeElement)
      .flatMap((n) => [n].concat(n.descendants()));
  }
  getElementsByTagName(tag) { return this.descendants().filter((n) => n.tagName === tag.toUpperCase()); }
  get options() { return this.getElementsByTagName('option'); }
  remove(index) { const option = this.options[index]; if (option) { option.parentNode.removeChild(option); } }
  click() { return this.dispatch('click'); }
}

/** Builds the elements a page's script touches: every `id=` element and the form controls. */
function buildDocument(html) {
  const created = [];
  const byId = {};
  const bodyMode = /<body[^>]*data-mode="([^"]*)"/.exec(html);
  const body = new FakeElement('body', bodyMode ? { 'data-mode': bodyMode[1] } : {});
  const attrs = (text) => {
    const out = {};
    text.replace(/([\w-]+)(?:="([^"]*)")?/g, (_, name, value) => { out[name] = value === undefined ? '' : value; });
    return out;
  };
  for (const match of html.matchAll(/<(\w+)\s([^>]*\bid="[^"]+"[^>]*)>/g)) {
    const element = new FakeElement(match[1], attrs(match[2]));
    byId[element.attributes.id] = element;
    body.appendChild(element);
  }
  const form = Object.values(byId).find((element) => element.tagName === 'FORM');
  if (form) {
    form.elements = {};
    for (const match of html.matchAll(/<(input|select|textarea)\s([^>]*\bname="[^"]+"[^>]*)>/g)) {
      const control = new FakeElement(match[1], attrs(match[2]));
      form.elements[control.attributes.name] = control;
      form.appendChild(control);
    }
  }
  const document = {
    body,
    created,
    activeElement: body,
    getElementById: (id) => byId[id] || body.descendants().find((n) => n.id === id) || null,
    createElement(tag) {
      const element = new FakeElement(tag, {});
      element.ownerDocument = document;
      created.push(element.tagName);
      return element;
    },
    createTextNode: (text) => new FakeText(String(text)),
  };
  Object.values(byId).forEach((element) => { element.ownerDocument = document; });
  return document;
}

/** google.script.run as Apps Script offers it: public server functions only, async-free here. */
function scriptRun(world, calls) {
  const make = (onSuccess, onFailure) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') { return (fn) => make(fn, onFailure); }
      if (name === 'withFailureHandler') { return (fn) => make(onSuccess, fn); }
      return (...args) => {
        calls.push(name);
        const fn = world.context[name];
        if (typeof fn !== 'function' || String(name).endsWith('_')) {
          throw new Error('Script function not found: ' + String(name));
        }
        let result;
        try {
          const value = fn(...args);
          // Apps Script serialises results; so does this, which also drops the vm realm.
          result = JSON.parse(JSON.stringify(value === undefined ? null : value));
        } catch (error) {
          if (onFailure) { onFailure({ message: error.message }); }
          return;
        }
        if (onSuccess) { onSuccess(result); }
      };
    },
  });
  return make(null, null);
}

/** Loads an HTML page's script with a DOM and google.script.* bound to `world`. */
function openPage(world, html) {
  const document = buildDocument(html);
  const calls = [];
  const timers = [];
  const host = { closed: false, close() { host.closed = true; } };
  const run = scriptRun(world, calls);
  const google = { script: { host } };
  Object.defineProperty(google.script, 'run', { get: () => run });
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const context = vm.createContext({ document, google, setTimeout: (fn) => timers.push(fn), console });
  scripts.forEach((source) => vm.runInContext(source, context));
  return { document, calls, timers, host, context, byId: (id) => document.getElementById(id) };
}

module.exports = { openPage };
