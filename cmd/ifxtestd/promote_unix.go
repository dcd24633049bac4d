//go:build unix

package main

import (
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/ifxgo/ifx/ifxtest"
)

// watchPromote promotes the server to primary on each SIGUSR1.
func watchPromote(srv *ifxtest.Server, logger *log.Logger) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR1)
	go func() {
		for range ch {
			if err := srv.Promote(); err != nil {
				logger.Printf("promote: %v", err)
				continue
			}
			logger.Printf("promoted to primary")
		}
	}()
}
