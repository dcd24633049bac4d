package ifxtest

import (
	"fmt"
	"net"
	"testing"
)

// TestLogAfterTestEnds: a connection that logs while its test's cleanup
// silences the server's logging. Under -race this found the unguarded
// swap of Config.Logf (seen in CI's TestTLS); the server now serialises
// logging with the silencing (Server.logf).
func TestLogAfterTestEnds(t *testing.T) {
	for i := range 40 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			srv := NewServer(t, Config{NotStrict: true})
			nc, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			// Not an association packet: the server logs the failed login,
			// while the subtest ends.
			nc.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
			nc.Close()
		})
	}
}
