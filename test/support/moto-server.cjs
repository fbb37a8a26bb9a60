// moto's server (`python3 -m moto.server`) on a free loopback port. Plain CommonJS so that Jest's
// global setup, which runs outside the test transform, can use it as well as the tests.
const { execFileSync, spawn } = require('node:child_process');
const { createServer } = require('node:net');

/** The Python interpreter that has moto, or undefined. */
function motoPython() {
  for (const python of [process.env.STEPWRIGHT_PYTHON, 'python3', 'python3.11', 'python', '/usr/bin/python3'].filter(Boolean)) {
    try {
      execFileSync(python, ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 20000 });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto and waits until it answers (at most 30 s); `stop()` ends the process by its PID. */
async function startMoto(python = motoPython()) {
  if (!python) throw new Error('moto is not installed for any Python interpreter on this machine');
  const port = await freePort();
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto's server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto's server did not answer on ${endpoint} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { endpoint, pid: child.pid, stop };
}

module.exports = { motoPython, freePort, startMoto, MOTO_ENDPOINT_VARIABLE: 'STEPWRIGHT_MOTO_ENDPOINT' };
