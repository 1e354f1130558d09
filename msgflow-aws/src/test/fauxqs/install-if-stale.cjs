'use strict';
// Runs `npm ci` for the pinned fauxqs peer unless node_modules already holds exactly the lock
// file's packages (a stamp of the lock file's hash, written after a successful install).
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const here = __dirname;
const stamp = path.join(here, 'node_modules', '.msgflow-lock-sha256');
const lockHash = crypto.createHash('sha256').update(fs.readFileSync(path.join(here, 'package-lock.json'))).digest('hex');
const installed = fs.existsSync(path.join(here, 'node_modules', 'fauxqs', 'package.json'));

if (installed && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lockHash) {
  console.log('fauxqs peer: node_modules matches package-lock.json, nothing to install');
} else {
  console.log('fauxqs peer: npm ci');
  execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: here, stdio: 'inherit', shell: true });
  fs.writeFileSync(stamp, lockHash);
}
