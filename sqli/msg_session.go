package sqli

import "fmt"

// Protocols (SQ_PROTOCOLS) is the feature offer a client sends right after
// the association, and the server's answer in the same shape.
type Protocols struct {
	Features Features
}

// Tag implements Message.
func (*Protocols) Tag() Tag { return TagProtocols }

// Encode implements Message.
func (m *Protocols) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagProtocols)
	return AppendCharBytes(dst, m.Features.Bytes())
}

// Decode implements Message.
func (m *Protocols) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagProtocols)
	b := d.charBytes()
	if d.err == nil && len(b) > len(m.Features.bits) {
		d.fail(fmt.Sprintf("%d-byte feature bitmap", len(b)))
	}
	m.Features = NewFeatures(b)
	return d.off, d.err
}

// InfoEnv is the only SQ_INFO subtype clients send: environment variables.
const InfoEnv = 6

// Info (SQ_INFO, subtype 6) sends the session environment after login.
type Info struct {
	Env []EnvVar
}

// Tag implements Message.
func (*Info) Tag() Tag { return TagInfo }

// Encode implements Message. The total counts 6 plus, per pair, 4 and the
// even-padded lengths; maxima are of padded lengths (as JDBC and nmap).
func (m *Info) Encode(dst []byte, _ Features) []byte {
	even := func(n int) int { return n + n&1 }
	total, maxName, maxValue := 6, 0, 0
	for _, e := range m.Env {
		total += 4 + even(len(e.Name)) + even(len(e.Value))
		maxName = max(maxName, even(len(e.Name)))
		maxValue = max(maxValue, even(len(e.Value)))
	}
	dst = appendTag(dst, TagInfo)
	dst = AppendInt16(dst, InfoEnv)
	dst = AppendInt16(dst, int16(total))
	dst = AppendInt16(dst, int16(maxName))
	dst = AppendInt16(dst, int16(maxValue))
	for _, e := range m.Env {
		dst = AppendChar(dst, e.Name)
		dst = AppendChar(dst, e.Value)
	}
	return AppendInt32(dst, 0)
}

// Decode implements Message. The declared total is not trusted: libsqli
// sends it off by two and servers accept that.
func (m *Info) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagInfo)
	if sub := d.int16(); d.err == nil && sub != InfoEnv {
		d.fail(fmt.Sprintf("SQ_INFO subtype %d", sub))
	}
	d.int16()
	d.int16()
	d.int16()
	m.Env = m.Env[:0]
	for d.err == nil {
		name := d.cstr()
		value := d.cstr()
		if d.err != nil || (name == "" && value == "") {
			break
		}
		if len(m.Env) >= 4096 {
			d.fail("more than 4096 environment variables")
			break
		}
		m.Env = append(m.Env, EnvVar{name, value})
	}
	return d.off, d.err
}

// DBOpen (SQ_DBOPEN) opens a database. The reply is an ordinary response
// group whose SQ_DONE warnings tell the database kind.
type DBOpen struct {
	Name  string
	Flags int16
}

// Tag implements Message.
func (*DBOpen) Tag() Tag { return TagDBOpen }

// Encode implements Message.
func (m *DBOpen) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagDBOpen)
	dst = AppendChar(dst, m.Name)
	return AppendInt16(dst, m.Flags)
}

// Decode implements Message.
func (m *DBOpen) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagDBOpen)
	m.Name = d.cstr()
	m.Flags = d.int16()
	return d.off, d.err
}

// SQ_DONE warning bits after SQ_DBOPEN (the sqlwarn flags of DATABASE).
const (
	DBWarnLogged   = 1 // transaction logging
	DBWarnANSI     = 2 // ANSI mode
	DBWarnInformix = 4 // server is Informix: always set
	DBWarnFloatDec = 8 // FLOAT stored as DECIMAL
	// DBWarnServer (sqlwarn5) is set by IDS on every DBOPEN reply, meaning
	// undocumented: nmap's SQ_DONE decoder reads the warnings as a length
	// and consumes the 26-byte DONE+COST+EOT exactly only with 0x14/0x15,
	// and the GBase accept carries 0x14 (docs/PROTOCOL.md).
	DBWarnServer   = 16
	DBWarnReadOnly = 32 // HDR secondary
	DBWarnLocale   = 64 // DB_LOCALE differs from the client's
)

// Rollback (SQ_RBWORK) rolls the transaction back. The savepoint short is
// mandatory: without it a server waits for the missing bytes.
type Rollback struct {
	Savepoint int16
}

// Tag implements Message.
func (*Rollback) Tag() Tag { return TagRollback }

// Encode implements Message.
func (m *Rollback) Encode(dst []byte, _ Features) []byte {
	return AppendInt16(appendTag(dst, TagRollback), m.Savepoint)
}

// Decode implements Message.
func (m *Rollback) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagRollback)
	m.Savepoint = d.int16()
	return d.off, d.err
}

// DBList (SQ_DBLIST) asks for the names of the server's databases; the
// server answers with DBNames. nmap's informix-tables sends it (written
// against IDS 11.50).
type DBList struct{}

// Tag implements Message.
func (DBList) Tag() Tag { return TagDBList }

// Encode implements Message.
func (m DBList) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Decode implements Message.
func (DBList) Decode([]byte, Features) (int, error) { return 0, nil }

// DBNames is the reply to SQ_DBLIST, under the same tag: one CHAR per
// database and an empty CHAR after the last (nmap's decoder).
type DBNames struct {
	Names []string
}

// Tag implements Message.
func (*DBNames) Tag() Tag { return TagDBList }

// Encode implements Message.
func (m *DBNames) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagDBList)
	for _, n := range m.Names {
		dst = AppendChar(dst, n)
	}
	return AppendInt16(dst, 0)
}

// Decode implements Message.
func (m *DBNames) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagDBList)
	m.Names = m.Names[:0]
	for d.err == nil {
		name := d.char()
		if d.err != nil || name == "" {
			break
		}
		if len(m.Names) >= 1<<16 {
			d.fail("more than 65536 database names")
			break
		}
		m.Names = append(m.Names, name)
	}
	return d.off, d.err
}

// BatchStart (SQ_BATCHSTART) and BatchEnd (SQ_BATCHEND) are bare tags a
// client sends in front of a request group when feature 61 (SQ_BATCH) is
// negotiated; the server answers nothing for them.
type BatchStart struct{}

// BatchEnd is SQ_BATCHEND; see BatchStart.
type BatchEnd struct{}

// Tag implements Message.
func (BatchStart) Tag() Tag { return TagBatchStart }

// Encode implements Message.
func (m BatchStart) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Decode implements Message.
func (BatchStart) Decode([]byte, Features) (int, error) { return 0, nil }

// Tag implements Message.
func (BatchEnd) Tag() Tag { return TagBatchEnd }

// Encode implements Message.
func (m BatchEnd) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Decode implements Message.
func (BatchEnd) Decode([]byte, Features) (int, error) { return 0, nil }

// Savepoint carries the savepoint messages JDBC 15 sends when feature 56
// is negotiated (Connection.setSavepoint, rollback(Savepoint),
// releaseSavepoint): the savepoint's name as a CHAR; SQ_SVPOINT (137)
// adds an i16 that JDBC sends as 0. Op is TagSavepoint,
// TagRollbackSavepoint or TagReleaseSavepoint; the server answers like
// BEGIN, with a bare SQ_EOT (or SQ_ERR).
type Savepoint struct {
	Op    Tag
	Name  string
	Flags int16
}

// Tag implements Message.
func (m *Savepoint) Tag() Tag { return m.Op }

// Encode implements Message.
func (m *Savepoint) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, m.Op)
	dst = AppendChar(dst, m.Name)
	if m.Op == TagSavepoint {
		dst = AppendInt16(dst, m.Flags)
	}
	return dst
}

// Decode implements Message.
func (m *Savepoint) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, m.Op)
	m.Name = d.cstr()
	m.Flags = 0
	if m.Op == TagSavepoint {
		m.Flags = d.int16()
	}
	return d.off, d.err
}
