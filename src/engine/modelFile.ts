/**
 * The model file (`*.srb.json`, SPEC.md §8): reading with defaults and German messages, writing as
 * stable pretty JSON. The add-in stores the same content inside the workbook.
 *
 * Reading rules (also in docs/bad-inputs.md):
 * - The names fixed by SPEC.md §8 are required where the method needs them: `data.id`, `data.area`,
 *   `indicators[].column`, `indicators[].category`, `indicators[].direction` (1 or −1, no default: a
 *   guessed direction would silently invert an indicator) and `budget.total` (≥ 0).
 * - Defaults: indicator and category weights 1; `options` from `DEFAULT_OPTIONS`; `ruleSet` "rlp";
 *   for `ruleSet: "bremen"` without `bremen`, `DEFAULT_BREMEN_RULES`; `categories` missing → one category
 *   per distinct `indicators[].category`, in order of first use, weight 1.
 * - `data.range` (optional, an extension of SPEC.md §8): the cell range of the Kita table, e.g. "B3:H30"
 *   (header row first); it wins over `data.headerRow` (tableLocation.ts).
 * - `data.sheet` missing → `""`, which means "the caller decides" (the CLI and the task pane take the
 *   first sheet of the workbook).
 * - Extra fields are allowed at every level and preserved (they are written back by `serializeModel`).
 * - Semantic problems (unknown category, duplicate columns, …) come from `checkModel` (check.ts).
 * The model is null if and only if an issue is an error.
 */
import { nearestName } from "./nearestName";
import * as z from "zod/mini";
import { isCellRange } from "./cellRange";
import { checkModel } from "./check";
import type { Issue } from "./issues";
import { SrbUsageError } from "./issues";
import { formatNumber, messages, ROLE_NAMES, type CheckCode } from "./messages";
import { DEFAULT_BREMEN_RULES, DEFAULT_OPTIONS, type Model } from "./model";
import { modelFieldName } from "./modelFieldName";

// zod/mini, not zod's classic API: the same checks and issues (zod's core), without its method chains, so
// that bundling keeps only what is used (the command line starts sooner, the task pane loads less)
const text = z.string().check(z.trim(), z.minLength(1));
const share = z.number().check(z.minimum(0), z.maximum(1));
const nonNegative = z.number().check(z.minimum(0));
const positive = z.number().check(z.positive());
const integer = z.number().check(z.int());
const optional = z.optional;

const dataSchema = z.looseObject({
  sheet: optional(z.string()),
  headerRow: optional(z.number().check(z.int(), z.minimum(1), z.maximum(1_048_576))),
  range: optional(
    z.string().check(
      z.trim(),
      z.refine(isCellRange, {
        message: "ein Zellbereich wie „B3:H30“ (von der Kopfzeile bis zur letzten Datenzeile)",
      }),
    ),
  ),
  id: text,
  area: text,
  children: optional(text),
  strand2: optional(text),
  strand3Reason: optional(text),
  strand4: optional(text),
  strand4Reason: optional(text),
  verbund: optional(text),
  firstYear: optional(text),
  kitaIndex: optional(text),
  strand4Vzae: optional(text),
  traeger: optional(text),
});

const rulesSchema = z.looseObject({
  strand2Vzae: optional(nonNegative),
  within: optional(z.enum(["index", "index-children"])),
  unspent: optional(z.enum(["keep", "redistribute"])),
});

const indicatorSchema = z.looseObject({
  column: text,
  category: text,
  direction: z.literal([1, -1]),
  weight: z._default(positive, 1),
  label: optional(z.string()),
  goalposts: optional(
    z
      .looseObject({ min: z.number(), max: z.number() })
      .check(z.refine((g) => g.max > g.min, { message: "max > min" })),
  ),
  allowNegative: optional(z.boolean()),
});

const categorySchema = z.looseObject({ name: text, weight: z._default(positive, 1) });

const optionsSchema = z.looseObject({
  normalisation: z._default(z.enum(["minmax", "tscore"]), DEFAULT_OPTIONS.normalisation),
  sd: z._default(z.enum(["sample", "population"]), DEFAULT_OPTIONS.sd),
  areaMethod: z._default(z.enum(["mean-of-units", "sum-of-units", "aggregate"]), DEFAULT_OPTIONS.areaMethod),
  childWeighted: z._default(z.boolean(), DEFAULT_OPTIONS.childWeighted ?? false),
  winsorise: z._default(z.boolean(), DEFAULT_OPTIONS.winsorise ?? false),
  goalposts: z._default(z.boolean(), DEFAULT_OPTIONS.goalposts ?? false),
  coverage: optional(
    z.looseObject({
      unit: share,
      indicator: share,
      level: z._default(z.enum(["warning", "error"]), "warning"),
    }),
  ),
  sockel: optional(
    z.looseObject({ fraction: share, by: z._default(z.enum(["equal", "children"]), "equal") }),
  ),
  publication: z._default(z.boolean(), DEFAULT_OPTIONS.publication ?? false),
});

const budgetSchema = z.looseObject({
  total: nonNegative,
  year: optional(integer),
  dynamisierung: optional(z.looseObject({ baseAmount: nonNegative, baseYear: integer, rate: z.number() })),
  kofinanzierung: optional(z.looseObject({ landShare: share, municipalShare: share })),
  costPerVzae: optional(positive),
  vzaeStep: optional(positive),
});

const bremenSchema = z.looseObject({
  rows: z.array(
    z.looseObject({
      indexAbove: z.number(),
      childrenMin: nonNegative,
      childrenMax: z.nullable(nonNegative),
      vzae: nonNegative,
    }),
  ),
  sachkosten: nonNegative,
  sachkostenFirstYear: nonNegative,
  indexPeriodYears: z.number().check(z.int(), z.positive()),
});

/** The zod schema of the model file (SPEC.md §8); extra fields pass through at every level. */
export const modelFileSchema = z.looseObject({
  data: dataSchema,
  indicators: z.array(indicatorSchema),
  categories: optional(z.array(categorySchema)),
  options: z.prefault(optionsSchema, {}),
  budget: budgetSchema,
  ruleSet: z._default(z.enum(["rlp", "bremen"]), "rlp"),
  bremen: optional(bremenSchema),
  strand3Category: optional(text),
  rules: optional(rulesSchema),
  /** The municipality (Kommune, Jugendamt) printed in the page header of every generated sheet. */
  municipality: optional(z.string().check(z.trim(), z.maxLength(120))),
});

export interface ParseModelResult {
  /** The model with defaults filled in; null if and only if `issues` contains an error. */
  model: Model | null;
  issues: Issue[];
}

/** `["indicators", 3, "direction"]` → `indicators[3].direction`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(oberste Ebene)" : out;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = json;
  for (const key of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** The field in German words, with the indicator's column or the category's name, so the user finds it. */
function describePath(json: unknown, path: readonly PropertyKey[]): string {
  const base = jsonPath(path);
  if ((path[0] === "indicators" || path[0] === "categories") && typeof path[1] === "number") {
    const entry = valueAt(json, path.slice(0, 2));
    const name = valueAt(entry, [path[0] === "indicators" ? "column" : "name"]);
    if (typeof name === "string" && name.trim() !== "") return modelFieldName(base, name);
  }
  return modelFieldName(base);
}

const TYPE_NAMES: Record<string, string> = {
  string: "ein Text",
  number: "eine Zahl",
  int: "eine ganze Zahl",
  boolean: "true oder false",
  object: "ein Objekt { … }",
  array: "eine Liste [ … ]",
  null: "null",
};

/** What the schema expected, in German, for one zod issue. */
function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case "invalid_value":
      return `einer der Werte ${issue.values.map((v) => (typeof v === "string" ? `„${v}“` : String(v))).join(", ")}`;
    case "too_small":
      if (issue.origin === "string") return "ein nicht leerer Text";
      if (issue.origin === "number") {
        const minimum = formatNumber(Number(issue.minimum));
        return issue.inclusive ? `eine Zahl ≥ ${minimum}` : `eine Zahl größer als ${minimum}`;
      }
      return `mindestens ${String(issue.minimum)} Einträge`;
    case "too_big":
      if (issue.origin === "number") return `eine Zahl ≤ ${formatNumber(Number(issue.maximum))}`;
      return `höchstens ${String(issue.maximum)}`;
    case "custom":
      return issue.message;
    default:
      return "ein gültiger Wert laut Dokumentation";
  }
}

function issueFromZod(json: unknown, zi: z.core.$ZodIssue): Issue {
  const where = describePath(json, zi.path);
  const last = zi.path[zi.path.length - 1];
  const value = valueAt(json, zi.path);
  const model = (code: CheckCode, message: string): Issue => ({
    level: "error",
    code,
    sheet: "",
    cell: "",
    message,
  });
  // the Einrichtung or Sozialraum column not chosen: say where to choose it, not which field is empty
  const role = zi.path[0] === "data" ? zi.path[1] : undefined;
  if (
    (role === "id" || role === "area") &&
    zi.path.length === 2 &&
    (value === undefined || (typeof value === "string" && value.trim() === ""))
  )
    return model("model-mapping-missing", messages.modelMappingMissing(where, ROLE_NAMES[role]));
  if (value === undefined) {
    const expected =
      last === "direction"
        ? "1 (höherer Wert = mehr Bedarf) oder -1 (höherer Wert = weniger Bedarf)"
        : last === "weight"
          ? "eine Zahl größer als 0"
          : expectation(zi);
    return model("model-field-missing", messages.modelFieldMissing(where, expected));
  }
  if (zi.code === "custom" && last === "goalposts") {
    const g = value as { min: number; max: number };
    return model("model-field-invalid", messages.modelGoalpostsInvalid(where, g.min, g.max));
  }
  if (last === "direction")
    return model("model-direction-invalid", messages.modelDirectionInvalid(where, value));
  if (last === "weight") return model("model-weight-invalid", messages.modelWeightInvalid(where, value));
  return model("model-field-invalid", messages.modelFieldInvalid(where, value, expectation(zi)));
}

/**
 * Where JSON.parse stopped, in German (line and column), never the engine's English message.
 *
 * @example syntaxPlace('{\n  "a": {', "Expected property name or '}' in JSON at position 9"); // => "die Datei endet vorzeitig"
 */
function syntaxPlace(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  const at = m ? Number(m[1]) : /end of (JSON|data) input/i.test(message) ? text.length : -1;
  const token = /^Unexpected token '(.+?)'/.exec(message);
  const place = (index: number) => {
    const before = text.slice(0, index);
    return `Zeile ${before.split("\n").length}, Spalte ${index - before.lastIndexOf("\n")}`;
  };
  // a comma after the last entry („[1, 2,]“, „{ "a": 1, }“), which JSON does not allow
  const trailingComma = (closing: number) => {
    const k = previousNonSpace(text, closing);
    return text[k] === "," ? `überzähliges Komma in ${place(k)}` : null;
  };
  if (at < 0) {
    if (!token) return "die Stelle des Fehlers ist unbekannt";
    const found = outsideStrings(text, token[1]);
    if (found < 0) return `unerwartetes Zeichen „${token[1]}“`;
    return trailingComma(found) ?? `unerwartetes Zeichen „${token[1]}“ in ${place(found)}`;
  }
  if (at >= text.length) return "die Datei endet vorzeitig";
  return (/[}\]]/.test(text[at]) ? trailingComma(at) : null) ?? `Fehler in ${place(at)}`;
}

/**
 * The index of the last character before `index` that is not white space, -1 when there is none.
 *
 * @example previousNonSpace("[1, \n]", 5); // => 2
 */
function previousNonSpace(text: string, index: number): number {
  let k = index - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  return k;
}

/**
 * Where JSON's parser meets the unexpected `token` (one character) outside a string, or -1: for a parser
 * message without a position (V8 gives none for „Unexpected token ']'“). Inside a string („Kita [Name]“) a
 * bracket is text. A closing bracket is unexpected after „,“ or „:“ (or after the other kind of opening
 * bracket): the first such one is the place, else the first one outside a string.
 *
 * @example outsideStrings('{"c": [1], "a": "x]", "b": [1,]}', "]"); // => 30
 */
function outsideStrings(text: string, token: string): number {
  let inString = false;
  let first = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (inString) {
      if (c === "\\") k++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === token) {
      const before = text[previousNonSpace(text, k)];
      const unexpected =
        before === "," ||
        before === ":" ||
        (token === "]" && before === "{") ||
        (token === "}" && before === "[");
      if (unexpected && (token === "]" || token === "}")) return k;
      if (first < 0) first = k;
    }
  }
  return first;
}

/**
 * The JSON of a model file's text (a UTF-8 byte-order mark at its start dropped), or where it breaks, in
 * German: what the command line and the task pane read a `*.srb.json` with.
 *
 * @example modelJson("{ kaputt"); // => { problem: "Die Modelldatei ist kein gültiges JSON (Fehler in Zeile 1, Spalte 3) – …" }
 * @example modelJson('\uFEFF{"a": 1}'); // => { json: { a: 1 } }
 */
export function modelJson(text: string): { json: unknown } | { problem: string } {
  const unmarked = text.replace(/^\uFEFF/, "");
  try {
    return { json: JSON.parse(unmarked) as unknown };
  } catch (e) {
    return {
      problem: messages.modelJsonSyntax(syntaxPlace(unmarked, e instanceof Error ? e.message : String(e))),
    };
  }
}

/**
 * Reads a model file (already parsed JSON, or its text) and fills the defaults.
 * Never throws for bad input: every problem becomes an Issue whose message names the JSON path.
 *
 * @example
 * parseModel({ data: { id: "Einrichtung", area: "Sozialraum" },
 *   indicators: [{ column: "SGB II", category: "Soziale Lage", direction: 1 }], budget: { total: 1000 } })
 *   .model?.categories; // => [{ name: "Soziale Lage", weight: 1 }]
 * @example
 * parseModel({ ..., indicators: [{ column: "x", category: "y", direction: 2 }] }).issues[0].message;
 * // => "Modell, Indikator „x“, Richtung: Richtung 2 ist ungültig – erwartet wird 1 … oder -1 …"
 */
export function parseModel(json: unknown): ParseModelResult {
  let input = json;
  if (typeof json === "string") {
    const read = modelJson(json);
    if ("problem" in read) {
      return {
        model: null,
        issues: [{ level: "error", code: "model-json-syntax", sheet: "", cell: "", message: read.problem }],
      };
    }
    input = read.json;
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    const message = messages.modelFieldInvalid(
      jsonPath([]),
      input,
      "ein JSON-Objekt mit data, indicators, categories, options und budget",
    );
    return {
      model: null,
      issues: [{ level: "error", code: "model-field-invalid", sheet: "", cell: "", message }],
    };
  }
  const misspelt = misspeltFields(input, modelFileSchema);
  const parsed = modelFileSchema.safeParse(input);
  if (!parsed.success)
    return {
      model: null,
      issues: [...parsed.error.issues.map((zi) => issueFromZod(input, zi)), ...misspelt],
    };

  const file = parsed.data;
  const categories =
    file.categories ??
    [...new Set(file.indicators.map((i) => i.category))].map((name) => ({ name, weight: 1 }));
  const model: Model = {
    ...file,
    data: { ...file.data, sheet: file.data.sheet ?? "" },
    categories,
  };
  if (model.ruleSet === "bremen" && model.bremen === undefined) {
    model.bremen = { ...DEFAULT_BREMEN_RULES, rows: DEFAULT_BREMEN_RULES.rows.map((r) => ({ ...r })) };
  }
  const issues = [...checkModel(model), ...misspelt];
  return { model: issues.some((i) => i.level === "error") ? null : model, issues };
}

/** A zod/mini schema's definition, as far as the misspelt-field search reads it. */
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
}

function definitionOf(schema: unknown): SchemaDef {
  let def = (schema as { _zod: { def: SchemaDef } })._zod.def;
  // optional, default, prefault and nullable wrap the schema that describes the value
  while (def.innerType !== undefined && def.type !== "object" && def.type !== "array")
    def = (def.innerType as { _zod: { def: SchemaDef } })._zod.def;
  return def;
}

/**
 * Fields the schema does not know whose name is close to one it knows at the same place („weigth“ for
 * „weight“, „areaMetod“ for „areaMethod“), as warnings: extra fields are allowed (SPEC §8) and kept, but a
 * misspelt one would silently leave the field it was meant for at its default. Names far from every known
 * one are extra fields and pass without a word.
 *
 * @example misspeltFields({ indicators: [{ column: "x", weigth: 5 }] }, modelFileSchema)[0].code; // => "model-field-unknown"
 */
function misspeltFields(root: unknown, schema: unknown): Issue[] {
  return misspeltFieldsAt(root, schema, [], root);
}

/**
 * {@link misspeltFields} for the value `json` at `path` of `root`. `json` is always passed: a field present
 * with the value undefined (an option switched off in the task pane, `coverage: undefined`) is undefined
 * here, not the whole model (which a default parameter made it, and the whole model's „indicators“ then
 * looked like a misspelt `coverage.indicator`).
 */
function misspeltFieldsAt(root: unknown, schema: unknown, path: PropertyKey[], json: unknown): Issue[] {
  const def = definitionOf(schema);
  if (def.type === "array" && Array.isArray(json))
    return json.flatMap((item, i) => misspeltFieldsAt(root, def.element, [...path, i], item));
  if (def.type !== "object" || def.shape === undefined) return [];
  if (typeof json !== "object" || json === null || Array.isArray(json)) return [];
  const shape = def.shape;
  const known = Object.keys(shape);
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(json)) {
    if (Object.hasOwn(shape, key)) {
      issues.push(...misspeltFieldsAt(root, shape[key], [...path, key], value));
      continue;
    }
    const meant = nearestName(key, known);
    if (meant === null) continue;
    const where = path.length === 0 ? "" : describePath(root, path);
    const message = messages.modelFieldUnknown(where, key, meant);
    issues.push({ level: "warning", code: "model-field-unknown", sheet: "", cell: "", message });
  }
  return issues;
}

/** Key order of the written file: SPEC.md §8 order first, unknown (extra) keys alphabetically after. */
const KEY_ORDER = [
  "data",
  "indicators",
  "categories",
  "options",
  "budget",
  "ruleSet",
  "strand3Category",
  "rules",
  "bremen",
  "sheet",
  "headerRow",
  "range",
  "id",
  "area",
  "children",
  "strand2",
  "strand3Reason",
  "strand4",
  "strand4Reason",
  "verbund",
  "firstYear",
  "kitaIndex",
  "strand4Vzae",
  "traeger",
  "strand2Vzae",
  "within",
  "unspent",
  "column",
  "label",
  "name",
  "category",
  "direction",
  "weight",
  "allowNegative",
  "normalisation",
  "sd",
  "areaMethod",
  "childWeighted",
  "winsorise",
  "goalposts",
  "coverage",
  "sockel",
  "publication",
  "unit",
  "indicator",
  "level",
  "fraction",
  "by",
  "total",
  "year",
  "dynamisierung",
  "baseAmount",
  "baseYear",
  "rate",
  "kofinanzierung",
  "landShare",
  "municipalShare",
  "costPerVzae",
  "vzaeStep",
  "rows",
  "indexAbove",
  "childrenMin",
  "childrenMax",
  "vzae",
  "sachkosten",
  "sachkostenFirstYear",
  "indexPeriodYears",
  "min",
  "max",
];
const KEY_RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function canonical(value: unknown, path: string): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new SrbUsageError(`serializeModel: ${path} ist keine endliche Zahl`);
  }
  if (Array.isArray(value)) return value.map((v, i) => canonical(v, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  keys.sort((a, b) => {
    const ra = KEY_RANK.get(a) ?? Infinity;
    const rb = KEY_RANK.get(b) ?? Infinity;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  });
  const out: Record<string, unknown> = {};
  for (const k of keys)
    out[k] = canonical((value as Record<string, unknown>)[k], path === "" ? k : `${path}.${k}`);
  return out;
}

/**
 * Writes a model as stable, pretty JSON (2 spaces, SPEC.md §8 key order, extra keys alphabetically,
 * trailing newline): the same model always gives the same text, so model files diff well.
 * Throws SrbUsageError for a non-finite number (a caller bug: parseModel never produces one).
 *
 * @example
 * serializeModel(parseModel(file).model!); // => '{\n  "data": {\n    "sheet": "Kitas", …'
 */
export function serializeModel(model: Model): string {
  if (typeof model !== "object" || model === null)
    throw new SrbUsageError("serializeModel: model must be an object");
  return `${JSON.stringify(canonical(model, ""), null, 2)}\n`;
}
