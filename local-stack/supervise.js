#!/usr/bin/env node
// Runs one emulator process and stops it when our stdin closes, i.e. when the JVM that
// started us exits for any reason (Ctrl-C, normal stop, kill -9): no orphans, no stale ports.
// Usage: node supervise.js <command> [args...]
'use strict';
const { spawn } = require('child_process');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node supervise.js <command> [args...]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}

child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (err) => {
  console.error(`cannot start ${command}: ${err.message}`);
  process.exit(127);
});
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
['SIGINT', 'SIGTERM', 'SIGHUP'].forEach((sig) => process.on(sig, stop));
