package sqli

// Message is one post-association SQLI message.
type Message interface {
	// Tag returns the message's tag.
	Tag() Tag
	// Encode appends the message, tag first, laid out for features f.
	Encode(dst []byte, f Features) []byte
	// Decode reads the payload that follows the tag in src and returns
	// the number of bytes consumed, or ErrShortMessage if src ends first.
	// Byte slices in the result alias src.
	Decode(src []byte, f Features) (int, error)
}

// AppendGroup appends msgs and the closing SQ_EOT: one request group.
func AppendGroup(dst []byte, f Features, msgs ...Message) []byte {
	for _, m := range msgs {
		dst = m.Encode(dst, f)
	}
	return appendTag(dst, TagEOT)
}

// The messages below have no payload.

// EOT (SQ_EOT) ends every request and response group.
type EOT struct{}

// Exit (SQ_EXIT) ends the session; the server echoes it and closes.
type Exit struct{}

// NDescribe (SQ_NDESCRIBE) asks the server to answer with SQ_DESCRIBE.
type NDescribe struct{}

// WantDone (SQ_WANTDONE) asks the server to answer with SQ_DONE.
type WantDone struct{}

// Execute (SQ_EXECUTE) runs the current statement (after SQ_ID).
type Execute struct{}

// Open (SQ_OPEN) opens the current statement's cursor.
type Open struct{}

// Close (SQ_CLOSE) closes the current cursor; sent by a server it says the
// server closed the cursor itself at end of data.
type Close struct{}

// Release (SQ_RELEASE) frees the current statement.
type Release struct{}

// Begin (SQ_BEGIN) starts a transaction.
type Begin struct{}

// CommitWork (SQ_CMMTWORK) commits the transaction.
type CommitWork struct{}

// DBClose (SQ_DBCLOSE) closes the current database.
type DBClose struct{}

// AutoFree (SQ_AUTOFREE) asks the server to free the statement when its
// cursor closes.
type AutoFree struct{}

// Scroll (SQ_SCROLL) makes the cursor being opened scrollable.
type Scroll struct{}

// Hold (SQ_HOLD) makes the cursor being opened a WITH HOLD cursor.
type Hold struct{}

// Tag implements Message.
func (EOT) Tag() Tag { return TagEOT }

// Tag implements Message.
func (Exit) Tag() Tag { return TagExit }

// Tag implements Message.
func (NDescribe) Tag() Tag { return TagNDescribe }

// Tag implements Message.
func (WantDone) Tag() Tag { return TagWantDone }

// Tag implements Message.
func (Execute) Tag() Tag { return TagExecute }

// Tag implements Message.
func (Open) Tag() Tag { return TagOpen }

// Tag implements Message.
func (Close) Tag() Tag { return TagClose }

// Tag implements Message.
func (Release) Tag() Tag { return TagRelease }

// Tag implements Message.
func (Begin) Tag() Tag { return TagBegin }

// Tag implements Message.
func (CommitWork) Tag() Tag { return TagCommitWork }

// Tag implements Message.
func (DBClose) Tag() Tag { return TagDBClose }

// Tag implements Message.
func (AutoFree) Tag() Tag { return TagAutoFree }

// Tag implements Message.
func (Scroll) Tag() Tag { return TagScroll }

// Tag implements Message.
func (Hold) Tag() Tag { return TagHold }

// Encode implements Message.
func (m EOT) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Exit) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m NDescribe) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m WantDone) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Execute) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Open) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Close) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Release) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Begin) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m CommitWork) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m DBClose) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m AutoFree) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Scroll) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Encode implements Message.
func (m Hold) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Decode implements Message.
func (EOT) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Exit) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (NDescribe) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (WantDone) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Execute) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Open) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Close) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Release) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Begin) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (CommitWork) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (DBClose) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (AutoFree) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Scroll) Decode([]byte, Features) (int, error) { return 0, nil }

// Decode implements Message.
func (Hold) Decode([]byte, Features) (int, error) { return 0, nil }
