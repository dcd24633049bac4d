"""Shows, with no server at all, why informix-driver's
test_async_threads.py::test_closing_a_connection_stops_its_thread fails here.

The test opens five connections one after another with asyncio.to_thread
(the loop's default ThreadPoolExecutor) and then allows one thread more than
it started with. CPython's worker sets the future's result before it marks
itself idle, so when the loop resumes first and submits the next call, the
executor starts a second thread. Which side wins is up to the OS scheduler:
on a busy machine the loop often does, and two default-executor threads
("asyncio_0", "asyncio_1") remain. Run: python3 threadpool_race.py
"""
import asyncio
import collections
import socket
import threading


def work() -> None:
    a, b = socket.socketpair()  # a syscall, as a connect makes
    a.send(b"x")
    b.recv(1)
    a.close()
    b.close()


async def five_sequential_calls() -> int:
    for _ in range(5):
        await asyncio.to_thread(work)
    return threading.active_count() - 1  # threads besides the main one


if __name__ == "__main__":
    counts = collections.Counter(asyncio.run(five_sequential_calls()) for _ in range(200))
    print("default-executor threads left after five sequential to_thread calls:", dict(counts))
