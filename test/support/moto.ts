/**
 * moto's server (`python3 -m moto.server`), the AWS APIs on loopback, for tests that call AWS through
 * the real SDK clients. `.ci/run` starts one and passes its address in STEPWRIGHT_MOTO_ENDPOINT; a
 * plain `npm test` starts one in Jest's global setup when Python has moto. Where moto is absent the
 * tests that need it say so and skip, except under CI (CI=true), where they fail.
 *
 * One server is shared by every test file: isolate by region (moto keeps regions apart) or by
 * names, or start a private server with `startMoto()` where a test needs an empty account.
 */
import { createRequire } from 'node:module';

export interface MotoServer {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const server = createRequire(__filename)('./moto-server.cjs') as {
  motoPython(): string | undefined;
  freePort(): Promise<number>;
  startMoto(python?: string): Promise<MotoServer>;
  MOTO_ENDPOINT_VARIABLE: string;
};

export const { motoPython, freePort, startMoto, MOTO_ENDPOINT_VARIABLE } = server;

/** The shared server's address, when one is running. */
export function motoEndpoint(): string | undefined {
  return process.env[MOTO_ENDPOINT_VARIABLE] || undefined;
}

/**
 * `describe` for tests that need moto: skipped with a note where moto is absent, failing under CI.
 * The body receives the endpoint.
 */
export function describeWithMoto(name: string, body: (endpoint: string) => void): void {
  const endpoint = motoEndpoint();
  if (endpoint) {
    describe(name, () => body(endpoint));
  } else if (process.env.CI) {
    describe(name, () => {
      test('needs moto’s server', () => {
        throw new Error(`${MOTO_ENDPOINT_VARIABLE} is not set: .ci/run starts moto's server and sets it (is moto installed for python3?)`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: moto's server is not available; install moto for python3 to run these)`, () => body(''));
  }
}
