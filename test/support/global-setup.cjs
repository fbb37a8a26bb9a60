// Jest's global setup: one temporary folder for the run, and moto's server for the tests that call
// AWS APIs, unless .ci/run gave one.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { motoPython, startMoto, MOTO_ENDPOINT_VARIABLE } = require('./moto-server.cjs');

module.exports = async function globalSetup() {
  // The AWS SDK's notice that its 2027 releases need Node 22 would repeat in every test that calls it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Every test's temporary files (os.tmpdir() in the workers and the processes they start) go under
  // one folder that the teardown removes, rather than leaving dozens of folders in /tmp per run.
  const runDir = mkdtempSync(join(tmpdir(), 'stepwright-tests-'));
  globalThis.__STEPWRIGHT_TMP__ = { runDir, previous: process.env.TMPDIR };
  process.env.TMPDIR = runDir;
  if (process.env[MOTO_ENDPOINT_VARIABLE]) return;
  const python = motoPython();
  if (!python) return; // the tests that need it skip (or fail under CI) and say why
  const server = await startMoto(python);
  globalThis.__STEPWRIGHT_MOTO__ = server;
  process.env[MOTO_ENDPOINT_VARIABLE] = server.endpoint;
};
