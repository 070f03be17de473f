"""Idle cost: CPU time a program uses while it sits open in a terminal with nobody typing.

Usage: idle.py SECONDS COMMAND [ARG ...]  -> prints JSON {"seconds", "cpu_ms", "percent"}.
Starts COMMAND in a pseudo-terminal (120x40), lets it start for 2 s, then reads its
utime+stime from /proc before and after SECONDS of idling, draining its output meanwhile.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])

def drain(fd, seconds):
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                os.read(fd, 65536)
            except OSError:
                return

def main():
    seconds, cmd = float(sys.argv[1]), sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drain(fd, 2.0)
    before = cpu_ticks(pid)
    drain(fd, seconds)
    after = cpu_ticks(pid)
    os.kill(pid, signal.SIGTERM)
    drain(fd, 1.0)
    os.waitpid(pid, 0)
    tick = os.sysconf("SC_CLK_TCK")
    cpu_ms = (after - before) * 1000 / tick
    print(json.dumps({"seconds": seconds, "cpu_ms": cpu_ms, "percent": cpu_ms / (seconds * 10)}))

main()
