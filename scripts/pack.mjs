// `npm run pack [-- DIR]`: the package as users install it, as a tarball in DIR (default out/).
// It is packed from a staging folder whose package.json has no development scripts: `prepare`
// builds dist/ for this repository's own `npm ci`, but in a published manifest npm flags it as an
// install script in every consumer's install. Publish the same way: `npm publish out/package`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const destination = resolve(process.argv[2] ?? 'out');
const staging = join(destination, 'package');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

execFileSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { prepare, build, start, test, typecheck, bench, pack, ...scripts } = manifest.scripts ?? {};
const published = { ...manifest, scripts };
delete published.devDependencies;
delete published.overrides;
if (Object.keys(scripts).length === 0) delete published.scripts;
writeFileSync(join(staging, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
for (const path of [...manifest.files, 'README.md', 'LICENSE']) cpSync(path, join(staging, path), { recursive: true });
const output = execFileSync(npm, ['pack', '--json', '--pack-destination', destination], { cwd: staging, encoding: 'utf8' });
const [{ filename }] = JSON.parse(output);
console.log(join(destination, filename));
