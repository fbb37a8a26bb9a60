/**
 * Which errors a Retrier or Catcher's ErrorEquals matches. AWS's rules:
 *  - `States.ALL` matches any error, except the terminal ones below.
 *  - `States.TaskFailed` matches any error except `States.Timeout`.
 *  - `States.Runtime` is terminal: nothing catches or retries it, not even naming it explicitly
 *    (recorded on AWS: a Catch on States.Runtime does not fire).
 *  - `States.DataLimitExceeded`: the docs call it terminal, but AWS does catch it with States.ALL
 *    when a task's result is too large (recorded), so it is treated like any other error.
 *  - stepwright's own setup errors (unmocked task, exhausted mock) are terminal too: a Retry on
 *    States.ALL must not hide a missing mock.
 */
export function isTerminalError(error: string): boolean {
  return error === 'States.Runtime' || error.startsWith('stepwright.');
}

export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (isTerminalError(error)) return false;
  for (const name of errorEquals) {
    if (name === 'States.ALL' || name === error) return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout') return true;
  }
  return false;
}
