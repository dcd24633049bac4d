// Command ifxtestd runs ifxtest, an Informix SQLI server backed by SQLite,
// as a standalone program: for IBM's clients, other languages' drivers and
// benchmarks.
//
//	ifxtestd -listen 127.0.0.1:9088 [-version 12.10|14.10|15.0] [-tls-listen 127.0.0.1:9089] [-db-dir DIR] [-record DIR] [-pam password|STYLE:TEXT:ANSWER] [-redirect NAME|HOST|PORT] [-role primary|secondary] [-spl-max-statements N] [-spl-max-depth N] [-stats] [-cpuprofile FILE]
//
// A secondary (-role secondary) is promoted to primary by SIGUSR1, as an
// administrator's onmode -d make primary promotes an HDR secondary.
//
// With -stats it prints, when each connection closes and at exit, the
// number of request groups (round trips) the connection sent.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
)

func main() {
	var cfg ifxtest.Config
	flag.StringVar(&cfg.Addr, "listen", "127.0.0.1:9088", "plain SQLI listener `address`")
	flag.StringVar(&cfg.TLSAddr, "tls-listen", "", "TLS listener `address` (TLS from the first byte); a self-signed certificate is generated")
	flag.StringVar(&cfg.DBDir, "db-dir", "", "keep databases as SQLite files in `dir` (default: in memory)")
	flag.StringVar(&cfg.RecordDir, "record", "", "write a transcript of every connection into `dir`")
	flag.StringVar(&cfg.User, "user", "informix", "accepted user")
	flag.StringVar(&cfg.Password, "password", "in4mix", "accepted password")
	flag.StringVar(&cfg.ServerName, "server", "informix", "server name (DBSERVERNAME)")
	flag.StringVar(&cfg.Version, "version", "15.0", "IDS release to present: "+strings.Join(ifxtest.Personas(), ", ")+" (version text and SQ_PROTOCOLS reply)")
	flag.Func("blobspace", "a blobspace `name` BYTE/TEXT columns may be created IN (repeatable)", func(v string) error {
		cfg.Blobspaces = append(cfg.Blobspaces, v)
		return nil
	})
	flag.StringVar(&cfg.ServerFiles, "server-files", "", "`dir` standing for the server's files in FILETOBLOB/FILETOCLOB/LOTOFILE with 'server' (default none: 'server' fails with -461)")
	flag.StringVar(&cfg.Role, "role", "standard", "cluster `role`: primary, secondary (read-only; SIGUSR1 promotes it) or standard; a secondary shares -db-dir with its primary")
	flag.StringVar(&cfg.RedirectTo, "redirect", "", "answer every connection request with a redirect to `NAME|HOST|PORT` (as the Connection Manager does)")
	var pamSpecs []string
	flag.Func("pam", "be a PAM listener: `password` (a password prompt answered by -password) or STYLE:TEXT:ANSWER (repeatable, in order)", func(v string) error {
		pamSpecs = append(pamSpecs, v)
		return nil
	})
	flag.IntVar(&cfg.SPLMaxStatements, "spl-max-statements", 0, "most SPL statements one routine call runs, with the routines it calls; past it the call fails with -746 (0: 1,000,000)")
	flag.IntVar(&cfg.SPLMaxDepth, "spl-max-depth", 0, "most nested SPL routine calls; past it the call fails with -746 (0: 100)")
	stats := flag.Bool("stats", false, "print per-connection request-group counts")
	verbose := flag.Bool("v", false, "log every connection's events")
	strict := flag.Bool("strict", false, "log protocol violations loudly and exit non-zero at the end if any occurred")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile to `file` until SIGINT/SIGTERM (for go tool pprof)")
	flag.Parse()
	pam, err := parsePAMSteps(pamSpecs, cfg.Password)
	if err != nil {
		log.Fatal(err)
	}
	cfg.PAM = pam

	cfg.Strict = *strict
	logger := log.New(os.Stderr, "ifxtestd: ", log.LstdFlags|log.Lmicroseconds)
	if *verbose || *strict {
		cfg.Logf = logger.Printf
	}
	if cfg.RecordDir != "" {
		if err := os.MkdirAll(cfg.RecordDir, 0o755); err != nil {
			logger.Fatal(err)
		}
	}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		logger.Fatal(err)
	}
	srv, err := ifxtest.Start(cfg)
	if err != nil {
		stopProfile()
		logger.Fatal(err)
	}
	logger.Printf("listening on %s", srv.Addr())
	if a := srv.TLSAddr(); a != "" {
		logger.Printf("TLS listening on %s", a)
	}
	if *stats {
		go printStats(srv)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	watchPromote(srv, logger)
	<-sig
	srv.Close()
	stopProfile()
	if *stats {
		for _, st := range srv.Stats() {
			fmt.Printf("conn %d user=%s groups=%d in=%d out=%d\n", st.ID, st.User, st.RequestGroups, st.BytesIn, st.BytesOut)
		}
	}
	if v := srv.Violations(); len(v) > 0 {
		logger.Printf("%d protocol violations", len(v))
		os.Exit(1)
	}
}

// printStats reports each connection once it has closed.
func printStats(srv *ifxtest.Server) {
	reported := map[int]bool{}
	for range time.Tick(100 * time.Millisecond) {
		for _, st := range srv.Stats() {
			if st.Closed && !reported[st.ID] {
				reported[st.ID] = true
				fmt.Printf("conn %d user=%s groups=%d in=%d out=%d\n", st.ID, st.User, st.RequestGroups, st.BytesIn, st.BytesOut)
			}
		}
	}
}
