package adapter

import "context"

// BatchQueue is a prepared *ifx.Stmt's executions, each encoded into
// its wire messages when it is queued and sent, pipelined as
// Stmt.ExecBatch sends them, by Send. stdlib's CopyIn queues its rows in
// one: a row costs one encoding and no Go value is kept for it.
type BatchQueue interface {
	// Add encodes an execution with args and queues it; a value that
	// cannot be encoded is an error and queues nothing. full reports
	// that the queue holds maxRows executions or maxBytes bytes
	// (NewBatchQueue): time to Send.
	Add(args []any) (full bool, err error)
	// Len is the number of queued executions.
	Len() int
	// Send runs the queued executions and empties the queue. It returns
	// the rows they affected; a failure is an *ifx.BatchError whose
	// Index counts from the queue's first execution, as ExecBatch's.
	Send(ctx context.Context) (rows int64, err error)
	// Reset drops the queued executions.
	Reset()
	// Reuse empties the queue and makes it stmt's, an *ifx.Stmt, keeping
	// its memory for the next statement's rows.
	Reuse(stmt any)
	// Retained is the memory the queue keeps between statements, in
	// bytes: what a user weighs before keeping it for the next.
	Retained() int
}

// NewBatchQueue returns an empty BatchQueue for stmt, an *ifx.Stmt. Its
// first execution sizes the queue's memory for about maxRows
// executions, or maxBytes: the limits its user flushes at, so that the
// queue does not grow by steps, each leaving garbage.
// Package ifx sets it in its init.
var NewBatchQueue func(stmt any, maxRows, maxBytes int) BatchQueue
