// Runs the site's own pagefind.js (Node, no browser) against a built /pagefind/ folder and
// prints, as JSON, every file it fetches: at start-up (init()) and for each query given on the
// command line, including the fragments of the first ten results (the page size of the
// site's search UI, docs/assets/sog.js).
//   node pagefind_probe.mjs SITE/pagefind "query one" "query two"
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [bundle, ...queries] = process.argv.slice(2);
const base = pathToFileURL(bundle.replace(/\/?$/, "/")).href;
let fetched = [];
// Pagefind fetches relative to its bundle path; files are read from disk, with the
// cache-busting query string (?ts=…) dropped.
globalThis.fetch = async (input) => {
  const url = new URL(String(input), base);
  url.search = "";
  fetched.push(url.href.slice(base.length));
  return new Response(await readFile(fileURLToPath(url)));
};

const pagefind = await import(new URL("pagefind.js", base).href);
await pagefind.options({ basePath: base });
await pagefind.init();
const startup = fetched;
const result = { startup, queries: {} };
for (const query of queries) {
  fetched = [];
  const search = await pagefind.search(query);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  result.queries[query] = { results: search.results.length, shown: shown.map((d) => d.url), files: fetched };
}
console.log(JSON.stringify(result));
