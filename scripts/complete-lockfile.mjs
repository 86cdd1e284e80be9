// Adds lock entries for optional platform packages (other OSes and CPUs) that this registry mirror
// does not serve, so that `npm ci` accepts the lock file. Run after every `npm install`: npm run lock:complete
import fs from "node:fs";
const file = process.argv[2] ?? new URL("../package-lock.json", import.meta.url).pathname;
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pkgs = lock.packages;
let added = 0;
const platform = (name) => {
  const n = name.split("/").pop();
  const os = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "sunos", "netbsd", "aix"].find((o) => n.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "wasm32", "riscv64", "ppc64", "s390x", "loong64"].find((c) => n.split("-").includes(c) || n.includes(`-${c}-`) || n.endsWith(`-${c}`) || n.includes(`${c}-`));
  return { os, cpu };
};
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path === "" ? "" : path + "/";
    const nested = `${base}node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (pkgs[nested] || pkgs[top]) continue;
    const { os, cpu } = platform(dep);
    pkgs[top] = { version, optional: true, ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
    added++;

  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`${added} entries added`);
