/** The moto server the tests share answers on loopback, so tests of AWS calls have a real peer. */
import { describeWithMoto } from './moto.js';

describeWithMoto("moto's server", (endpoint) => {
  test('answers on loopback', async () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${endpoint}/moto-api/`);
    expect(response.ok).toBe(true);
  });
});
