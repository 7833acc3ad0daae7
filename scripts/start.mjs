// `npm start`: the api and the worker side by side, as two processes (they
// scale separately in production). A signal is passed to both; when one
// exits, the other is stopped, so a supervisor sees the failure.
import { spawn } from 'node:child_process';

const children = ['dist/bin/api.js', 'dist/bin/worker.js'].map((entry) => spawn(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit' }));

let exitCode = 0;
let stopping = false;
function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}

for (const child of children) {
  child.on('exit', (code) => {
    if (code) exitCode = code;
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stopAll(signal));
