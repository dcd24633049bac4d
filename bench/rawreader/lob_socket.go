package main

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
)

// The parts of the lob floor, measured apart from any server: the
// workload's own work (generating the payload, CRC-32 over what comes
// back) and the socket alone. For the socket, a peer process (this
// program with -lob-peer) answers in the exchanges' shapes: 64 writes of
// 1 MiB, each answered with 16 bytes, then 64 requests of 14 bytes, each
// answered with 1 MiB. It answers at once, then again pausing before each
// answer (-lob-pause, 20 ms: about what ifxtestd takes per exchange)
// while using no CPU: what the client pays for the same bytes when it
// waits between exchanges (parking and waking, caches gone cold) shows
// apart from what the server's own work costs.

// lobParts is what lobFloorParts measured, in CPU nanoseconds of this
// process per run of the workload.
type lobParts struct {
	generate, crc, socket, socketPaused int64
}

// rusage returns this process's user and system CPU time. Their sum is
// exact; the split between them is sampled at clock ticks.
func rusage() (user, sys int64) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return ru.Utime.Nano(), ru.Stime.Nano()
}

// lobFloorParts measures the parts, the median of runs each.
func lobFloorParts(pat []byte, runs int) (lobParts, error) {
	buf := make([]byte, rawLOExchange)
	var gen, crc, sock, paused []int64
	for range runs {
		c0 := benchclient.ProcessCPU()
		r := benchclient.NewLOBReader(pat)
		for {
			if _, err := io.ReadFull(r, buf); err != nil {
				break
			}
		}
		c1 := benchclient.ProcessCPU()
		var h uint32
		for range benchclient.LOBSize / rawLOExchange {
			h = crc32.Update(h, crc32.IEEETable, buf)
		}
		c2 := benchclient.ProcessCPU()
		gen, crc = append(gen, c1-c0), append(crc, c2-c1)
		a, err := lobSocketRun(buf, 0)
		if err != nil {
			return lobParts{}, err
		}
		b, err := lobSocketRun(buf, *pause)
		if err != nil {
			return lobParts{}, err
		}
		sock, paused = append(sock, a), append(paused, b)
	}
	return lobParts{benchclient.Median(gen), benchclient.Median(crc), benchclient.Median(sock), benchclient.Median(paused)}, nil
}

// The wire sizes of one exchange (lob.go's framing): an LO_WRITE group of
// 1 MiB and its answer; an LO_READ request and its answer.
func lobWriteGroup() int { return len(lobGroup(nil, 16)) }
func lobReadAnswer() int { return len(lobGroup(nil, 8)) }

const (
	lobWriteAnswer = 16
	lobReadRequest = 14
)

// lobGroup appends hdr bytes of header, then 1 MiB in chunks of 32000
// bytes (a 2-byte length and a pad after an odd one: none here), then
// SQ_EOT: the shape of an exchange's data, zeros.
func lobGroup(b []byte, hdr int) []byte {
	b = append(b, make([]byte, hdr)...)
	for left := rawLOExchange; left > 0; left -= rawLOChunk {
		b = append(b, make([]byte, 2+min(left, rawLOChunk))...)
	}
	return append(b, 0, 12)
}

// lobSocketRun runs one run's exchanges against a fresh peer process
// that pauses delay before each answer, and returns the CPU they took in
// this process.
func lobSocketRun(payload []byte, delay time.Duration) (cpu int64, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	peer := exec.Command(self, "-lob-peer", ln.Addr().String(), "-lob-exchange", strconv.Itoa(rawLOExchange), "-lob-peer-delay", delay.String())
	peer.Stderr = os.Stderr
	if err := peer.Start(); err != nil {
		return 0, err
	}
	defer peer.Wait()
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second))
	nc, err := ln.Accept()
	if err != nil {
		peer.Process.Kill()
		return 0, err
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(60 * time.Second))
	out := lobGroup(nil, 16)
	in := make([]byte, rawLOExchange+64<<10)
	answer := lobReadAnswer()
	// One exchange first, untimed: the connection's buffers grow.
	u0, s0 := rusage()
	for i := range 2 * benchclient.LOBSize / rawLOExchange {
		if i < benchclient.LOBSize/rawLOExchange {
			copy(out[16:], payload) // the bytes differ run to run, as the workload's
			if _, err := nc.Write(out); err != nil {
				return 0, err
			}
			if _, err := io.ReadFull(nc, in[:lobWriteAnswer]); err != nil {
				return 0, err
			}
			continue
		}
		if _, err := nc.Write(out[:lobReadRequest]); err != nil {
			return 0, err
		}
		// As a client that knows the answer's size only from its
		// header: read what is there, up to the buffer.
		for got := 0; got < answer; {
			n, err := nc.Read(in[:min(len(in), answer-got)])
			if err != nil {
				return 0, err
			}
			got += n
		}
	}
	u1, s1 := rusage()
	return u1 + s1 - u0 - s0, nil
}

// lobPeer is the peer process: it answers the exchanges of one run as
// fast as it can, then exits.
func lobPeer(addr string) error {
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer nc.Close()
	in := make([]byte, lobWriteGroup())
	ans := lobGroup(nil, 8)
	for i := range 2 * benchclient.LOBSize / rawLOExchange {
		if i < benchclient.LOBSize/rawLOExchange {
			if _, err := io.ReadFull(nc, in); err != nil {
				return err
			}
			time.Sleep(*peerDelay)
			if _, err := nc.Write(ans[:lobWriteAnswer]); err != nil {
				return err
			}
			continue
		}
		if _, err := io.ReadFull(nc, in[:lobReadRequest]); err != nil {
			return err
		}
		time.Sleep(*peerDelay)
		if _, err := nc.Write(ans); err != nil {
			return err
		}
	}
	if n, err := nc.Read(in[:1]); n != 0 || !errors.Is(err, io.EOF) {
		return fmt.Errorf("lob peer: %d bytes after the last exchange (%v)", n, err)
	}
	return nil
}
