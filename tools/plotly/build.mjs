// Builds static/vendor/plotly-bar-heatmap.min.js: a partial plotly.js bundle with only the trace
// types the portal draws (publications/charts.py: go.Bar, go.Heatmap). Run it with `make plotly-bundle`
// from the repository root; the plotly.js and esbuild versions are pinned in package.json next to
// this file (and package-lock.json pins everything they pull in).
//
// It follows plotly.js's own custom-bundle recipe (CUSTOM_BUNDLE.md, esbuild-config.js of the
// release) without the repository's tasks/ folder, which the npm package leaves out:
// - lib/core registers the core (scatter always comes with it, plotly cannot draw without it), and the
//   entry below registers the traces we use. No locale: the old bundle registered none beyond the
//   built-in en/en-US, and the portal passes no `locale` to plotly. No `calendars` component: the
//   portal plots no dates on world calendars.
// - the attributes' documentation (description, role, hrName, requiredOpts, otherOpts), which only
//   Plotly.PlotSchema shows, is stripped as plotly.js's tasks/compress_attributes.js does for its dist
//   files (the same regular expressions, applied to plotly.js's own sources).
// - the one stylesheet plotly's core imports is maplibre-gl's, needed only by map traces: it is
//   left out (`.css` loads as empty). plotly's own rules are served as static/vendor/plotly.css,
//   because the strict Content-Security-Policy forbids those plotly would inject.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(root, "static", "vendor", "plotly-bar-heatmap.min.js");
const require = createRequire(import.meta.url);

// The trace types of publications/charts.py; `scatter` is part of plotly.js's core.
const TRACES = ["bar", "heatmap"];

const version = require("plotly.js/package.json").version;
const esbuildVersion = require("esbuild/package.json").version;

const entry = [
  "var Plotly = require('plotly.js/lib/core');",
  `Plotly.register([${TRACES.map((t) => `require('plotly.js/lib/${t}')`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

// plotly.js's tasks/compress_attributes.js (3.x), as an esbuild plugin.
const meta = (regex) => new RegExp(`\\s*${regex},?`, "g");
const STRIP = [
  meta("description: '.*'"),
  meta("description: \\[[\\s\\S]*?\\]\\.join\\([\\s\\S]*?\\)"),
  meta("requiredOpts: \\[[\\s\\S]*?\\]"),
  meta("otherOpts: \\[[\\s\\S]*?\\]"),
  meta("role: '.*'"),
  meta("hrName: '.*'"),
];
const stripMeta = {
  name: "strip-meta-attributes",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]plotly\.js[\\/].*\.js$/ }, async (file) => {
      let contents = await readFile(file.path, "utf-8");
      for (const regex of STRIP) contents = contents.replace(regex, "");
      return { contents, loader: "js" };
    });
  },
};

const result = await build({
  stdin: { contents: entry, resolveDir: here, sourcefile: "plotly-bar-heatmap.js", loader: "js" },
  bundle: true,
  format: "iife",
  globalName: "Plotly",
  platform: "browser",
  target: "es2016", // as plotly.js's esbuild-config.js
  minify: true,
  legalComments: "eof", // the licences of the bundled modules, at the end of the file
  define: { global: "window", "define.amd": "false", "process.env.NODE_DEBUG": "false" },
  loader: { ".css": "empty" },
  plugins: [stripMeta],
  write: false,
  logLevel: "warning",
});

const header = `/**
* plotly.js (bar-heatmap - minified) v${version}
* Copyright 2012-2026, Plotly, Inc.
* All rights reserved.
* Licensed under the MIT license
*
* Partial bundle: traces ${TRACES.join(", ")} (+ scatter, in plotly.js's core).
* Built from npm plotly.js@${version} with esbuild ${esbuildVersion} by \`make plotly-bundle\`
* (tools/plotly/build.mjs). Do not edit by hand.
*/
`;
// The same wrapper as plotly.js's dist files: a CommonJS module, or the global `Plotly`.
const code = `${header}(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.Plotly = factory();
  }
}(typeof self !== "undefined" ? self : this, () => {
"use strict";${result.outputFiles[0].text}
return Plotly;
}));
`;

if (/\bprocess\.env\b/.test(result.outputFiles[0].text)) {
  throw new Error("the bundle refers to process.env, which a browser does not have");
}
writeFileSync(out, code);
console.log(`wrote ${relative(root, out)}: plotly.js ${version}, traces ${TRACES.join(", ")}, ${code.length} bytes`);
