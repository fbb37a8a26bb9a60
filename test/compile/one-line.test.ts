/**
 * The compiler writes each JSONata expression on one line, so the .asl.json passes asl-validator as
 * users run it (its `{% %}` pattern refuses a line break), and the expression means the same: a line
 * break inside a string literal becomes `\n`, so the string keeps its content.
 */
import aslValidator from 'asl-validator';
import { compile, execute, expr, pass, workflow } from '../../src/index.js';

const multiLine = `(
  $greeting := 'Dear ' & $states.input.name & ',
welcome';
  /* a comment
     over two lines */
  { "text": $greeting, "upper": $uppercase($greeting) }
)`;

const example = workflow('letters', { start: pass('Write', { output: expr(multiLine) }) });

test('a multi-line expression is written on one line', () => {
  const output = (compile(example).States.Write as { Output: string }).Output;
  expect(output).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(output).toBe(`{% ( $greeting := 'Dear ' & $states.input.name & ',\\nwelcome'; /* a comment over two lines */ { "text": $greeting, "upper": $uppercase($greeting) } ) %}`);
});

test('asl-validator with its default options accepts it', () => {
  expect(aslValidator(compile(example)).errorsText()).toBe('');
});

test('it gives what the expression as written gives: the string keeps its line break', async () => {
  const run = await execute(example, { name: 'Ada' });
  expect(run.output).toEqual({ text: 'Dear Ada,\nwelcome', upper: 'DEAR ADA,\nWELCOME' });
  const asWritten = await execute({ QueryLanguage: 'JSONata', StartAt: 'Write', States: { Write: { Type: 'Pass', Output: `{% ${multiLine} %}`, End: true } } }, { name: 'Ada' });
  expect(run.output).toEqual(asWritten.output);
});

test('a "{% %}" string in a JSONPath state is a literal, and stays as written', () => {
  const literal = workflow('literal', { queryLanguage: 'JSONPath', start: pass('Keep', { result: { text: '{% not\nan expression %}' } }) });
  expect((compile(literal).States.Keep as { Result: unknown }).Result).toEqual({ text: '{% not\nan expression %}' });
});
