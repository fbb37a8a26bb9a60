// Stops the moto server the global setup started, by its process.
module.exports = async function globalTeardown() {
  await globalThis.__STEPWRIGHT_MOTO__?.stop();
};
