package sqli

import "fmt"

// ConnResponse is the server's association packet: an accept (CONACC), a
// reject (CONREJ) or a redirect. Its body mirrors the request, then holds
// the result block and informational blocks.
type ConnResponse struct {
	Type          PacketType // PacketAccept, PacketReject or PacketRedirect
	Flags         uint16     // SL flags; servers send 0x1000
	FloatFormat   string     // "IEEEI" on both observed servers
	ProgramName   string     // "srvinfx"
	ServerVersion string     // "IBM Informix Dynamic Server Version 15.0…"
	SerialNumber  string
	ServerName    string // DBSERVERNAME; a client may retry with it after -761
	Cap1          int32
	Cap2, Cap3    int32
	RespFlags     int16
	User          string
	Password      string
	Product       string // "on"
	Protocol      int32
	Transport     string // "soctcp"
	NetLevel      int32

	// Result block SQ_ASCINITRESP (102).
	InitReserved [6]byte
	SvcError     int16 // 0 = OK, else an SQLCODE such as -951 or -761
	OSError      int16
	Warnings     int16
	Messages     []string

	// Redirect block SQ_ASCDBLIST (103): "server|host|port" (ParseRedirect).
	Redirect string

	// Informational blocks servers append before SQ_ASCEOT.
	ProcessInfo *ProcessInfo
	Block110    []byte // contents of marker 110; meaning unknown (open question)
	Misc        *MiscInfo
}

// NewConnAccept returns an accept with the fields an Informix server sends.
func NewConnAccept(serverName, version string) *ConnResponse {
	return &ConnResponse{
		Type: PacketAccept, Flags: SLFlagsAccept, FloatFormat: "IEEEI",
		ProgramName: "srvinfx", ServerVersion: version,
		SerialNumber: "Software Serial Number RDS#R000000", ServerName: serverName,
		Cap1: HandshakeCap1, Product: "on", Protocol: PFVersion, Transport: "soctcp",
	}
}

// Encode appends the whole packet, session-layer header included.
func (r *ConnResponse) Encode(dst []byte) ([]byte, error) {
	return appendSLPacket(dst, r.Type, r.Flags, func(b []byte) []byte {
		b = AppendInt16(b, ascAssoc)
		b = AppendInt16(b, ascBinary)
		b = AppendInt32(b, r.Protocol)
		b = AppendASCString(b, r.FloatFormat)
		b = AppendInt16(b, ascProgram)
		b = appendFixed(b, r.ProgramName, programNameSize)
		b = AppendASCString(b, r.ServerVersion)
		b = AppendASCString(b, r.SerialNumber)
		b = AppendASCString(b, r.ServerName)
		b = AppendInt32(b, r.Cap1)
		b = AppendInt32(b, r.Cap2)
		b = AppendInt32(b, r.Cap3)
		b = AppendInt16(b, r.RespFlags)
		b = AppendASCString(b, r.User)
		b = AppendASCString(b, r.Password)
		b = appendFixed(b, r.Product, productSize)
		b = AppendInt32(b, r.Protocol)
		b = appendFixed(b, r.Transport, transportSize)
		b = AppendInt32(b, r.NetLevel)
		if r.Redirect != "" {
			b = AppendInt16(b, ascDBList)
			b = AppendInt16(b, 0)
			b = AppendChar(b, r.Redirect)
		} else {
			b = AppendInt16(b, ascInitResp)
			b = append(b, r.InitReserved[:]...)
			b = AppendInt16(b, r.SvcError)
			b = AppendInt16(b, r.OSError)
			b = AppendInt16(b, r.Warnings)
			b = AppendInt16(b, int16(len(r.Messages)))
			for _, m := range r.Messages {
				b = AppendInt16(b, 0)
				b = AppendChar(b, m)
			}
		}
		if r.ProcessInfo != nil {
			b = r.ProcessInfo.append(b)
		}
		if r.Block110 != nil {
			b = AppendInt16(b, ascUnknown110)
			b = AppendInt16(b, int16(len(r.Block110)))
			b = append(b, r.Block110...)
		}
		if r.Misc != nil {
			b = r.Misc.append(b)
		}
		return AppendInt16(b, ascEOT)
	})
}

// Decode decodes a whole packet, header included. On a truncated packet it
// returns ErrShortMessage with the fields read so far filled in.
func (r *ConnResponse) Decode(b []byte) error {
	h, err := DecodeSLHeader(b)
	if err != nil {
		return err
	}
	switch h.Type {
	case PacketAccept, PacketReject, PacketRedirect:
	default:
		return &ProtocolError{Reason: fmt.Sprintf("association reply of packet type %d", h.Type)}
	}
	r.Type, r.Flags = h.Type, h.Flags
	if int(h.Length) < len(b) {
		b = b[:h.Length]
	}
	d := newDecoder(b, 0)
	d.off = SLHeaderSize
	d.expect16(ascAssoc, "SQ_ASSOC marker")
	d.expect16(ascBinary, "SQ_ASCBINARY marker")
	r.Protocol = d.int32()
	r.FloatFormat = d.ascString()
	d.expect16(ascProgram, "program marker")
	r.ProgramName = d.fixed(programNameSize)
	r.ServerVersion = d.ascString()
	r.SerialNumber = d.ascString()
	r.ServerName = d.ascString()
	r.Cap1 = d.int32()
	r.Cap2 = d.int32()
	r.Cap3 = d.int32()
	r.RespFlags = d.int16()
	r.User = d.ascString()
	r.Password = d.ascString()
	r.Product = d.fixed(productSize)
	d.int32()
	r.Transport = d.fixed(transportSize)
	r.NetLevel = d.int32()
	r.Messages, r.Redirect, r.ProcessInfo, r.Block110, r.Misc = r.Messages[:0], "", nil, nil, nil
	for d.err == nil {
		m := d.int16()
		if d.err != nil {
			break
		}
		switch m {
		case ascInitResp:
			copy(r.InitReserved[:], d.bytes(6))
			r.SvcError = d.int16()
			r.OSError = d.int16()
			r.Warnings = d.int16()
			n := int(d.int16())
			if d.err == nil && (n < 0 || n > 256) {
				d.fail(fmt.Sprintf("%d login messages", n))
			}
			for i := 0; i < n && d.err == nil; i++ {
				d.int16()
				r.Messages = append(r.Messages, d.char())
			}
		case ascDBList:
			d.int16()
			r.Redirect = d.char()
		case ascProcessInfo:
			r.ProcessInfo = new(ProcessInfo)
			r.ProcessInfo.decode(&d)
		case ascUnknown110:
			n := int(d.int16())
			r.Block110 = append([]byte(nil), d.bytes(n)...)
		case ascMisc:
			r.Misc = new(MiscInfo)
			r.Misc.decode(&d)
		case ascEOT:
			if d.err == nil && d.off != len(b) {
				d.fail(fmt.Sprintf("%d bytes after SQ_ASCEOT", len(b)-d.off))
			}
			return d.err
		default:
			d.fail(fmt.Sprintf("unknown association block %d", m))
		}
	}
	return d.err
}

// Accepted reports whether the server accepted the login: an accept packet
// with no service error. nmap-style servers signal failure with type 2 and
// a non-zero error, so both are checked.
func (r *ConnResponse) Accepted() bool {
	return r.Type == PacketAccept && r.SvcError == 0 && r.Redirect == ""
}
