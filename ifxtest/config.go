package ifxtest

import (
	"crypto/tls"
	"time"
)

// Config configures a Server. The zero value is usable: every field has a
// default matching IBM's Informix Developer Edition image.
type Config struct {
	// Addr is the plain SQLI listener address; default 127.0.0.1:0 (a free
	// loopback port). The server never listens beyond loopback unless
	// told to.
	Addr string
	// TLSAddr, when set, starts a second listener that speaks TLS from
	// the first byte, as an Informix onsocssl listener does.
	TLSAddr string
	// TLSConfig is the TLS listener's configuration; by default a
	// self-signed certificate for 127.0.0.1 and localhost is generated
	// (see Server.CertPool).
	TLSConfig *tls.Config

	// User and Password are the accepted credentials (informix/in4mix).
	User, Password string
	// ServerName is DBSERVERNAME (informix); a client naming another
	// server is rejected with -761 (one naming none is accepted).
	ServerName string
	// Version is the IDS release the server presents: "15.0" (the
	// default), "14.10" or "12.10". It chooses the version text (login,
	// DBINFO('version')) and the SQ_PROTOCOLS reply, and with it every
	// layout that depends on the features negotiated: 12.10 and 14.10 do
	// not set features 69 and 70, so even JDBC gets an i16 DESCRIBE tuple
	// size, i32 SQ_DONE counts and 56-byte BYTE/TEXT descriptors. A full
	// version text ("IBM Informix Dynamic Server Version 14.10.FC7W1") is
	// sent as it is and picks the persona of its release (15.0 for any
	// other release). Server.Config reports the full text.
	Version string

	// DBDir keeps databases as SQLite files in this directory; by default
	// they live in memory for the life of the Server.
	DBDir string

	// Strict makes any malformed or unexpected client message a
	// violation: it is logged and, for servers made by NewServer, fails
	// the test. NewServer turns it on unless NotStrict is set.
	Strict bool
	// NotStrict turns strict mode off for NewServer.
	NotStrict bool

	// Logf receives the server's log lines; nil discards them.
	Logf func(format string, args ...any)

	// RecordDir, when set, receives one transcript file per connection
	// with every byte each side sent.
	RecordDir string

	// Faults injects failures for tests of clients.
	Faults Faults

	// RedirectTo, when set ("NAME|HOST|PORT"), makes the server answer
	// every connection request with a redirect to that server, as the
	// Connection Manager does (SL type 13, SQ_ASCDBLIST).
	RedirectTo string

	// PAM, when set, makes the server a PAM listener (sqlhosts s=4): it
	// sets feature 44 in its SQ_PROTOCOLS answer and runs these
	// challenges, in order, before the session starts; the password of
	// the connection request is then not checked. A wrong answer ends the
	// login with SQ_EXIT, as IDS refuses a PAM login.
	PAM []PAMStep

	// Role is the server's part in a high-availability cluster:
	// "primary", "secondary" (read-only, as IDS's secondaries are by
	// default) or "standard" (the default, no cluster). A secondary
	// reports itself read-only in every DBOPEN reply and refuses writes
	// with IDS's errors; Server.Promote makes it the primary. Two servers
	// form a cluster by sharing DBDir, as a shared-disk (SDS) secondary
	// shares its primary's disks; start the primary first (a database
	// the primary creates later is not seen by the secondary). Procedures
	// that write are not refused on a secondary.
	Role string

	// IdleTimeout closes connections idle this long; 0 means never.
	IdleTimeout time.Duration
	// Blobspaces are the blobspaces this server has: a BYTE or TEXT
	// column may be created IN one of them (IN TABLE needs none). Any
	// other name is refused, as IDS refuses a blobspace it lacks, so list
	// your production server's. Default none, as in IBM's Developer
	// Edition image.
	Blobspaces []string
	// ServerFiles is the directory that stands for the server machine's
	// files in FILETOBLOB, FILETOCLOB and LOTOFILE with 'server' (IDS
	// reads and writes them on its own machine): the full pathname
	// '/in/photo.jpg' is ServerFiles/in/photo.jpg, and no path reaches
	// outside it. Default none: 'server' fails with -461 (file open
	// error), as for a file that cannot be opened.
	ServerFiles string

	// SPLMaxStatements bounds the SPL statements one routine call runs,
	// with the routines it calls (default 1,000,000); SPLMaxDepth bounds
	// nested routine calls (default 100). A routine past either fails
	// with -746 naming the limit, so a runaway routine (an endless loop,
	// runaway recursion) cannot hang a test.
	SPLMaxStatements int
	SPLMaxDepth      int

	// Routines are routines clients may call through the fast path
	// besides the builtins, standing in for the UDRs of a real server.
	Routines []Routine
}

// Faults describes failures the server injects, for every connection. A
// zero field injects nothing.
type Faults struct {
	// DropAfterGroups closes a connection (TCP FIN) after this many
	// request groups have been answered (the login exchange not counted).
	DropAfterGroups int
	// DropAfterBytes closes a connection once it has sent this many
	// bytes after login, cutting a reply short if need be.
	DropAfterBytes int
	// ResetOnDrop makes drops send TCP RST instead of FIN.
	ResetOnDrop bool
	// Delay holds every reply back this long.
	Delay time.Duration
	// GarbleAfterGroups replaces the reply to this request group (1 = the
	// first after login) with bytes that are no valid SQLI message.
	GarbleAfterGroups int
	// StallAfterGroups stops answering (the connection stays open) from
	// this request group on.
	StallAfterGroups int
}

const (
	defaultUser     = "informix"
	defaultPassword = "in4mix"
	defaultServer   = "informix"
)

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.User == "" {
		c.User = defaultUser
	}
	if c.Password == "" {
		c.Password = defaultPassword
	}
	if c.ServerName == "" {
		c.ServerName = defaultServer
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	return c
}
