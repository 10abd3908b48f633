#!/usr/bin/env python3
"""A terminal in a GB18030 locale for tests, in the manner of luit: runs a
command on a pty with LC_ALL=zh_CN.GB18030, shows its GB18030 output as
UTF-8 to the terminal outside (tmux), and types what comes from outside
(UTF-8) to it as GB18030. Usage: gbterm.py COMMAND [ARGS...]"""
import codecs
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import tty


def copy_size(fd):
    try:
        size = fcntl.ioctl(sys.stdin.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, size)
    except OSError:
        pass


def main():
    env = dict(os.environ, LC_ALL="zh_CN.GB18030", LANG="zh_CN.GB18030")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.argv[1], sys.argv[1:], env)
    copy_size(fd)
    signal.signal(signal.SIGWINCH, lambda *_: (copy_size(fd), os.kill(pid, signal.SIGWINCH)))
    out = codecs.getincrementaldecoder("gb18030")("replace")
    into = codecs.getincrementaldecoder("utf-8")("replace")
    old = termios.tcgetattr(sys.stdin.fileno())
    tty.setraw(sys.stdin.fileno())
    try:
        while True:
            try:
                ready, _, _ = select.select([fd, sys.stdin.fileno()], [], [])
            except InterruptedError:
                continue
            if fd in ready:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                os.write(sys.stdout.fileno(), out.decode(data).encode("utf-8"))
            if sys.stdin.fileno() in ready:
                data = os.read(sys.stdin.fileno(), 4096)
                if not data:
                    break
                os.write(fd, into.decode(data).encode("gb18030"))
    finally:
        termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, old)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
