// The newest modification time below a folder: what `srb` (bin/srb.js: run the build or the sources?) and
// `npm start` (scripts/start.js: is the built page older than the sources?) decide by.
"use strict";
const fs = require("fs");
const path = require("path");

/**
 * Newest modification time (ms) of the files below `dir` whose names `pattern` matches, 0 when there are
 * none (or no such folder).
 *
 * @example newestFile("src", /\.tsx?$/); // => 1764561234567.89
 */
function newestFile(dir, pattern) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestFile(full, pattern));
    else if (pattern.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

module.exports = { newestFile };
