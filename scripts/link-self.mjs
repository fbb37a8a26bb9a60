// `npm ci` in this repository does not link our own bin (npm refuses a package that depends on
// itself), so `npx stepwright` would look for the name on the registry. Link it by hand, and only
// inside this checkout: when stepwright is installed as a dependency, npm links the bin itself.
import { existsSync, mkdirSync, rmSync, symlinkSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const bin = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(bin) || root.includes(`${'node_modules'}`)) process.exit(0);
chmodSync(bin, 0o755);
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const link = join(binDir, 'stepwright');
rmSync(link, { force: true });
symlinkSync(relative(binDir, bin), link);
