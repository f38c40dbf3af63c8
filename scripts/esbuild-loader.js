/**
 * webpack loader: lowers JavaScript from node_modules to the add-in's target (ES2017) with esbuild's
 * transform API, so that Fluent UI / tabster syntax newer than the hosts' browsers (class `static {}`
 * blocks, `??=`, `?.`, object spread) never reaches them. Imports and exports are kept as they are
 * (no `format`), so webpack still tree-shakes. esbuild comes with tsx (a dependency of the CLI).
 *
 * Options: { target: "es2017" }.
 *
 * @example
 * // webpack rule
 * { test: /\.m?js$/, include: /node_modules/, use: { loader: "./scripts/esbuild-loader.js", options: { target: "es2017" } } }
 */
"use strict";
const esbuild = require("esbuild");

module.exports = function esbuildLoader(source) {
  const callback = this.async();
  const { target = "es2017" } = this.getOptions() || {};
  esbuild
    .transform(source, {
      loader: "js",
      target,
      sourcefile: this.resourcePath,
      // keep the code readable for webpack: no minification here (terser does it at the end)
      minify: false,
      legalComments: "inline",
    })
    .then(
      (result) => callback(null, result.code),
      (error) => callback(error),
    );
};
