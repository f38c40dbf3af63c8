/**
 * Build of the SRB add-in (webpack 5), shared runtime:
 * - `taskpane.html` loads the `taskpane` and `functions` chunks (one runtime for task pane and functions);
 * - `standalone.html` loads the `standalone` chunk (the same UI outside Excel, plain browser);
 * - `functions.json` (English metadata) is generated from the `@customfunction` JSDoc in
 *   src/functions/functions.ts by custom-functions-metadata-plugin, which also adds the
 *   `CustomFunctions.associate` calls; `functions-de.json` (German descriptions) is derived from it at
 *   build time (scripts/functions-de.js);
 * - manifest.xml (task pane + functions, shared runtime) and manifest-taskpane.xml (task pane only) are
 *   written to dist/ with every URL on SRB_BASE_URL (`SRB_BASE_URL=https://kita.stadt.example/srb npm run
 *   build`; without it the development URL https://localhost:3000) and the version from package.json
 *   (scripts/manifest.js); the icons, compat.js and the function-file page commands.html are copied;
 * - target ES2017 (the oldest browser engines of the supported Excel hosts, docs/excel-compatibility.md):
 *   TypeScript is compiled to ES2017 and JavaScript from node_modules is lowered by esbuild
 *   (scripts/esbuild-loader.js); compat.js (ES5) shows a German message where even that is too new;
 * - `CustomFunctions` is provided by src/functions/customFunctionsGlobal.ts (a stand-in outside Excel).
 *
 * Production (`npm run build`): dist/, no source maps. Development: source maps with project-relative
 * paths only. The HTTPS dev server (https://localhost:3000) is configured only when the Office dev
 * certificates exist and never in CI. Nothing here touches the network.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const webpack = require("webpack");
const { FunctionsDePlugin } = require("./scripts/functions-de.js");
const { MANIFESTS, buildManifest, packageVersion, resolveBaseUrl } = require("./scripts/manifest.js");

/** ECMAScript version of every emitted bundle (checked by test/manifest/build.test.ts). */
const TARGET = "es2017";

const DEV_PORT = 3000;
const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

/** The Office dev certificates (office-addin-dev-certs), or null when they are not installed. */
function devCertificates() {
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const found = {};
  for (const [name, file] of Object.entries(files)) {
    const full = path.join(CERT_DIR, file);
    if (!fs.existsSync(full)) return null;
    found[name] = fs.readFileSync(full);
  }
  return found;
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const certificates = serving && !process.env.CI ? devCertificates() : null;
  // checked first: a wrong SRB_BASE_URL stops the build with a German message
  const baseUrl = resolveBaseUrl(process.env.SRB_BASE_URL);
  const version = packageVersion(__dirname);
  if (serving && certificates === null) {
    throw new Error(
      process.env.CI
        ? "Der HTTPS-Entwicklungsserver läuft nicht in CI."
        : `Keine Entwicklungszertifikate in ${CERT_DIR}: erst „npx office-addin-dev-certs install“ ausführen.`,
    );
  }

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    context: __dirname,
    target: ["web", TARGET],
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      standalone: "./src/taskpane/standalone.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
      // source maps name project-relative files only, never absolute paths of the build machine
      devtoolModuleFilenameTemplate: "webpack://srb/[resource-path]",
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // types are checked by `tsc --noEmit`; ES modules let webpack tree-shake the engine
              transpileOnly: true,
              onlyCompileBundledFiles: true,
              compilerOptions: { module: "esnext", target: TARGET, sourceMap: dev },
            },
          },
        },
        {
          // Fluent UI, tabster, React …: lowered to the target (they ship ES2020+ syntax)
          test: /\.m?js$/,
          include: /node_modules/,
          use: {
            loader: path.resolve(__dirname, "scripts", "esbuild-loader.js"),
            options: { target: TARGET },
          },
        },
        { test: /\.css$/, type: "asset/source" },
        {
          test: /\.(png|jpe?g|gif|svg|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext]" },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new webpack.ProvidePlugin({
        CustomFunctions: [
          path.resolve(__dirname, "src", "functions", "customFunctionsGlobal.ts"),
          "customFunctions",
        ],
      }),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new FunctionsDePlugin({ input: "functions.json", output: "functions-de.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions"],
      }),
      new HtmlWebpackPlugin({
        filename: "standalone.html",
        template: "./src/taskpane/standalone.html",
        chunks: ["standalone"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          ...MANIFESTS.map((file) => ({
            from: file,
            to: file,
            transform: (content) => buildManifest(content.toString("utf8"), { baseUrl, version }),
          })),
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/compat.js", to: "compat.js" },
          { from: "src/taskpane/commands.js", to: "commands.js" },
          { from: "src/taskpane/commands.html", to: "commands.html" },
        ],
      }),
    ],
    devServer: certificates
      ? {
          host: "localhost",
          port: DEV_PORT,
          allowedHosts: ["localhost"],
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: certificates },
          client: { webSocketURL: `wss://localhost:${DEV_PORT}/ws` },
          static: false,
        }
      : undefined,
  };
};
