//go:build !unix

package main

import (
	"log"

	"github.com/ifxgo/ifx/ifxtest"
)

// watchPromote does nothing where there is no SIGUSR1.
func watchPromote(*ifxtest.Server, *log.Logger) {}
