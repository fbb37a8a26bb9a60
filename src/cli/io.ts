/** Where a command writes: injected so commands can be tested without a terminal. */
import { createInterface } from 'node:readline/promises';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether a person is at a terminal to answer a question (stdin and stdout are terminals). */
  interactive?: boolean;
  /** Asks a question on the terminal; only called when `interactive`. */
  ask?(question: string): Promise<string>;
  /** A status line that replaces the previous one on a terminal (a progress bar); nothing elsewhere. */
  progress?(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  get interactive() {
    return process.stdin.isTTY === true && process.stdout.isTTY === true;
  },
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
  },
};
