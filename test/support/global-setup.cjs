// Jest's global setup: moto's server for the tests that call AWS APIs, unless .ci/run gave one.
const { motoPython, startMoto, MOTO_ENDPOINT_VARIABLE } = require('./moto-server.cjs');

module.exports = async function globalSetup() {
  // The AWS SDK's notice that its 2027 releases need Node 22 would repeat in every test that calls it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (process.env[MOTO_ENDPOINT_VARIABLE]) return;
  const python = motoPython();
  if (!python) return; // the tests that need it skip (or fail under CI) and say why
  const server = await startMoto(python);
  globalThis.__STEPWRIGHT_MOTO__ = server;
  process.env[MOTO_ENDPOINT_VARIABLE] = server.endpoint;
};
