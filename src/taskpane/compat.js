/*
 * SRB start-up check for too-old Excel hosts (plain ES5 on purpose: it must run where the add-in's
 * ES2017 bundles cannot). Loaded before the bundles on taskpane.html.
 *
 * - Missing built-ins the bundles need (Promise, fetch, Object.entries, Array.prototype.includes, …):
 *   the German message at once.
 * - The bundle itself failed to run (a SyntaxError on an old WebView, a blocked script): after the page's
 *   `load` event the task pane has not signalled its start (window.__srbStarted), so the message replaces
 *   the blank pane.
 *
 * No network, no eval (the page's Content-Security-Policy forbids both).
 */
/* global window, document */
(function () {
  "use strict";
  var MESSAGE_TITLE = "SRB kann in dieser Excel-Version nicht starten";
  var MESSAGE_TEXT =
    "Die Browser-Komponente dieses Office ist zu alt für SRB. Benötigt wird Excel für Microsoft 365 " +
    "(Windows oder Mac), Excel 2021 oder neuer, oder Excel im Web in einem aktuellen Browser. " +
    "Bitte wenden Sie sich an Ihre IT-Abteilung (Hinweise: docs/deployment.md, Abschnitt „Voraussetzungen“).";

  /** `\p{L}` in a RegExp (ES2018; SRB's name matching uses it). new RegExp is not eval: CSP allows it. */
  function supportsUnicodePropertyEscapes() {
    try {
      return new RegExp("\\p{L}", "u").test("\u00e4");
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return false;
    }
  }

  function hasBuiltIns() {
    try {
      return (
        typeof Promise === "function" &&
        typeof window.fetch === "function" &&
        typeof Symbol === "function" &&
        typeof Object.entries === "function" &&
        typeof Object.assign === "function" &&
        typeof Array.prototype.includes === "function" &&
        typeof String.prototype.padStart === "function" &&
        typeof window.Map === "function" &&
        typeof window.WeakMap === "function" &&
        supportsUnicodePropertyEscapes()
      );
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without a binding
    } catch (e) {
      return false;
    }
  }

  function showMessage() {
    if (window.__srbStarted === true) return;
    var root = document.getElementById("root");
    if (!root || root.getAttribute("data-srb-compat") === "shown") return;
    root.setAttribute("data-srb-compat", "shown");
    root.setAttribute("role", "alert");
    while (root.firstChild) root.removeChild(root.firstChild);
    var box = document.createElement("div");
    box.style.padding = "16px";
    box.style.fontFamily = "'Segoe UI', Arial, sans-serif";
    var title = document.createElement("h1");
    title.style.fontSize = "18px";
    title.appendChild(document.createTextNode(MESSAGE_TITLE));
    var text = document.createElement("p");
    text.appendChild(document.createTextNode(MESSAGE_TEXT));
    box.appendChild(title);
    box.appendChild(text);
    root.appendChild(box);
  }

  window.__srbShowCompatMessage = showMessage;
  if (!hasBuiltIns()) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showMessage);
    else showMessage();
    return;
  }
  window.addEventListener("load", function () {
    if (window.__srbStarted !== true) showMessage();
  });
})();
