'use strict';
// Runs `npm ci` in a folder holding a pinned package.json and package-lock.json (this folder,
// or the one given as the first argument) unless its node_modules already holds exactly the
// lock file's packages: a stamp of the lock file's hash is written after a successful install.
// Used for the fauxqs peer here and for the example's asl-validator.
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const here = path.resolve(process.argv[2] || __dirname);
const stamp = path.join(here, 'node_modules', '.msgflow-lock-sha256');
const lockHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(here, 'package-lock.json'))).digest('hex');
const dependencies = Object.keys(require(path.join(here, 'package.json')).dependencies);
const installed = dependencies.every((name) => fs.existsSync(path.join(here, 'node_modules', name, 'package.json')));

if (installed && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lockHash) {
  console.log(`${dependencies.join(', ')}: node_modules matches package-lock.json, nothing to install`);
} else {
  console.log(`${dependencies.join(', ')}: npm ci`);
  execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: here, stdio: 'inherit', shell: true });
  fs.writeFileSync(stamp, lockHash);
}
