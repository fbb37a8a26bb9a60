/**
 * Where a Map's items come from when it has an ItemReader: local fixtures from
 * `options.itemReaders[stateName]` (no S3): an array of items, or a file's text read as
 * ReaderConfig.InputType says (CSV, JSONL, JSON). Also ItemBatcher's grouping.
 */
import type { ItemReader, JsonObject, JsonValue } from '../../model/asl.js';
import { StatesError } from '../states-error.js';

const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

export function readItems(stateName: string, reader: ItemReader, fixture: JsonValue[] | string | undefined, maxItems: number | undefined): JsonValue[] {
  if (fixture === undefined) {
    throw new StatesError('States.ItemReaderFailed', `Map state '${stateName}' has an ItemReader (${reader.Resource}) but options.itemReaders['${stateName}'] gives no items`);
  }
  let items: JsonValue[];
  if (Array.isArray(fixture)) items = fixture;
  else {
    const type = reader.ReaderConfig?.InputType ?? 'JSON';
    try {
      if (type === 'CSV') items = parseCsv(fixture, reader);
      else if (type === 'JSONL') items = fixture.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as JsonValue);
      else {
        const parsed = JSON.parse(fixture) as JsonValue;
        if (!Array.isArray(parsed)) throw new Error('the JSON file does not hold an array');
        items = parsed;
      }
    } catch (e) {
      throw new StatesError('States.ItemReaderFailed', `Map state '${stateName}' could not read its ${type} items: ${(e as Error).message}`);
    }
  }
  return maxItems !== undefined && maxItems > 0 ? items.slice(0, maxItems) : items;
}

function parseCsv(text: string, reader: ItemReader): JsonObject[] {
  const delimiter = DELIMITERS[reader.ReaderConfig?.CSVDelimiter ?? 'COMMA'] ?? ',';
  const rows = csvRows(text, delimiter).filter((r) => !(r.length === 1 && r[0] === ''));
  const given = reader.ReaderConfig?.CSVHeaderLocation === 'GIVEN';
  const headers = given ? (reader.ReaderConfig?.CSVHeaders ?? []) : (rows.shift() ?? []);
  // Every value is a string, as AWS reads CSV.
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])));
}

/** RFC 4180 rows: quoted fields may hold delimiters, newlines and doubled quotes. */
function csvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** ItemBatcher: `{ BatchInput?, Items: [...] }` per batch, by item count and/or JSON byte size. */
export function batchItems(items: JsonValue[], maxItems: number | undefined, maxBytes: number | undefined, batchInput: JsonValue | undefined): JsonValue[] {
  const batches: JsonValue[] = [];
  let current: JsonValue[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    batches.push(batchInput !== undefined ? { BatchInput: batchInput, Items: current } : { Items: current });
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = maxBytes !== undefined ? Buffer.byteLength(JSON.stringify(item), 'utf8') : 0;
    if (current.length > 0 && ((maxItems !== undefined && current.length >= maxItems) || (maxBytes !== undefined && bytes + size > maxBytes))) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}
