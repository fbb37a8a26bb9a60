export const usage = 'stepwright graph WORKFLOW [--format svg|mermaid|dot]';
export async function run(): Promise<number> {
  return 1;
}
