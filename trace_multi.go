package ifx

import "context"

// MultiTracer passes every trace to each of its tracers in order, so that
// several can watch one Config (SlogTracer and an OpenTelemetry tracer, say).
// Nil elements are skipped; a tracer that lacks one of the optional interfaces (BatchTracer,
// CopyFromTracer, PrepareTracer, ConnectTracer) is skipped for those calls.
// Each tracer's Start gets the context the previous one returned, and each
// End gets the context its own Start returned.
type MultiTracer []QueryTracer

var (
	_ QueryTracer    = MultiTracer(nil)
	_ BatchTracer    = MultiTracer(nil)
	_ CopyFromTracer = MultiTracer(nil)
	_ PrepareTracer  = MultiTracer(nil)
	_ ConnectTracer  = MultiTracer(nil)
)

// multiKey finds, in the context an End gets, the contexts the tracers'
// Starts returned. The key holds the MultiTracer's identity (its first
// element's address) so that nested MultiTracers do not mix them up.
type multiKey struct{ m *QueryTracer }

func (m MultiTracer) key() multiKey {
	if len(m) == 0 {
		return multiKey{}
	}
	return multiKey{&m[0]}
}

// start calls f for each tracer that implements the hook (f reports
// whether it did) and keeps the contexts for end.
func (m MultiTracer) start(ctx context.Context, f func(ctx context.Context, t QueryTracer) (context.Context, bool)) context.Context {
	ctxs := make([]context.Context, len(m))
	for i, t := range m {
		if t == nil {
			continue
		}
		if next, ok := f(ctx, t); ok {
			ctxs[i], ctx = next, next
		}
	}
	return context.WithValue(ctx, m.key(), ctxs)
}

// end calls f for each tracer whose start ran, with its own context.
func (m MultiTracer) end(ctx context.Context, f func(ctx context.Context, t QueryTracer)) {
	ctxs, _ := ctx.Value(m.key()).([]context.Context)
	for i, t := range m {
		if i < len(ctxs) && ctxs[i] != nil {
			f(ctxs[i], t)
		}
	}
}

// TraceQueryStart implements QueryTracer.
func (m MultiTracer) TraceQueryStart(ctx context.Context, c *Conn, data TraceQueryStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		return t.TraceQueryStart(ctx, c, data), true
	})
}

// TraceQueryEnd implements QueryTracer.
func (m MultiTracer) TraceQueryEnd(ctx context.Context, c *Conn, data TraceQueryEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.TraceQueryEnd(ctx, c, data) })
}

// TraceBatchStart implements BatchTracer.
func (m MultiTracer) TraceBatchStart(ctx context.Context, c *Conn, data TraceBatchStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if bt, ok := t.(BatchTracer); ok {
			return bt.TraceBatchStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TraceBatchEnd implements BatchTracer.
func (m MultiTracer) TraceBatchEnd(ctx context.Context, c *Conn, data TraceBatchEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(BatchTracer).TraceBatchEnd(ctx, c, data) })
}

// TraceCopyFromStart implements CopyFromTracer.
func (m MultiTracer) TraceCopyFromStart(ctx context.Context, c *Conn, data TraceCopyFromStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if ct, ok := t.(CopyFromTracer); ok {
			return ct.TraceCopyFromStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TraceCopyFromEnd implements CopyFromTracer.
func (m MultiTracer) TraceCopyFromEnd(ctx context.Context, c *Conn, data TraceCopyFromEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(CopyFromTracer).TraceCopyFromEnd(ctx, c, data) })
}

// TracePrepareStart implements PrepareTracer.
func (m MultiTracer) TracePrepareStart(ctx context.Context, c *Conn, data TracePrepareStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if pt, ok := t.(PrepareTracer); ok {
			return pt.TracePrepareStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TracePrepareEnd implements PrepareTracer.
func (m MultiTracer) TracePrepareEnd(ctx context.Context, c *Conn, data TracePrepareEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(PrepareTracer).TracePrepareEnd(ctx, c, data) })
}

// TraceConnectStart implements ConnectTracer.
func (m MultiTracer) TraceConnectStart(ctx context.Context, data TraceConnectStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if ct, ok := t.(ConnectTracer); ok {
			return ct.TraceConnectStart(ctx, data), true
		}
		return nil, false
	})
}

// TraceConnectEnd implements ConnectTracer.
func (m MultiTracer) TraceConnectEnd(ctx context.Context, data TraceConnectEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(ConnectTracer).TraceConnectEnd(ctx, data) })
}
