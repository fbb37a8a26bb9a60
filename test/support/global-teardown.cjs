// Stops the moto server the global setup started, by its process, and removes the run's temporary folder.
const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  await globalThis.__STEPWRIGHT_MOTO__?.stop();
  const tmp = globalThis.__STEPWRIGHT_TMP__;
  if (!tmp) return;
  rmSync(tmp.runDir, { recursive: true, force: true });
  if (tmp.previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmp.previous;
};
