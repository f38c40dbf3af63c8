/**
 * Build of the SRB add-in (webpack 5), shared runtime:
 * - `taskpane.html` loads the `taskpane` and `functions` chunks (one runtime for task pane and functions);
 * - `standalone.html` loads the `standalone` chunk (the same UI outside Excel, plain browser);
 * - `functions.json` (English metadata) is generated from the `@customfunction` JSDoc in
 *   src/functions/functions.ts by custom-functions-metadata-plugin, which also adds the
 *   `CustomFunctions.associate` calls; `functions-de.json` (German descriptions) is derived from it at
 *   build time (scripts/functions-de.js);
 * - manifest.xml and the icons are copied to dist/.
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
const { FunctionsDePlugin } = require("./scripts/functions-de.js");

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
              compilerOptions: { module: "esnext", sourceMap: dev },
            },
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
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
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
