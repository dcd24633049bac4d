//go:build !unix

package ifxtest

import "net"

// oobWatcher is inert where urgent data cannot be polled for: interrupts
// are not noticed and statements run to completion.
type oobWatcher struct{}

func newOOBWatcher(net.Conn) *oobWatcher         { return &oobWatcher{} }
func (w *oobWatcher) drain()                     {}
func (w *oobWatcher) groupStarted()              {}
func (w *oobWatcher) groupEnded()                {}
func (w *oobWatcher) watch(func()) (stop func()) { return func() {} }
func (w *oobWatcher) close()                     {}
