// Jest's global setup: moto's server for the tests that call AWS APIs, unless .ci/run gave one.
const { motoPython, startMoto, MOTO_ENDPOINT_VARIABLE } = require('./moto-server.cjs');

module.exports = async function globalSetup() {
  if (process.env[MOTO_ENDPOINT_VARIABLE]) return;
  const python = motoPython();
  if (!python) return; // the tests that need it skip (or fail under CI) and say why
  const server = await startMoto(python);
  globalThis.__STEPWRIGHT_MOTO__ = server;
  process.env[MOTO_ENDPOINT_VARIABLE] = server.endpoint;
};
