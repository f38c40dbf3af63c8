#!/usr/bin/env node
/**
 * Build step: the German function metadata `functions-de.json`.
 *
 * `functions.json` (English) is generated from the JSDoc in src/functions/functions.ts. This step copies
 * it and replaces every function and parameter description by the German text from the catalogue
 * src/functions/descriptions-de.json. Ids and names stay English (translated names break formulas
 * inserted from code). A function or parameter without a German text — or a catalogue entry for a
 * function or parameter that no longer exists — is a build error, so the two languages cannot drift.
 *
 * Used by webpack (FunctionsDePlugin) and on the command line:
 *   node scripts/functions-de.js dist/functions.json dist/functions-de.json
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const CATALOGUE = path.join(__dirname, "..", "src", "functions", "descriptions-de.json");

/** The German catalogue: { "<ID>": { "description": "...", "parameters": { "<name>": "..." } } }. */
function loadCatalogue(file = CATALOGUE) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * Returns `{ metadata, problems }`: a copy of the English metadata with German descriptions, and the list
 * of German problems (missing or stale catalogue entries). Does not change its input.
 *
 * @example
 * translateMetadata({ functions: [{ id: "SHARE", name: "SHARE", description: "Share", parameters: [] }] },
 *   { SHARE: { description: "Anteil", parameters: {} } }).metadata.functions[0].description // => "Anteil"
 */
function translateMetadata(english, catalogue) {
  const metadata = JSON.parse(JSON.stringify(english));
  const problems = [];
  const seen = new Set();
  for (const fn of metadata.functions) {
    seen.add(fn.id);
    const german = catalogue[fn.id];
    if (!german || typeof german.description !== "string" || german.description.trim() === "") {
      problems.push(`Funktion ${fn.id}: deutsche Beschreibung fehlt.`);
      continue;
    }
    fn.description = german.description;
    const names = new Set();
    for (const parameter of fn.parameters ?? []) {
      names.add(parameter.name);
      const text = german.parameters?.[parameter.name];
      if (typeof text !== "string" || text.trim() === "") {
        problems.push(`Funktion ${fn.id}, Parameter ${parameter.name}: deutsche Beschreibung fehlt.`);
      } else {
        parameter.description = text;
      }
    }
    for (const name of Object.keys(german.parameters ?? {})) {
      if (!names.has(name))
        problems.push(`Funktion ${fn.id}: Parameter ${name} im Katalog gibt es nicht mehr.`);
    }
  }
  for (const id of Object.keys(catalogue)) {
    if (!seen.has(id)) problems.push(`Funktion ${id} im Katalog gibt es nicht mehr.`);
  }
  return { metadata, problems };
}

/** webpack 5 plugin: emits the German metadata next to the English one. */
class FunctionsDePlugin {
  constructor(options = {}) {
    this.input = options.input ?? "functions.json";
    this.output = options.output ?? "functions-de.json";
    this.catalogue = options.catalogue ?? CATALOGUE;
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsDePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsDePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(this.input);
          if (!asset) {
            compilation.errors.push(new WebpackError(`functions-de: ${this.input} wurde nicht erzeugt.`));
            return;
          }
          compilation.fileDependencies.add(this.catalogue);
          const { metadata, problems } = translateMetadata(
            JSON.parse(asset.source.source().toString()),
            loadCatalogue(this.catalogue),
          );
          for (const p of problems) compilation.errors.push(new WebpackError(`functions-de: ${p}`));
          compilation.emitAsset(this.output, new sources.RawSource(JSON.stringify(metadata, null, 2)));
        },
      );
    });
  }
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("Aufruf: node scripts/functions-de.js <functions.json> <functions-de.json>");
    process.exit(64);
  }
  const { metadata, problems } = translateMetadata(
    JSON.parse(fs.readFileSync(input, "utf8")),
    loadCatalogue(),
  );
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  fs.writeFileSync(output, JSON.stringify(metadata, null, 2));
}

module.exports = { translateMetadata, loadCatalogue, FunctionsDePlugin, CATALOGUE };
