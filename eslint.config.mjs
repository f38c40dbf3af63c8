import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-tsc/", "dist-cli/", "coverage/", "out/", "test-artifacts/", "test/shims/", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // the task pane's React: hooks called unconditionally, and every value an effect or memo reads in its
    // dependency list (a missing one shows stale data; the rules catch it before a user does)
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // Node scripts (CommonJS): bin/, scripts/, build and test configuration
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: Object.fromEntries(
        ["require", "module", "exports", "process", "__dirname", "__filename", "console", "Buffer", "URL",
          "setTimeout", "clearTimeout", "setInterval", "clearInterval"].map((name) => [name, "readonly"]),
      ),
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["react", "react-dom", "@fluentui/*", "exceljs", "fs", "node:*", "../workbook/*", "../taskpane/*", "../functions/*", "../cli/*"] },
      ],
      "no-restricted-globals": ["error", "document", "window", "Excel", "Office"],
    },
  },
);
