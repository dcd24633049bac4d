package sqli

import "fmt"

// ConnRequest is the client's association packet (SL type 1 + ASC body).
// It carries the user name and, in plain text, the password.
type ConnRequest struct {
	FloatFormat   string // "IEEEM": big-endian IEEE floats
	ProgramName   string // 12-byte fixed field, "sqlexec"
	ClientVersion string // "9.280"
	SerialNumber  string // "RDS#R000000"
	AppID         string // "sqli"
	Cap1          int32  // HandshakeCap1
	Cap2, Cap3    int32
	UserType      int16 // 1
	User          string
	Password      string
	Product       string // 8-byte fixed field, "ol"
	Protocol      int32  // PFVersion
	Transport     string // 8-byte fixed field, "tlitcp"
	NetLevel      int32  // 1
	StmtOptions   int32  // 3
	Server        string // INFORMIXSERVER
	Database      string // JDBC leaves it empty and opens the database with SQ_DBOPEN
	Reserved      [4]int16
	Env           []EnvVar
	ProcessInfo   *ProcessInfo // optional block 107
	Misc          *MiscInfo    // optional block 116
}

// NewConnRequest returns a request with the fixed fields JDBC sends.
func NewConnRequest(user, password, server string) *ConnRequest {
	return &ConnRequest{
		FloatFormat: "IEEEM", ProgramName: "sqlexec", ClientVersion: "9.280",
		SerialNumber: "RDS#R000000", AppID: "sqli", Cap1: HandshakeCap1,
		UserType: 1, User: user, Password: password, Product: "ol",
		Protocol: PFVersion, Transport: "tlitcp", NetLevel: 1, StmtOptions: 3,
		Server: server,
	}
}

// Encode appends the whole packet, session-layer header included.
func (r *ConnRequest) Encode(dst []byte) ([]byte, error) {
	return appendSLPacket(dst, PacketConnect, 0, func(b []byte) []byte {
		b = AppendInt16(b, ascAssoc)
		b = AppendInt16(b, ascBinary)
		b = AppendInt32(b, r.Protocol)
		b = AppendASCString(b, r.FloatFormat)
		b = AppendInt16(b, ascProgram)
		b = appendFixed(b, r.ProgramName, programNameSize)
		b = AppendASCString(b, r.ClientVersion)
		b = AppendASCString(b, r.SerialNumber)
		b = AppendASCString(b, r.AppID)
		b = AppendInt32(b, r.Cap1)
		b = AppendInt32(b, r.Cap2)
		b = AppendInt32(b, r.Cap3)
		b = AppendInt16(b, r.UserType)
		b = AppendASCString(b, r.User)
		b = AppendASCString(b, r.Password)
		b = appendFixed(b, r.Product, productSize)
		b = AppendInt32(b, r.Protocol)
		b = appendFixed(b, r.Transport, transportSize)
		b = AppendInt32(b, r.NetLevel)
		b = AppendInt16(b, ascStmtOptions)
		b = AppendInt16(b, ascOptionType)
		b = AppendInt32(b, r.StmtOptions)
		b = AppendASCString(b, r.Server)
		b = AppendASCString(b, r.Database)
		for _, v := range r.Reserved {
			b = AppendInt16(b, v)
		}
		b = appendEnvBlock(b, r.Env)
		if r.ProcessInfo != nil {
			b = r.ProcessInfo.append(b)
		}
		if r.Misc != nil {
			b = r.Misc.append(b)
		}
		return AppendInt16(b, ascEOT)
	})
}

// Decode decodes a whole packet, header included. On a truncated packet it
// returns ErrShortMessage with the fields read so far filled in.
func (r *ConnRequest) Decode(b []byte) error {
	h, err := DecodeSLHeader(b)
	if err != nil {
		return err
	}
	if h.Type != PacketConnect {
		return &ProtocolError{Reason: fmt.Sprintf("association packet type %d, want %d", h.Type, PacketConnect)}
	}
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
	r.ClientVersion = d.ascString()
	r.SerialNumber = d.ascString()
	r.AppID = d.ascString()
	r.Cap1 = d.int32()
	r.Cap2 = d.int32()
	r.Cap3 = d.int32()
	r.UserType = d.int16()
	r.User = d.ascString()
	r.Password = d.ascString()
	r.Product = d.fixed(productSize)
	d.int32() // protocol again
	r.Transport = d.fixed(transportSize)
	r.NetLevel = d.int32()
	d.expect16(ascStmtOptions, "statement options marker")
	d.expect16(ascOptionType, "statement option type")
	r.StmtOptions = d.int32()
	r.Server = d.ascString()
	r.Database = d.ascString()
	for i := range r.Reserved {
		r.Reserved[i] = d.int16()
	}
	r.Env, r.ProcessInfo, r.Misc = r.Env[:0], nil, nil
	for d.err == nil {
		m := d.int16()
		if d.err != nil {
			break
		}
		switch m {
		case ascEnv:
			r.Env = decodeEnvBlock(&d, r.Env)
		case ascProcessInfo:
			r.ProcessInfo = new(ProcessInfo)
			r.ProcessInfo.decode(&d)
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

// EnvValue returns the value of the named login environment variable.
func (r *ConnRequest) EnvValue(name string) (string, bool) {
	for _, e := range r.Env {
		if e.Name == name {
			return e.Value, true
		}
	}
	return "", false
}

// String describes the request without the password.
func (r *ConnRequest) String() string {
	return fmt.Sprintf("ConnRequest{user=%q server=%q database=%q env=%d}", r.User, r.Server, r.Database, len(r.Env))
}

// MinConnRequestSize is the length of the shortest connection request:
// every string empty and no optional block. A server can refuse a first
// packet declared shorter as soon as its length field arrives (nmap's
// informix-brute opens connections on which it only sends SQ_EXIT).
const MinConnRequestSize = 100
