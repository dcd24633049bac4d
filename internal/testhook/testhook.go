// Package testhook holds the seams that the module's tests replace to
// reproduce what a real machine does rarely. Production code reads them;
// only tests write them.
package testhook

import "context"

// WatchContext is how the connection layer (package ifxconn) arms its
// context watcher: context.AfterFunc. Tests replace it with a watcher
// that never runs, to reproduce one that runs too late (a starved timer
// goroutine).
var WatchContext = context.AfterFunc
