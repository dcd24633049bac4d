package sqli

import (
	"encoding/binary"
	"fmt"
)

// PacketType is the session-layer type byte of an association packet.
type PacketType uint8

// Session-layer packet types.
const (
	PacketConnect  PacketType = 1  // CONREQ, client to server
	PacketAccept   PacketType = 2  // CONACC
	PacketReject   PacketType = 3  // CONREJ
	PacketRedirect PacketType = 13 // REDIRECT
)

// Association-phase constants.
const (
	SLHeaderSize    = 6
	SLProtocolSQLI  = 0x3c // PF_PROT_SQLI_0600
	SLFlagsAccept   = 0x1000
	PFVersion       = 61
	HandshakeCap1   = 0x13c // "internal handshake version"; JDBC insists on it
	ascAssoc        = 100
	ascBinary       = 101
	ascInitResp     = 102
	ascDBList       = 103
	ascStmtOptions  = 104
	ascEnv          = 106
	ascProcessInfo  = 107
	ascProgram      = 108
	ascUnknown110   = 110
	ascMisc         = 116
	ascEOT          = 127
	ascOptionType   = 11
	maxAssocPacket  = 0xffff
	programNameSize = 12
	productSize     = 8
	transportSize   = 8
)

// SLHeader is the 6-byte session-layer header of an association packet.
type SLHeader struct {
	Length   uint16 // whole packet including the header
	Type     PacketType
	Protocol uint8  // 0x3c
	Flags    uint16 // 0 from clients, 0x1000 on every observed accept
}

// DecodeSLHeader decodes the header at the start of b. Flags are not
// checked: JDBC skips them, and a decoder that insists on 0 rejects accepts.
func DecodeSLHeader(b []byte) (SLHeader, error) {
	if len(b) < SLHeaderSize {
		return SLHeader{}, ErrShortMessage
	}
	h := SLHeader{
		Length:   binary.BigEndian.Uint16(b),
		Type:     PacketType(b[2]),
		Protocol: b[3],
		Flags:    binary.BigEndian.Uint16(b[4:]),
	}
	if h.Length < SLHeaderSize {
		return h, &ProtocolError{Reason: fmt.Sprintf("association packet length %d", h.Length)}
	}
	return h, nil
}

func appendSLPacket(dst []byte, t PacketType, flags uint16, body func([]byte) []byte) ([]byte, error) {
	start := len(dst)
	dst = append(dst, 0, 0, byte(t), SLProtocolSQLI, byte(flags>>8), byte(flags))
	dst = body(dst)
	n := len(dst) - start
	if n > maxAssocPacket {
		return dst[:start], fmt.Errorf("%w: association packet of %d bytes", ErrMessageTooLarge, n)
	}
	binary.BigEndian.PutUint16(dst[start:], uint16(n))
	return dst, nil
}

// EnvVar is one environment variable sent at login or in SQ_INFO.
type EnvVar struct {
	Name, Value string
}

// ProcessInfo is the SQ_ASCPINFO (107) block: who the peer process is.
type ProcessInfo struct {
	Reserved int32
	PID      int32
	ThreadID int32
	Host     string
	TTY      string
	Cwd      string
}

func (p *ProcessInfo) append(dst []byte) []byte {
	dst = AppendInt16(dst, ascProcessInfo)
	dst = AppendInt32(dst, p.Reserved)
	dst = AppendInt32(dst, p.PID)
	dst = AppendInt32(dst, p.ThreadID)
	dst = AppendASCString(dst, p.Host)
	dst = AppendASCString(dst, p.TTY)
	return AppendASCString(dst, p.Cwd)
}

func (p *ProcessInfo) decode(d *decoder) {
	p.Reserved = d.int32()
	p.PID = d.int32()
	p.ThreadID = d.int32()
	p.Host = d.ascString()
	p.TTY = d.ascString()
	p.Cwd = d.ascString()
}

// MiscInfo is the SQ_ASCMISC_60 (116) block. Clients send zeros and an
// application description; servers fill the two numbers (uid and gid, it
// seems) and their executable path.
type MiscInfo struct {
	Value1, Value2 int32
	Name           string
}

func (m *MiscInfo) append(dst []byte) []byte {
	dst = AppendInt16(dst, ascMisc)
	n := 4 + 4 + 2
	if m.Name != "" {
		n += len(m.Name) + 1
	}
	dst = AppendInt16(dst, int16(n))
	dst = AppendInt32(dst, m.Value1)
	dst = AppendInt32(dst, m.Value2)
	return AppendASCString(dst, m.Name)
}

func (m *MiscInfo) decode(d *decoder) {
	n := int(d.int16())
	start := d.off
	m.Value1 = d.int32()
	m.Value2 = d.int32()
	m.Name = d.ascString()
	if d.err == nil && d.off-start != n {
		d.fail(fmt.Sprintf("SQ_ASCMISC block length %d, contents %d", n, d.off-start))
	}
}

func appendEnvBlock(dst []byte, env []EnvVar) []byte {
	dst = AppendInt16(dst, ascEnv)
	dst = AppendInt16(dst, int16(len(env)))
	for _, e := range env {
		dst = AppendASCString(dst, e.Name)
		dst = AppendASCString(dst, e.Value)
	}
	return dst
}

func decodeEnvBlock(d *decoder, env []EnvVar) []EnvVar {
	n := int(d.int16())
	if d.err == nil && (n < 0 || n > 4096) {
		d.fail(fmt.Sprintf("environment block with %d entries", n))
		return env
	}
	env = env[:0]
	for range n {
		name := d.ascString()
		value := d.ascString()
		if d.err != nil {
			break
		}
		env = append(env, EnvVar{name, value})
	}
	return env
}
