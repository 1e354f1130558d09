'use strict';
// Runs `npm ci` in this directory unless node_modules already holds exactly package-lock.json's
// packages (a stamp of the lock file's hash, written after a successful install). The same rule
// as msgflow-aws's fauxqs peer, for any pinned package: the one here is asl-validator.
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const here = __dirname;
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
