/*
 * Function file of manifest-taskpane.xml: the ribbon button only opens the task pane, no command runs
 * here; Office still expects the page to initialise Office.js. Plain ES5.
 */
/* global Office */
(function () {
  "use strict";
  if (typeof Office !== "undefined" && typeof Office.onReady === "function") Office.onReady(function () {});
})();
