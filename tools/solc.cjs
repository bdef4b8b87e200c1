#!/usr/bin/env node
'use strict';
// A native-solc-compatible command line backed by solcjs (npm "solc"), so that forge can compile
// offline: forge's own solc download (svm) needs the network, and Debian ships no solc.
// forge makes exactly two kinds of calls, and only those are supported:
//   solc --version
//   solc --allow-paths <root>,... --base-path <root> [--include-path <p>] --standard-json   (JSON on stdin)
// See shared/docs/toolchain.md §1.
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: ' + solc.version() + '\n');
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc wrapper: only --version and --standard-json are supported (got: ' + args.join(' ') + ')\n');
  process.exit(1);
}

// Import roots, in the order native solc tries them: base path, include paths, then the cwd.
const roots = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[++i]);
  else if (/^--(base|include)-path=/.test(args[i])) roots.push(args[i].slice(args[i].indexOf('=') + 1));
}
roots.push(process.cwd());

function findImports(importPath) {
  for (const root of roots) {
    const file = path.isAbsolute(importPath) ? importPath : path.join(root, importPath);
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, 'utf8') };
  }
  return { error: 'File not found: ' + importPath };
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const input = Buffer.concat(chunks).toString('utf8');
  process.stdout.write(solc.compile(input, { import: findImports }));
});
