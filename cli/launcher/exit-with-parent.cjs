// Preloaded (--require) into every process the launcher starts: when the launcher goes away however it
// ended — Ctrl-C, SIGTERM, a crash or SIGKILL — the process is re-parented, notices, and shuts down
// cleanly through its own SIGTERM handler instead of lingering on its port.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) process.kill(process.pid, "SIGTERM");
}, 500).unref();
