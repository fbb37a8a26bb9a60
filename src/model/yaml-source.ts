/**
 * YAML a user wrote (scenario files, ASL definitions in YAML), read so that every problem names its
 * line and column: syntax errors once each where they stand (the yaml library reports one mistake
 * as several errors at one place), and documents that expand without bound (an alias bomb) refused
 * with a message rather than a crash.
 */
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { StepwrightError, type Problem } from './errors.js';

/** More aliases than any hand-written file holds; the yaml library's own guard, made a user error. */
const MAX_ALIASES = 100;

export interface YamlSource {
  doc: Document.Parsed;
  /** 1-based line and column of a source offset. */
  at(offset: number): { line: number; column: number };
  /** The line and column of a node, when it has a place in the text. */
  of(node: Node | null | undefined): { line?: number; column?: number };
}

/** Parses `text`; throws a StepwrightError with every syntax error of `file`, located, each once. */
export function parseYamlSource(text: string, file: string, options: { uniqueKeys?: boolean } = {}): YamlSource {
  const lines = new LineCounter();
  // Merge keys (`<<: *shared`) let scenarios share mocks; they are what users of YAML anchors expect.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: options.uniqueKeys ?? true, merge: true });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const error of doc.errors) {
      const where = at(error.pos[0]);
      const message = `not valid YAML: ${error.message.split('\n')[0]}`;
      // One mistake, reported once: the parser repeats an error for each token it then cannot place.
      if (seen.has(`${where.line}`)) continue;
      seen.add(`${where.line}`);
      problems.push({ file, ...where, message, fix: 'fix the YAML syntax on that line' });
    }
    throw new StepwrightError(problems);
  }
  return { doc, at, of: (node) => (node?.range ? at(node.range[0]) : {}) };
}

/** The value of `node` (or the whole document) as plain JSON-like data; an alias bomb is a user error. */
export function yamlValue(source: YamlSource, file: string, node?: Node | null): unknown {
  try {
    return node ? node.toJS(source.doc, { maxAliasCount: MAX_ALIASES }) : source.doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias/i.test(message)) {
      throw new StepwrightError({ file, ...source.of(node ?? source.doc.contents), message: `expands too many YAML aliases (${message.replace(/\.$/, '')})`, fix: `use at most ${MAX_ALIASES} alias references (*name); write the values out instead` });
    }
    throw new StepwrightError({ file, ...source.of(node ?? source.doc.contents), message: `cannot be read as data: ${message}`, fix: 'fix the YAML' });
  }
}
