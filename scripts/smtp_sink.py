#!/usr/bin/env python3
"""A tiny SMTP sink for benchmarks (Python standard library only): accepts every message on a
loopback port, keeps nothing but a count, and writes the count and the times of the first and
last message to a stats file every half second (and at exit).

Usage: scripts/smtp_sink.py PORT STATS_FILE
Enough of RFC 5321 for Kiosque's mailer (lettre): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
no TLS, no authentication. Loopback only.
"""
import asyncio
import signal
import sys
import time

count = 0
first = None
last = None


async def session(reader, writer):
    global count, first, last
    writer.write(b"220 sink ESMTP\r\n")
    await writer.drain()
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-sink\r\n250 8BITMIME\r\n" if verb == b"EHLO" else b"250 sink\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                while True:
                    body = await reader.readline()
                    if not body or body == b".\r\n":
                        break
                now = time.monotonic()
                count += 1
                first = first or now
                last = now
                writer.write(b"250 ok\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:  # MAIL, RCPT, RSET, NOOP
                writer.write(b"250 ok\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


def write_stats(path):
    span = (last - first) if first and last else 0.0
    with open(path, "w") as f:
        f.write(f"{count} {span:.3f}\n")


async def main(port, path):
    server = await asyncio.start_server(session, "127.0.0.1", port, limit=1 << 20)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        while not stop.is_set():
            write_stats(path)
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except asyncio.TimeoutError:
                pass
    write_stats(path)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
