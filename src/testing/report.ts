export async function renderReport(..._args: unknown[]): Promise<string> { return '<html></html>'; }
